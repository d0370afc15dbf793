import Foundation

/// Turns a file's bytes into text the way offices actually save files:
/// with or without a UTF-8 byte-order mark, with CRLF line ends.
public enum TextDecoder {
    /// Decodes UTF-8 (BOM removed, CRLF and lone CR turned into LF).
    /// Invalid UTF-8 is reported at the line and column of the first bad byte.
    public static func decodeUTF8(_ data: Data, file: String) -> Result<String, Diagnostic> {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8Position(bytes)
            return .failure(.error(
                at: SourceLocation(file: file, line: line, column: column),
                "the file is not valid UTF-8",
                code: "file.encoding",
                hint: "save the file as UTF-8 (in Notepad: Save As, Encoding: UTF-8; or `iconv -f GB18030 -t UTF-8`)"))
        }
        return .success(normalizeLineEnds(text))
    }

    public static func normalizeLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func firstInvalidUTF8Position(_ bytes: Data.SubSequence) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.endIndex
                || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                return (line, prefix.unicodeScalars.count + 1)
            }
            if byte == 10 {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}
