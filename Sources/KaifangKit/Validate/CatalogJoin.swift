/// Joins catalog.csv rows with dataset Markdown files on `id`. The Markdown
/// file may add fields and supplies the description; a field the two set
/// differently is an error, since the portal cannot know which is right.
enum CatalogJoin {
    static func join(markdown: [RawDocument], rows: [RawDocument]) -> ([RawDocument], Diagnostics) {
        var diagnostics = Diagnostics()
        var markdownIndexByID: [String: Int] = [:]
        for (index, document) in markdown.enumerated() {
            if let id = document["id"]?.scalar?.trimmedWhitespace, markdownIndexByID[id] == nil {
                markdownIndexByID[id] = index
            }
        }
        var joined = markdown
        for row in rows {
            guard let id = row["id"]?.scalar, let index = markdownIndexByID[id] else {
                joined.append(row)
                continue
            }
            var document = joined[index]
            var entries = document.entries
            for entry in row.entries {
                if let existing = entries.first(where: { $0.key == entry.key }) {
                    if canonical(entry.key, existing.value) != canonical(entry.key, entry.value) {
                        diagnostics.error(entry.value.location,
                                          "\(entry.key) differs from \(existing.value.location.file) (line \(existing.value.location.line)) for dataset \"\(id)\"",
                                          code: "catalog-csv.conflict",
                                          hint: "the row and the Markdown file are joined on id; give the field one value, in one place")
                    }
                } else {
                    entries.append(entry)
                }
            }
            document.fields = YAMLNode(.mapping(entries), at: document.fields.location)
            if document.body.trimmedWhitespace.isEmpty {
                document.body = row.body
            }
            joined[index] = document
        }
        return (joined, diagnostics)
    }

    /// A comparable form: enumerations in English, lists item by item, mappings by key.
    static func canonical(_ key: String, _ node: YAMLNode) -> String {
        switch node.value {
        case .null: return ""
        case .scalar(let text, _):
            let trimmed = text.trimmedWhitespace
            switch key {
            case "open_type": return OpenType(catalogueValue: trimmed)?.rawValue ?? trimmed
            case "share_type": return ShareType(catalogueValue: trimmed)?.rawValue ?? trimmed
            case "update_frequency": return UpdateFrequency(catalogueValue: trimmed)?.rawValue ?? trimmed
            case "issued", "modified", "start", "end": return Day(iso: trimmed)?.description ?? trimmed
            default: return trimmed
            }
        case .sequence(let items):
            return items.map { canonical(key, $0) }.joined(separator: "\u{1F}")
        case .mapping(let entries):
            return entries.sorted { $0.key < $1.key }.map { "\($0.key)=\(canonical($0.key, $0.value))" }.joined(separator: "\u{1E}")
        }
    }
}
