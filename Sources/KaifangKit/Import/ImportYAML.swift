import Foundation

/// YAML written by the importers: fields in a fixed order, strings plain
/// where a reader sees them as the same text, double-quoted otherwise, so a
/// re-import writes the same bytes and the publisher reads ordinary YAML.
enum ImportYAML {
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
                    || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static let reservedWords: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if " \t".unicodeScalars.contains(last) || " \t".unicodeScalars.contains(first) { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) { return false }
        if reservedWords.contains(text.lowercased()) { return false }
        // Numbers and number-like codes stay text only when quoted; dates are read as text by Kaifang.
        if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil,
           text.range(of: #"^[-+.]?[0-9]"#, options: .regularExpression) != nil { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80..<0xA0).contains($0.value)
            && $0 != "\u{2028}" && $0 != "\u{2029}" && $0 != "\u{FEFF}" }
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { value in
            // Flow lists end at `,` `]` `}`: quote anything holding them.
            value.contains(where: { ",[]{}".contains($0) }) ? quoted(value) : scalar(value)
        }.joined(separator: ", ") + "]"
    }

    /// A dataset file: front matter in the order of `kaifang new dataset`, then the description.
    static func datasetFile(_ dataset: ImportedDataset) -> String {
        var lines = ["---", "id: " + scalar(dataset.id), "title: " + scalar(dataset.title)]
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(key): " + scalar(value)) }
        }
        add("title_en", dataset.englishTitle)
        if let english = dataset.englishDescriptionMarkdown, !english.isEmpty { lines.append("description_en: " + quoted(english)) }
        add("organization", dataset.organization)
        if !dataset.themes.isEmpty { lines.append("themes: " + list(dataset.themes)) }
        if !dataset.keywords.isEmpty { lines.append("keywords: " + list(dataset.keywords)) }
        add("open_type", dataset.openType)
        add("share_type", dataset.shareType)
        add("share_condition", dataset.shareCondition)
        add("share_method", dataset.shareMethod)
        add("share_requirements", dataset.shareRequirements)
        add("update_frequency", dataset.updateFrequency)
        add("issued", dataset.issued)
        add("modified", dataset.modified)
        add("license", dataset.license)
        if !dataset.contact.isEmpty {
            lines.append("contact:")
            if let name = dataset.contact.name { lines.append("  name: " + scalar(name)) }
            if let email = dataset.contact.email { lines.append("  email: " + scalar(email)) }
            if let phone = dataset.contact.phone { lines.append("  phone: " + scalar(phone)) }
        }
        add("spatial", dataset.spatial)
        if dataset.temporalStart != nil || dataset.temporalEnd != nil {
            lines.append("temporal:")
            if let start = dataset.temporalStart { lines.append("  start: " + scalar(start)) }
            if let end = dataset.temporalEnd { lines.append("  end: " + scalar(end)) }
        }
        if !dataset.resources.isEmpty {
            lines.append("resources:")
            for resource in dataset.resources {
                lines.append("  - name: " + scalar(resource.name))
                func addResource(_ key: String, _ value: String?) {
                    if let value, !value.isEmpty { lines.append("    \(key): " + scalar(value)) }
                }
                addResource("format", resource.format)
                addResource("url", resource.url)
                addResource("path", resource.path)
                addResource("media_type", resource.mediaType)
                if let description = resource.description, !description.isEmpty {
                    lines.append("    description: " + quoted(description))
                }
                if !resource.schema.isEmpty {
                    lines.append("    schema:")
                    for field in resource.schema {
                        lines.append("      - name: " + scalar(field.name))
                        if let type = field.type { lines.append("        type: " + scalar(type)) }
                        if let description = field.description, !description.isEmpty { lines.append("        description: " + quoted(description)) }
                        if let unit = field.unit, !unit.isEmpty { lines.append("        unit: " + scalar(unit)) }
                    }
                }
            }
        }
        if let origin = dataset.origin {
            lines.append("source:")
            lines.append("  name: " + scalar(origin.name))
            if let url = origin.url { lines.append("  url: " + scalar(url)) }
        }
        lines.append("---")
        let body = dataset.descriptionMarkdown.trimmingCharacters(in: .whitespacesAndNewlines)
        return lines.joined(separator: "\n") + "\n" + (body.isEmpty ? "" : "\n" + body + "\n")
    }

    static func organizationFile(_ organization: ImportedOrganization) -> String {
        var lines = ["---", "name: " + scalar(organization.name)]
        func add(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("\(key): " + scalar(value)) }
        }
        add("code", organization.code)
        add("homepage", organization.homepage)
        add("email", organization.email)
        add("phone", organization.phone)
        lines.append("---")
        let body = organization.description?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return lines.joined(separator: "\n") + "\n" + (body.isEmpty ? "" : "\n" + body + "\n")
    }

    static func themeLine(_ theme: ImportedTheme, indent: String) -> String {
        var line = indent + "- {slug: " + scalar(theme.slug) + ", title: " + quoted(theme.title)
        if let description = theme.description, !description.isEmpty { line += ", description: " + quoted(description) }
        if let code = theme.euTheme { line += ", eu_theme: " + scalar(code) }
        return line + "}"
    }
}
