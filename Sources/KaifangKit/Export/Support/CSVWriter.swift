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
    /// Where the rows go: memory by default, or a file being written.
    public let sink: ByteSink

    public init(header: [String], into sink: ByteSink = ByteSink()) {
        self.sink = sink
        sink.append(contentsOf: [0xEF, 0xBB, 0xBF])
        append(header)
    }

    public func append(_ row: [String]) {
        var line: [UInt8] = []
        for (index, cell) in row.enumerated() {
            if index > 0 { line.append(UInt8(ascii: ",")) }
            Self.appendCell(cell, to: &line)
        }
        line.append(contentsOf: [0x0D, 0x0A])
        sink.append(contentsOf: line)
    }

    /// The file so far, for a writer into memory.
    public var data: Data { sink.data }

    /// One cell as it appears in the file: neutralised, then quoted if needed.
    public static func cell(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendCell(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Byte by byte: every character that matters here is ASCII, and a
    /// scan over the UTF-8 is several times faster than over characters.
    static func appendCell(_ value: String, to out: inout [UInt8]) {
        let utf8 = value.utf8
        let quoted = utf8.contains { $0 == quote || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A }
        if quoted { out.append(quote) }
        if let first = utf8.first, formulaStarts.contains(first) { out.append(UInt8(ascii: "'")) }
        if quoted {
            for byte in utf8 {
                out.append(byte)
                if byte == quote { out.append(quote) }
            }
            out.append(quote)
        } else {
            out.append(contentsOf: utf8)
        }
    }

    static let quote = UInt8(ascii: "\"")
    /// What a spreadsheet would run as a formula at the start of a cell.
    static let formulaStarts: Set<UInt8> = Set("=+-@\t\r".utf8)
}
