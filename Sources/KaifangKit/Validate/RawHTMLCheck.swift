/// Raw HTML in a description is never dropped silently: the page keeps its
/// allowlisted structure (see `HTMLAllowlist`) and the publisher is told what
/// was taken out.
enum RawHTMLCheck {
    static func check(_ documents: [RawDocument]) -> [Diagnostic] {
        documents.parallelMap { document -> Diagnostic? in
            let text: String, location: SourceLocation
            if !document.body.trimmedWhitespace.isEmpty {
                text = document.body
                location = SourceLocation(file: document.file, line: document.bodyLine, column: 1)
            } else if let node = document["description"] ?? document["notes"], let value = node.scalar {
                text = value
                location = node.location
            } else {
                return nil
            }
            let removed = Markdown.rawHTMLRemovals(text)
            guard !removed.isEmpty else { return nil }
            return .warning(at: location, "raw HTML in the description was reduced to safe structure; removed: \(removed.joined(separator: ", "))",
                            code: "description.raw-html",
                            hint: "paragraphs, headings, lists, tables, emphasis and http(s)/mailto links are kept; "
                                + "write the rest in Markdown, or leave it out")
        }.compactMap { $0 }
    }
}
