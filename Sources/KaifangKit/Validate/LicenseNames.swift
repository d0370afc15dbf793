/// Licences written by name, as JKAN portals do (`license: Creative Commons
/// Attribution`): the names of the portal's own `_data/licenses.yml`, then the
/// common names of the licences Kaifang knows.
struct LicenseNames: Sendable {
    /// By `key(name)`: a URL, or "" for a name that stands for no licence (JKAN's "Not Applicable").
    var portal: [String: String] = [:]

    enum Match: Equatable {
        /// The portal's own list gave it: taken silently.
        case portal(String)
        /// A common name of a licence Kaifang knows: taken with a note.
        case known(id: String)
        /// The portal's list says this name is no licence.
        case noLicense
    }

    func match(_ name: String) -> Match? {
        let key = Self.key(name)
        if let url = portal[key] { return url.isEmpty ? .noLicense : .portal(url) }
        return Self.common[key].map { .known(id: $0) }
    }

    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// JKAN's `_data/licenses.yml`: `items:` (or a bare list) of `{name, url}`.
    static func read(_ file: YAMLNode?, into diagnostics: inout Diagnostics) -> LicenseNames {
        guard let file else { return LicenseNames() }
        guard let items = (file["items"] ?? file).items else {
            diagnostics.error(file.location, "licenses.yml must be a list of {name, url} (under `items:` as JKAN writes it)",
                              code: "licenses.shape")
            return LicenseNames()
        }
        var names = LicenseNames()
        for item in items {
            var reader = FieldReader(item, context: "licenses")
            guard let name = reader.string("name", required: true) else {
                diagnostics.append(contentsOf: reader.diagnostics)
                continue
            }
            let url = reader.string("url") ?? ""
            if !url.isEmpty, !URLRules.isWebURL(url) {
                reader.diagnostics.error(reader.raw("url")!.location, "url \"\(url)\" is not an http(s) URL", code: "licenses.url")
            } else {
                names.portal[key(name)] = url
            }
            reader.warnAboutUnknownFields(known: ["name", "url"])
            diagnostics.append(contentsOf: reader.diagnostics)
        }
        return names
    }

    /// The names JKAN's and CKAN's default licence lists use, short forms, and the Chinese titles.
    static let common: [String: String] = {
        var table: [String: String] = [
            "creative commons attribution": "CC-BY-4.0", "creative commons attribution 4.0": "CC-BY-4.0",
            "creative commons attribution 4.0 international": "CC-BY-4.0", "cc-by": "CC-BY-4.0", "cc by": "CC-BY-4.0",
            "cc by 4.0": "CC-BY-4.0", "知识共享署名": "CC-BY-4.0",
            "creative commons attribution share-alike": "CC-BY-SA-4.0", "creative commons attribution-sharealike 4.0": "CC-BY-SA-4.0",
            "cc-by-sa": "CC-BY-SA-4.0", "cc by-sa": "CC-BY-SA-4.0", "cc by-sa 4.0": "CC-BY-SA-4.0",
            "creative commons non-commercial (any)": "CC-BY-NC-4.0", "cc-nc": "CC-BY-NC-4.0", "cc by-nc 4.0": "CC-BY-NC-4.0",
            "creative commons cczero": "CC0-1.0", "cc-zero": "CC0-1.0", "cc0": "CC0-1.0", "cc zero": "CC0-1.0",
            "open data commons attribution license": "ODC-BY-1.0", "odc-by": "ODC-BY-1.0",
            "open data commons open database license (odbl)": "ODbL-1.0", "open data commons open database license": "ODbL-1.0",
            "odc-odbl": "ODbL-1.0", "odbl": "ODbL-1.0",
            "open data commons public domain dedication and licence (pddl)": "PDDL-1.0",
            "open data commons public domain dedication and license (pddl)": "PDDL-1.0", "odc-pddl": "PDDL-1.0", "pddl": "PDDL-1.0",
            "uk open government licence": "OGL-UK-3.0", "uk open government licence (ogl)": "OGL-UK-3.0", "uk-ogl": "OGL-UK-3.0",
            "open government licence": "OGL-UK-3.0",
        ]
        for license in Licenses.known { table[key(license.title)] = license.id }
        return table
    }()
}
