import Foundation

/// Descriptions from CKAN, DCAT and data.json are often HTML. At import they
/// become Markdown, so the publisher edits text, not tags; what the build's
/// allowlist would remove is removed here too, and named.
enum HTMLToMarkdown {
    /// Whether a description is HTML rather than Markdown or plain text.
    static func looksLikeHTML(_ text: String) -> Bool {
        text.range(of: #"</?(p|br|div|span|ul|ol|li|a|strong|b|em|i|h[1-6]|table|tr|td|font|blockquote|pre)(\s[^>]*)?/?>"#,
                   options: [.regularExpression, .caseInsensitive]) != nil
    }

    /// The Markdown for an HTML description, and what could not be kept.
    static func convert(_ html: String) -> (markdown: String, removed: [String]) {
        let parsed = HTMLAllowlist.parse(html)
        var writer = Writer()
        writer.blocks(parsed.nodes, indent: "")
        let text = writer.output.replacingOccurrences(of: #"\n{3,}"#, with: "\n\n", options: .regularExpression)
        return (text.trimmingCharacters(in: .whitespacesAndNewlines), parsed.removed)
    }

    private struct Writer {
        var output = ""

        static let blockNames: Set<String> = HTMLAllowlist.blocks

        mutating func blocks(_ nodes: [HTMLAllowlist.Node], indent: String) {
            var inlineRun: [HTMLAllowlist.Node] = []
            func flushInline(_ writer: inout Writer) {
                let text = Writer.inline(inlineRun).trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { writer.paragraph(text, indent: indent) }
                inlineRun = []
            }
            for node in nodes {
                if case .element(let name, _, let children) = node, Self.blockNames.contains(name) {
                    flushInline(&self)
                    block(name, children, indent: indent)
                } else {
                    inlineRun.append(node)
                }
            }
            flushInline(&self)
        }

        mutating func paragraph(_ text: String, indent: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
            output += lines.joined(separator: "\n") + "\n\n"
        }

        mutating func block(_ name: String, _ children: [HTMLAllowlist.Node], indent: String) {
            switch name {
            case "h1", "h2", "h3", "h4", "h5", "h6":
                let level = Int(name.dropFirst()) ?? 2
                let text = Self.inline(children).replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
                if !text.isEmpty { output += indent + String(repeating: "#", count: level) + " " + text + "\n\n" }
            case "ul", "ol":
                var number = 1
                for child in children {
                    guard case .element("li", _, let itemChildren) = child else { continue }
                    let marker = name == "ol" ? "\(number). " : "- "
                    number += 1
                    var inner = Writer()
                    inner.blocks(itemChildren, indent: "")
                    let lines = inner.output.trimmingCharacters(in: .whitespacesAndNewlines)
                        .split(separator: "\n", omittingEmptySubsequences: false)
                    let continuation = String(repeating: " ", count: marker.count)
                    for (index, line) in lines.enumerated() {
                        output += indent + (index == 0 ? marker : (line.isEmpty ? "" : continuation)) + line + "\n"
                    }
                }
                output += "\n"
            case "blockquote":
                var inner = Writer()
                inner.blocks(children, indent: "")
                for line in inner.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n", omittingEmptySubsequences: false) {
                    output += indent + (line.isEmpty ? ">" : "> " + line) + "\n"
                }
                output += "\n"
            case "pre":
                let code = Self.plainText(children)
                let fence = code.contains("```") ? "~~~~" : "```"
                output += indent + fence + "\n" + code.trimmingCharacters(in: .newlines) + "\n" + indent + fence + "\n\n"
            case "hr":
                output += indent + "---\n\n"
            case "table":
                // libcmark has no tables; the build's allowlist keeps a plain table written as HTML.
                output += indent + Self.tableHTML(children) + "\n\n"
            case "dl":
                for child in children {
                    guard case .element(let part, _, let partChildren) = child else { continue }
                    let text = Self.inline(partChildren).trimmingCharacters(in: .whitespacesAndNewlines)
                    guard !text.isEmpty else { continue }
                    paragraph(part == "dt" ? "**\(text)**" : text, indent: indent)
                }
            default:
                blocks(children, indent: indent)
            }
        }

        static func inline(_ nodes: [HTMLAllowlist.Node]) -> String {
            var text = ""
            for node in nodes {
                switch node {
                case .text(let value):
                    text += escape(value.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression))
                case .element(let name, let href, let children):
                    let inner = inline(children)
                    switch name {
                    case "strong", "b":
                        text += wrap(inner, "**")
                    case "em", "i":
                        text += wrap(inner, "*")
                    case "code":
                        let raw = plainText(children)
                        let ticks = raw.contains("`") ? "`` " : "`"
                        text += ticks + raw + (ticks == "`" ? "`" : " ``")
                    case "br":
                        text += "\\\n"
                    case "a":
                        if let href, !inner.trimmingCharacters(in: .whitespaces).isEmpty {
                            text += "[" + inner + "](<" + href.replacingOccurrences(of: ">", with: "%3E")
                                .replacingOccurrences(of: "<", with: "%3C") + ">)"
                        } else {
                            text += inner
                        }
                    default:
                        text += inner
                    }
                }
            }
            return text
        }

        static func wrap(_ text: String, _ marker: String) -> String {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return text }
            let lead = text.prefix(while: { $0 == " " })
            let trail = String(text.reversed().prefix(while: { $0 == " " }))
            return lead + marker + trimmed + marker + trail
        }

        static func plainText(_ nodes: [HTMLAllowlist.Node]) -> String {
            nodes.map { node -> String in
                switch node {
                case .text(let value): return value
                case .element("br", _, _): return "\n"
                case .element(_, _, let children): return plainText(children)
                }
            }.joined()
        }

        static func tableHTML(_ nodes: [HTMLAllowlist.Node]) -> String {
            func render(_ node: HTMLAllowlist.Node) -> String {
                switch node {
                case .text(let value): return htmlEscape(value)
                case .element(let name, let href, let children):
                    let inner = children.map(render).joined()
                    if name == "a", let href { return "<a href=\"\(htmlEscape(href))\">\(inner)</a>" }
                    return "<\(name)>\(inner)</\(name)>"
                }
            }
            return "<table>" + nodes.map(render).joined().replacingOccurrences(of: "\n", with: " ") + "</table>"
        }

        static func htmlEscape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }

        /// Text that Markdown would otherwise read as syntax.
        static func escape(_ text: String) -> String {
            var result = ""
            for character in text {
                if "\\`*_[]<>#|".contains(character) { result.append("\\") }
                result.append(character)
            }
            return result
        }
    }
}
