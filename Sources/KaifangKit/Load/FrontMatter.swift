/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterDocument: Sendable {
    /// The YAML between the `---` lines.
    public var yaml: String
    /// How many lines come before the YAML (the opening `---`).
    public var yamlLineOffset: Int
    public var body: String
    /// The 1-based line where the body starts.
    public var bodyLine: Int

    /// Splits `text` (already decoded, LF line ends).
    public static func split(_ text: String, file: String) -> Result<FrontMatterDocument, Diagnostic> {
        guard text.hasPrefix("---\n") || text == "---" else {
            return .failure(.error(
                at: SourceLocation(file: file, line: 1, column: 1),
                text.isEmpty ? "the file is empty" : "the file does not start with front matter",
                code: "front-matter.missing",
                hint: "begin the file with a line `---`, the fields (`title: …`), and another line `---`"))
        }
        let utf8 = text.utf8
        var lineNumber = 2
        var lineStart = utf8.index(utf8.startIndex, offsetBy: 4, limitedBy: utf8.endIndex) ?? utf8.endIndex
        let yamlStart = lineStart
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: 10) ?? utf8.endIndex
            let line = text[lineStart..<lineEnd]
            if line == "---" || line == "..." || line == "--- " {
                let yaml = String(text[yamlStart..<lineStart])
                let bodyStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
                return .success(FrontMatterDocument(
                    yaml: yaml, yamlLineOffset: 1, body: String(text[bodyStart...]), bodyLine: lineNumber + 1))
            }
            lineNumber += 1
            lineStart = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
        }
        return .failure(.error(
            at: SourceLocation(file: file, line: 1, column: 1),
            "the front matter is not closed",
            code: "front-matter.unterminated",
            hint: "add a line `---` after the last field"))
    }
}
