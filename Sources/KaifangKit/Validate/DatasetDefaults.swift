/// `defaults:` and `synonyms:` of site.yaml: how a portal whose files leave
/// out fields (JKAN's have no open attribute, often no department) or write
/// them in its own words builds as it is, without editing every file.
enum DatasetDefaults {
    /// Fields a portal may give once for every dataset that omits them.
    static let fields = ["open_type", "share_type", "share_method", "update_frequency", "license", "organization", "themes", "keywords",
                         "spatial", "contact"]
    static let vocabularyFields = ["open_type", "share_type", "share_method", "update_frequency"]

    /// The entries of `defaults:`; their values keep their site.yaml positions,
    /// so a wrong default is reported once, at site.yaml, not at every dataset.
    static func read(_ site: YAMLNode?, into diagnostics: inout Diagnostics) -> [YAMLEntry] {
        guard let node = site?["defaults"], !node.isNull else { return [] }
        guard let entries = node.entries else {
            diagnostics.error(node.location, "defaults must be a set of `field: value` lines", code: "site.defaults",
                              hint: "e.g. `defaults: {open_type: open, organization: jtt}`")
            return []
        }
        var kept: [YAMLEntry] = []
        for entry in entries {
            if fields.contains(entry.key) {
                kept.append(entry)
            } else {
                let suggestion = Suggestions.closest(to: entry.key, in: fields)
                diagnostics.error(entry.keyLocation, "defaults cannot set \"\(entry.key)\"", code: "site.defaults",
                                  hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "defaults may set: \(fields.joined(separator: ", "))")
            }
        }
        return kept
    }

    /// The document with every default it lacks (a field that is absent or empty).
    static func apply(_ defaults: [YAMLEntry], to document: RawDocument) -> RawDocument {
        guard !defaults.isEmpty, var entries = document.fields.entries else { return document }
        let missing = defaults.filter { entry in document[entry.key].map { $0.isNull || $0.scalar?.trimmedWhitespace == "" } ?? true }
        guard !missing.isEmpty else { return document }
        entries.removeAll { entry in missing.contains { $0.key == entry.key } }
        entries.append(contentsOf: missing)
        var filled = document
        filled.fields = YAMLNode(.mapping(entries), at: document.fields.location)
        return filled
    }

    /// A Markdown file with no `id` line (JKAN's have none) is known by its file
    /// name, which is stable; a portal that demands real resource codes
    /// (`resource_code_pattern`) gets the error instead.
    static func identifyByFileName(_ document: RawDocument, into diagnostics: inout Diagnostics) -> RawDocument {
        // Only a file with no `id:` line at all: an `id:` left empty (a scaffold) is a field to fill in.
        guard document["id"] == nil, !document.file.hasSuffix("catalog.csv"), var entries = document.fields.entries else { return document }
        let location = document.fields.location
        entries.append(YAMLEntry(key: "id", keyLocation: location, value: YAMLNode(.scalar(document.slug, quoted: true), at: location)))
        diagnostics.note(location, "dataset has no id: its file name \"\(document.slug)\" is used", code: "dataset.id-from-file-name",
                         hint: "add `id:` with the resource code (信息资源代码): an id from the file name changes when the file is renamed")
        var identified = document
        identified.fields = YAMLNode(.mapping(entries), at: document.fields.location)
        return identified
    }

    /// `synonyms: {update_frequency: {半月: monthly}}`: the portal's own wordings,
    /// keyed by field and then by the wording as vocabulary lookups compare it.
    static func readSynonyms(_ site: YAMLNode?, into diagnostics: inout Diagnostics) -> [String: [String: String]] {
        guard let node = site?["synonyms"], !node.isNull else { return [:] }
        guard let entries = node.entries else {
            diagnostics.error(node.location, "synonyms must be a set of fields, each a set of `wording: value` lines",
                              code: "site.synonyms", hint: "e.g. `synonyms: {update_frequency: {半月: monthly}}`")
            return [:]
        }
        var result: [String: [String: String]] = [:]
        for entry in entries {
            guard vocabularyFields.contains(entry.key) else {
                diagnostics.error(entry.keyLocation, "synonyms cannot be given for \"\(entry.key)\"", code: "site.synonyms",
                                  hint: "synonyms are for the catalogue's controlled values: \(vocabularyFields.joined(separator: ", "))")
                continue
            }
            guard let wordings = entry.value.entries else {
                diagnostics.error(entry.value.location, "synonyms of \(entry.key) must be `wording: value` lines", code: "site.synonyms")
                continue
            }
            var map: [String: String] = [:]
            for wording in wordings {
                guard let target = wording.value.scalar?.trimmedWhitespace, let allowed = canonical(target, field: entry.key) else {
                    diagnostics.error(wording.value.location, "\"\(wording.value.scalar ?? wording.value.kindName)\" is not one of the catalogue's \(entry.key) values",
                                      code: "site.synonyms", hint: "allowed: \(allowedValues(entry.key))")
                    continue
                }
                map[OpenType.synonymKey(wording.key)] = allowed
            }
            result[entry.key] = map
        }
        return result
    }

    private static func canonical(_ text: String, field: String) -> String? {
        switch field {
        case "open_type": OpenType(catalogueValue: text)?.rawValue
        case "share_type": ShareType(catalogueValue: text)?.rawValue
        case "share_method": ShareMethod(catalogueValue: text)?.rawValue
        default: UpdateFrequency(catalogueValue: text)?.rawValue
        }
    }

    private static func allowedValues(_ field: String) -> String {
        switch field {
        case "open_type": OpenType.allowedValues
        case "share_type": ShareType.allowedValues
        case "share_method": ShareMethod.allowedValues
        default: UpdateFrequency.allowedValues
        }
    }
}
