/// Reads typed values out of a located YAML mapping, reporting every
/// problem with its position, and remembering which fields were used so
/// that unknown ones (often typos) can be pointed out.
struct FieldReader {
    let node: YAMLNode
    let context: String
    var diagnostics = Diagnostics()
    private(set) var used: Set<String> = []

    init(_ node: YAMLNode, context: String) {
        self.node = node
        self.context = context
    }

    var location: SourceLocation { node.location }

    mutating func raw(_ key: String) -> YAMLNode? {
        used.insert(key)
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    /// The first of several alternative names (e.g. JKAN's) that is present.
    mutating func raw(_ keys: [String]) -> (key: String, node: YAMLNode)? {
        for key in keys { used.insert(key) }
        for key in keys { if let value = node[key], !value.isNull { return (key, value) } }
        return nil
    }

    mutating func string(_ key: String, required: Bool = false, hint: String? = nil) -> String? {
        string([key], required: required, hint: hint)
    }

    mutating func string(_ keys: [String], required: Bool = false, hint: String? = nil) -> String? {
        guard let (key, value) = raw(keys) else {
            if required {
                diagnostics.error(location, "\(context) has no \(keys[0])", code: "\(codePrefix).\(keys[0])",
                                  hint: hint ?? "add a line `\(keys[0]): …`")
            }
            return nil
        }
        guard let text = value.scalar else {
            diagnostics.error(value.location, "\(key) must be a single value, not \(value.kindName)", code: "\(codePrefix).\(key)")
            return nil
        }
        let trimmed = text.trimmedWhitespace
        if trimmed.isEmpty {
            if required {
                diagnostics.error(value.location, "\(key) is empty", code: "\(codePrefix).\(key)", hint: hint)
            }
            return nil
        }
        return trimmed
    }

    /// An English version of a text field (`title_en`, `description_en`,
    /// `name_en`): one value, as `string` reads it, with a hint that shows the
    /// form. Han characters in it are most likely the original pasted into
    /// the wrong field, which would put Chinese on an English portal and tag
    /// it `@en` in DCAT: a warning, since a proper name may need them.
    mutating func englishText(_ key: String, example: String) -> String? {
        if let value = raw(key), value.scalar == nil {
            diagnostics.error(value.location, "\(key) must be a single line of text, not \(value.kindName)", code: "\(codePrefix).\(key)",
                              hint: "write it as `\(key): \(example)`")
            return nil
        }
        guard let text = string(key) else { return nil }
        if text.unicodeScalars.contains(where: { (0x3400...0x9FFF).contains($0.value) }) {
            diagnostics.warning(raw(key)!.location, "\(key) \"\(text)\" holds Chinese characters, but it is shown as the English text",
                                code: "i18n.english-has-chinese",
                                hint: "write the English text here, e.g. `\(key): \(example)`; the Chinese original stays in the field without _en")
        }
        return text
    }

    /// A list of strings; a single value is taken as a list of one.
    mutating func stringList(_ keys: [String]) -> (values: [String], location: SourceLocation)? {
        guard let (key, value) = raw(keys) else { return nil }
        switch value.value {
        case .scalar(let text, _):
            let parts = text.split(whereSeparator: { ",，;；".contains($0) })
                .map { $0.trimmedWhitespace }.filter { !$0.isEmpty }
            return (parts, value.location)
        case .sequence(let items):
            var values: [String] = []
            for item in items {
                if let text = item.scalar?.trimmedWhitespace, !text.isEmpty {
                    values.append(text)
                } else if !item.isNull {
                    diagnostics.error(item.location, "each item of \(key) must be a single value, not \(item.kindName)",
                                      code: "\(codePrefix).\(key)")
                }
            }
            return (values, value.location)
        default:
            diagnostics.error(value.location, "\(key) must be a list", code: "\(codePrefix).\(key)",
                              hint: "write it as `\(key): [a, b]`")
            return nil
        }
    }

    /// - Parameter portalSynonyms: the portal's own wordings (`synonyms:` in
    ///   site.yaml), taken silently: the portal has said what they mean.
    mutating func vocabulary<V: CatalogueVocabulary>(_ key: String, _ type: V.Type, required: Bool = false,
                                                     hint: String? = nil, portalSynonyms: [String: String] = [:]) -> V? {
        guard let text = string(key, required: required, hint: hint ?? "allowed: \(V.allowedValues)") else { return nil }
        if let value = V(catalogueValue: text) { return value }
        if let canonical = portalSynonyms[V.synonymKey(text)], let value = V(catalogueValue: canonical) { return value }
        if let value = V.synonym(text) {
            diagnostics.note(raw(key)!.location, "\(key) \"\(text)\" is read as \(value.rawValue) (\(value.chineseName))",
                             code: "\(codePrefix).synonym",
                             hint: "write `\(key): \(value.rawValue)` to say it in the catalogue's words, or list the wording "
                                + "under `synonyms: {\(key): {…}}` in site.yaml to take it without a note")
            return value
        }
        let suggestion = Suggestions.closest(to: text, in: V.allCases.map(\.rawValue))
        diagnostics.error(raw(key)!.location, "\(key) \"\(text)\" is not one of the catalogue's values",
                          code: "\(codePrefix).\(key)",
                          hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "allowed: \(V.allowedValues)")
        return nil
    }

    mutating func day(_ key: String) -> (day: Day, location: SourceLocation)? {
        day([key])
    }

    /// The first of several alternative names (JKAN's `date_created` for `issued`).
    mutating func day(_ keys: [String]) -> (day: Day, location: SourceLocation)? {
        guard let text = string(keys) else { return nil }
        let (key, node) = raw(keys)!
        let location = node.location
        guard let day = Day(iso: text) else {
            diagnostics.error(location, "\(key) \"\(text)\" is not a real date", code: "\(codePrefix).date",
                              hint: "write dates as YYYY-MM-DD, e.g. 2024-03-15")
            return nil
        }
        return (day, location)
    }

    /// Warns about fields nobody read, suggesting the closest known name.
    mutating func warnAboutUnknownFields(known: [String]) {
        for entry in node.entries ?? [] where !used.contains(entry.key) {
            let suggestion = Suggestions.closest(to: entry.key, in: known)
            diagnostics.warning(entry.keyLocation, "unknown field \"\(entry.key)\" is ignored", code: "\(codePrefix).unknown-field",
                                hint: suggestion.map { "did you mean \"\($0)\"?" })
        }
    }

    var codePrefix: String { context.split(separator: " ").last.map(String.init) ?? context }
}
