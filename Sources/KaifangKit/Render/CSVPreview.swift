import Foundation

/// The first rows of a published CSV file, read at build time for the
/// dataset page's preview table. Only the start of the file is read (a
/// few kilobytes, never more than `maxBytes`), so a file of gigabytes costs
/// the same as a small one. UTF-8 (with or without BOM) or GB18030.
struct CSVPreview: Equatable, Sendable {
    static let rowLimit = 20
    static let maxBytes = 1 << 20
    /// Cells longer than this are cut (a preview, not the data).
    static let cellLimit = 200

    var header: [String]
    var rows: [[String]]
    /// Whether the file has more rows than shown (as far as what was read tells).
    var truncated: Bool

    /// Reads the preview of `url`; nil when the file cannot be read or parsed.
    static func read(_ url: URL, separator: Character = ",") -> CSVPreview? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        var bytes = Data()
        var atEnd = false
        var chunk = 16 * 1024
        // Read until the header and rowLimit + 1 records are in, counting
        // newlines outside quotes, or the file ends.
        while !atEnd && bytes.count < maxBytes {
            guard let data = try? handle.read(upToCount: chunk), !data.isEmpty else { atEnd = true; break }
            bytes.append(data)
            chunk = min(chunk * 2, maxBytes - bytes.count + 1)
            if recordEnds(in: bytes, limit: rowLimit + 2) != nil { break }
        }
        var slice = bytes
        var more = !atEnd
        if let end = recordEnds(in: bytes, limit: rowLimit + 1) {
            more = more || end < bytes.count
            slice = bytes.prefix(end)
        } else if !atEnd, let lastNewline = bytes.lastIndex(of: 0x0A) {
            slice = bytes.prefix(lastNewline + 1)
        }
        guard let text = decode(slice) else { return nil }
        return parse(text, separator: separator, more: more)
    }

    /// A data file's bytes as text: UTF-8 with or without BOM, or GB18030
    /// (as offices' spreadsheets save it), with line ends made `\n`.
    static func decode(_ bytes: Data) -> String? {
        var bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) ?? LegacyEncoding.decodeGB18030(Data(bytes)) else { return nil }
        return TextDecoder.normalizeLineEnds(text)
    }

    static func parse(_ text: String, separator: Character = ",", more: Bool = false) -> CSVPreview? {
        let input = separator == "," ? text : tabToComma(text)
        guard case .success(let parsed) = CSVReader.parse(input), let first = parsed.first else { return nil }
        func cut(_ value: String) -> String { value.count > cellLimit ? String(value.prefix(cellLimit)) + "…" : value }
        let header = first.cells.map { cut($0.value) }
        let body = parsed.dropFirst().filter { !($0.cells.count == 1 && $0.cells[0].value.isEmpty) }
        let rows = body.prefix(rowLimit).map { row -> [String] in
            var cells = row.cells.prefix(header.count).map { cut($0.value) }
            while cells.count < header.count { cells.append("") }
            return cells
        }
        return CSVPreview(header: header, rows: Array(rows), truncated: more || body.count > rowLimit)
    }

    /// The byte offset just past the `limit`-th record end (LF outside quotes), if read.
    static func recordEnds(in bytes: Data, limit: Int) -> Int? {
        var inQuotes = false
        var count = 0
        for (offset, byte) in bytes.enumerated() {
            if byte == 0x22 { inQuotes.toggle() }
            else if byte == 0x0A && !inQuotes {
                count += 1
                if count == limit { return offset + 1 }
            }
        }
        return nil
    }

    /// TSV has no quoting: turn it into CSV cells.
    static func tabToComma(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        }.joined(separator: "\n")
    }
}
