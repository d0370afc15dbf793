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
            var conflicts: [(key: String, row: YAMLNode, markdown: YAMLNode)] = []
            for entry in row.entries {
                if let existing = entries.first(where: { $0.key == entry.key }) {
                    if canonical(entry.key, existing.value) != canonical(entry.key, entry.value) {
                        conflicts.append((entry.key, entry.value, existing.value))
                    }
                } else {
                    entries.append(entry)
                }
            }
            if conflicts.count == 1, let conflict = conflicts.first {
                diagnostics.error(conflict.row.location,
                                  "\(conflict.key) differs from \(conflict.markdown.location.file) (line \(conflict.markdown.location.line)) for dataset \"\(id)\"",
                                  code: "catalog-csv.conflict",
                                  hint: "the row and the Markdown file are joined on id; give the field one value, in one place")
            } else if conflicts.count > 1 {
                // Several fields apart: most likely a new dataset that took an id the catalogue already uses. Said once.
                let fields = conflicts.map { "\($0.key) (line \($0.markdown.location.line))" }.joined(separator: ", ")
                diagnostics.error(row["id"]?.location ?? row.fields.location,
                                  "this row and \(document.file) share id \"\(id)\" but differ in \(conflicts.count) fields: \(fields)",
                                  code: "catalog-csv.conflict",
                                  hint: "a row and a Markdown file with one id are one dataset: if the file is a new dataset, give it a new id; "
                                    + "if it adds to the row, give each field one value, in one place")
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
            case "share_method": return ShareMethod(catalogueValue: trimmed)?.rawValue ?? trimmed
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
