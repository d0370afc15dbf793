import Foundation

/// One portal the site harvests (`sources:` in site.yaml): a city portal
/// whose catalogue the province republishes.
public struct HarvestSource: Sendable, Equatable {
    public enum Format: String, Sendable, CaseIterable {
        case kaifang, dcat, datajson, ckan
    }

    public var slug: String
    public var name: String
    /// An http(s) address, or a file path relative to the project folder.
    public var location: String
    public var format: Format

    public var isRemote: Bool { IRI.isHTTP(location) }

    /// The file the last good harvest is kept in, inside `Harvest/<slug>/`.
    public var storedFileName: String {
        switch format {
        case .kaifang: "catalog.json"
        case .datajson: "data.json"
        case .ckan: "ckan.json"
        case .dcat: "catalog.dcat"
        }
    }

    /// The format an address names: Kaifang's catalog.json, a data.json, DCAT files, else a CKAN site.
    static func format(for location: String) -> Format? {
        let path = (URL(string: location)?.path ?? location).lowercased()
        if path.hasSuffix("/catalog.json") || path == "catalog.json" { return .kaifang }
        if path.hasSuffix("data.json") { return .datajson }
        if [".ttl", ".rdf", ".jsonld", ".xml", ".nt"].contains(where: { path.hasSuffix($0) }) { return .dcat }
        if location.hasPrefix("http"), !path.hasSuffix(".json") { return .ckan }
        return nil
    }

    /// A source's address in the site: the distinctive part of its host (`data.jinan.gov.cn` → jinan), else its name.
    static func defaultSlug(url: String?, name: String?) -> String {
        if let url, let host = URL(string: url)?.host {
            let generic: Set<Substring> = ["www", "data", "opendata", "portal"]
            let parts = host.split(separator: ".")
            if let part = parts.first(where: { !generic.contains($0) }) { return String(part) }
        }
        return name.map(Slug.fromTitle) ?? "source"
    }

    /// `sources:` of site.yaml, with an error for each entry that cannot be used.
    public static func decode(_ site: YAMLNode?, into diagnostics: inout Diagnostics) -> [HarvestSource] {
        guard let node = site?["sources"], !node.isNull else { return [] }
        guard let items = node.items else {
            diagnostics.error(node.location, "sources must be a list of portals: - {name, url}", code: "site.sources",
                              hint: "sources:\n  - name: 济南市公共数据开放网\n    url: https://data.jinan.example.gov.cn/catalog.json")
            return []
        }
        var sources: [HarvestSource] = []
        for item in items {
            var reader = FieldReader(item, context: "source")
            guard item.entries != nil else {
                diagnostics.error(item.location, "each source is a set of fields: {name, url}", code: "site.sources")
                continue
            }
            let name = reader.string("name", required: true, hint: "the portal's name, shown as 来源 on its datasets")
            let url = reader.string("url", required: true, hint: "its catalogue: a Kaifang catalog.json, DCAT, data.json or a CKAN site")
            var format: Format?
            if let given = reader.string("format") {
                format = Format(rawValue: given.lowercased())
                if format == nil {
                    reader.diagnostics.error(reader.raw("format")!.location, "source format \"\(given)\" is not one of kaifang, dcat, datajson, ckan",
                                             code: "site.sources")
                }
            } else if let url {
                format = Self.format(for: url)
                if format == nil {
                    reader.diagnostics.error(reader.raw("url")!.location, "cannot tell what kind of catalogue \"\(url)\" is",
                                             code: "site.sources", hint: "add `format: kaifang` (or dcat, datajson, ckan)")
                }
            }
            if let url, url.contains("://"), !IRI.isHTTP(url) || URL(string: url)?.host == nil {
                reader.diagnostics.error(reader.raw("url")!.location, "source url \"\(url)\" is not an http(s) address or a file path",
                                         code: "site.sources")
                format = nil
            }
            let slug = Slug.fromIdentifier(reader.string("slug") ?? defaultSlug(url: url, name: name))
            if sources.contains(where: { $0.slug == slug }) {
                reader.diagnostics.error(item.location, "two sources have the address \"\(slug)\"", code: "site.sources",
                                         hint: "give one of them its own `slug:`")
                format = nil
            }
            reader.warnAboutUnknownFields(known: ["name", "url", "format", "slug"])
            diagnostics.append(contentsOf: reader.diagnostics)
            if let name, let url, let format { sources.append(HarvestSource(slug: slug, name: name, location: url, format: format)) }
        }
        return sources
    }
}

/// What the last harvest of a source did, kept beside its file (`state.json`).
public struct HarvestState: Codable, Sendable, Equatable {
    public var location: String
    public var etag: String?
    public var lastModified: String?
    /// When the kept file was fetched (ISO 8601).
    public var fetchedAt: String?
    public var datasets: Int?
    /// The last attempt's failure, when it failed; the kept file is then older.
    public var error: String?
    public var failedAt: String?

    enum CodingKeys: String, CodingKey {
        case location, etag, datasets, error
        case lastModified = "last_modified", fetchedAt = "fetched_at", failedAt = "failed_at"
    }

    static func read(_ folder: URL) -> HarvestState? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("state.json").path) else { return nil }
        return try? JSONDecoder().decode(HarvestState.self, from: data)
    }

    func write(_ folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: folder.appendingPathComponent("state.json"), options: .atomic)
    }
}
