/// The checks on `site.yaml` values that reach every page: links (same
/// rules as a dataset's), the issue-form template and its placeholders, and
/// the `limits:` block.
enum SiteLinks {
    /// What `feedback.issue_url` may hold between braces; `FeedbackLinks.form` fills them in.
    static let placeholders = ["id", "url", "title"]

    struct Problem {
        var message: String
        var hint: String?
    }

    /// nil when the template is an http(s) URL whose braces are all allowed placeholders.
    static func issueURLProblem(_ template: String) -> Problem? {
        let allowed = placeholders.map { "{\($0)}" }.joined(separator: ", ")
        var filled = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            filled += rest[..<open]
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                return Problem(message: "issue_url \"\(template)\" has an unmatched \"\(rest[open])\"",
                               hint: "braces may only surround a placeholder: \(allowed)")
            }
            let name = rest[rest.index(after: open)..<close]
            guard placeholders.contains(String(name)) else {
                return Problem(message: "issue_url \"\(template)\" has an unknown placeholder \"{\(name)}\"",
                               hint: "allowed placeholders: \(allowed)")
            }
            filled += "x"
            rest = rest[rest.index(after: close)...]
        }
        filled += rest
        guard URLRules.isWebURL(filled) else {
            return Problem(message: "issue_url \"\(template)\" is not an http(s) URL",
                           hint: "e.g. https://www.example.gov.cn/feedback?dataset={id}&url={url}")
        }
        return nil
    }

    /// Every key of `limits:` must be known and a whole number in its range.
    static func checkLimits(_ node: YAMLNode?, _ diagnostics: inout Diagnostics) {
        guard let node else { return }
        guard let entries = node.entries else {
            diagnostics.error(node.location, "limits must be a set of `name: number` lines", code: "site.limits")
            return
        }
        let names = ContentLimits.keys.map(\.name)
        for entry in entries {
            guard let key = ContentLimits.keys.first(where: { $0.name == entry.key }) else {
                let suggestion = Suggestions.closest(to: entry.key, in: names)
                diagnostics.error(entry.keyLocation, "unknown limit \"\(entry.key)\"", code: "site.limits",
                                  hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "known limits: \(names.joined(separator: ", "))")
                continue
            }
            if ContentLimits.value(entry.value, key: key) == nil {
                diagnostics.error(entry.value.location,
                                  "limits.\(entry.key) must be a whole number from \(key.range.lowerBound) to \(key.range.upperBound)",
                                  code: "site.limits")
            }
        }
    }
}
