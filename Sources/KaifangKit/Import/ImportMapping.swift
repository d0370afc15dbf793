import Foundation

/// Values shared by every importer: controlled values, licences, formats and
/// the way a record reports what it could not keep.
struct ImportRecord {
    let name: String
    let location: SourceLocation

    /// A controlled value in the catalogue's English form, or nil with a warning that says what was left out.
    func vocabulary<V: CatalogueVocabulary>(_ text: String?, _ type: V.Type, field: String,
                                            at location: SourceLocation, _ catalog: inout ImportedCatalog) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if let value = V(catalogueValue: text) ?? V.synonym(text) { return value.rawValue }
        catalog.diagnostics.warning(location, "\(name): \(field) \"\(text)\" is none of the catalogue's values and was left out",
                                    code: "import.value",
                                    hint: "allowed: \(V.allowedValues); add it by hand, or map the wording in site.yaml `synonyms:`")
        return nil
    }

    func unmapped(_ field: String, at location: SourceLocation, _ catalog: inout ImportedCatalog) {
        catalog.unmapped(field, at: location, in: name)
    }
}

enum ImportMapping {
    /// A description as Markdown: HTML converted, with a warning naming what could not be kept.
    static func description(_ text: String?, record: ImportRecord, at location: SourceLocation,
                            _ catalog: inout ImportedCatalog) -> String {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return "" }
        guard HTMLToMarkdown.looksLikeHTML(text) else { return TextDecoder.normalizeLineEnds(text) }
        let (markdown, removed) = HTMLToMarkdown.convert(text)
        if !removed.isEmpty {
            catalog.diagnostics.warning(location, "\(record.name): the HTML description was turned into Markdown without \(removed.joined(separator: ", "))",
                                        code: "import.html", hint: "check the description in the written file")
        }
        return markdown
    }

    /// The start and end of an ISO 8601 interval (`2020-01-01/2020-12-31`, DCAT-US `temporal`).
    static func interval(_ text: String?) -> (start: String?, end: String?)? {
        guard let text, let slash = text.firstIndex(of: "/") else { return nil }
        let start = ImportSlug.day(String(text[..<slash]))
        let end = ImportSlug.day(String(text[text.index(after: slash)...]))
        return start == nil && end == nil ? nil : (start, end)
    }

    /// A format name from a media type or a file extension, for sources that give none.
    static func format(declared: String?, mediaType: String?, url: String?) -> String? {
        if let declared = declared?.trimmingCharacters(in: .whitespaces), !declared.isEmpty {
            // DCAT-AP's file-type authority URIs end with the EU code, which is the format's name or stands for it (RDF_TURTLE).
            let code = declared.hasPrefix("http") ? declared.split(separator: "/").last.map(String.init) ?? declared : declared
            return Formats.name(forEUFileType: code) ?? code
        }
        let byMediaType: [String: String] = [
            "text/csv": "CSV", "application/json": "JSON", "application/geo+json": "GeoJSON", "application/xml": "XML",
            "text/xml": "XML", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
            "application/vnd.ms-excel": "XLS", "application/pdf": "PDF", "application/zip": "ZIP", "text/plain": "TXT",
            "text/html": "HTML", "application/rdf+xml": "RDF", "text/turtle": "TTL",
        ]
        if let mediaType, let format = byMediaType[mediaType.lowercased().split(separator: ";").first.map(String.init) ?? ""] {
            return format
        }
        if let url, let path = URL(string: url)?.path, let dot = path.lastIndex(of: ".") {
            let ext = path[path.index(after: dot)...]
            if (2...7).contains(ext.count), ext.allSatisfy({ $0.isLetter || $0.isNumber }) { return ext.uppercased() }
        }
        return nil
    }

    /// A licence as Kaifang writes it: the SPDX id of a licence it knows by its URL (http or https,
    /// with or without the final `/`, as CKAN's register and DCAT files write them), else the value as given.
    static func license(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        func key(_ url: String) -> String {
            var text = url.lowercased()
            for prefix in ["https://", "http://"] where text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
            if text.hasPrefix("www.") { text.removeFirst(4) }
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        if let known = Licenses.known.first(where: { key($0.url) == key(value) }) { return known.id }
        if let id = registerURLs[key(value)] { return id }
        // CKAN's register ids and common names (cc-by, odc-odbl, "Creative Commons Attribution") as the build reads them.
        if let id = LicenseNames.common[LicenseNames.key(value)] { return id }
        return value
    }

    /// The licence addresses of CKAN's default register (opendefinition.org) and the UK's, by the SPDX id Kaifang knows them as.
    static let registerURLs: [String: String] = [
        "opendefinition.org/licenses/cc-by": "CC-BY-4.0", "opendefinition.org/licenses/cc-by-sa": "CC-BY-SA-4.0",
        "opendefinition.org/licenses/cc-zero": "CC0-1.0", "opendefinition.org/licenses/odc-odbl": "ODbL-1.0",
        "opendefinition.org/licenses/odc-pddl": "PDDL-1.0", "opendefinition.org/licenses/odc-by": "ODC-BY-1.0",
        "reference.data.gov.uk/id/open-government-licence": "OGL-UK-3.0",
        "nationalarchives.gov.uk/doc/open-government-licence/version/3": "OGL-UK-3.0",
    ]

    /// `mailto:` removed from an e-mail address.
    static func email(_ text: String?) -> String? {
        guard var text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        return text
    }

    /// The last path segment of a Kaifang-like dataset page (`…/datasets/<slug>/`), which keeps addresses on a round trip.
    static func slug(fromPage page: String?) -> String? {
        guard let page, let url = URL(string: page) else { return nil }
        let parts = url.path.split(separator: "/")
        guard parts.count >= 2, parts[parts.count - 2] == "datasets" else { return nil }
        let slug = String(parts[parts.count - 1]).removingPercentEncoding ?? String(parts[parts.count - 1])
        return Slug.isSafe(slug) ? slug : nil
    }

    /// A slug for a dataset from its identifier (its last path segment when the identifier is a URL) or its title.
    static func datasetSlug(id: String, title: String, page: String?) -> String {
        if let slug = slug(fromPage: page) { return slug }
        var tail = id
        if id.hasPrefix("http"), let last = URL(string: id)?.path.split(separator: "/").last { tail = String(last) }
        let slug = Slug.fromIdentifier(tail)
        return slug == "dataset" ? Slug.fromTitle(title) : slug
    }
}
