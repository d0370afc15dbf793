import Foundation

/// Writes tables that spreadsheet programs open correctly and safely.
///
/// - UTF-8 with a byte-order mark: without it Excel on a Chinese Windows
///   reads the file as GB18030 and shows mojibake.
/// - RFC 4180: CRLF after every record; a cell is quoted when it holds `"`,
///   `,`, CR or LF, and its quotes are doubled.
/// - Formula injection: a cell starting with `=`, `+`, `-`, `@`, TAB or CR is
///   run as a formula by spreadsheets (`=HYPERLINK(...)` in a title would be a
///   phishing link), so it gets a leading `'`, which spreadsheets hide.
public struct CSVWriter {
    private var buffer: [UInt8]

    public init(header: [String], estimatedRows: Int = 0) {
        buffer = []
        buffer.reserveCapacity(256 + estimatedRows * 512)
        buffer.append(contentsOf: [0xEF, 0xBB, 0xBF])
        append(header)
    }

    public mutating func append(_ row: [String]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: Self.cell(cell).utf8)
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    public var data: Data { Data(buffer) }

    /// One cell as it appears in the file: neutralised, then quoted if needed.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) {
            text = "'" + text
        }
        guard text.unicodeScalars.contains(where: { needsQuotes.contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    static let needsQuotes: Set<Unicode.Scalar> = ["\"", ",", "\r", "\n"]
}
