import Foundation

/// The state of one file's privacy scan as its bytes stream past: where the
/// reader is (line, character, CSV cell), the header's column names, and
/// what was found. Nothing of the file is kept beyond the header row.
struct PrivacyStreamScan {
    enum Layout: Sendable {
        case text
        /// CSV or TSV: positions are reported by cell, so quotes and line breaks inside cells are followed.
        case table(delimiter: UInt8)
    }

    enum Encoding: Sendable {
        case utf8
        /// Two- and four-byte characters; their second and fourth bytes may be ASCII digits, which are not digits of the text.
        case gb18030
    }

    private enum CellState {
        case start, unquoted, quoted, quoteInQuoted
    }

    let layout: Layout
    let encoding: Encoding
    private var detector: PersonalDataDetector

    private var line = 1
    private var column = 0
    private var field = 1
    private var cellState = CellState.start
    private var previous: (UInt8, UInt8) = (0, 0)
    private var legacyTrailBytes = 0

    // The header row, kept as raw bytes until it ends, then decoded.
    private var readingHeader: Bool
    private var headerFields: [[UInt8]] = []
    private var headerField: [UInt8] = []
    private var headerByteCount = 0
    static let headerByteLimit = 64 * 1024
    private(set) var columnNames: [String] = []
    private let exceptedColumnNames: Set<String>
    private var exceptedFields: Set<Int> = []

    // What was found.
    let reportLimit: Int
    private(set) var reported: [PersonalDataFinding] = []
    private(set) var unreportedCount: [PersonalDataKind: Int] = [:]
    private(set) var firstUnreported: ScanPosition?
    /// Hits in excepted columns, by column number: how many, of which kinds, where the first was.
    private(set) var excepted: [Int: (count: Int, kinds: Set<PersonalDataKind>, first: ScanPosition)] = [:]

    init(layout: Layout, encoding: Encoding, today: Day, exceptedColumns: Set<String>, reportLimit: Int) {
        self.layout = layout
        self.encoding = encoding
        self.detector = PersonalDataDetector(today: today)
        self.exceptedColumnNames = exceptedColumns
        self.reportLimit = reportLimit
        if case .table = layout { readingHeader = true } else { readingHeader = false }
    }

    /// Scans `bytes[0..<count]`; the buffer holds two more bytes after them
    /// (the next chunk's start, or zeros at the end of the file) to look ahead.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, count: Int) {
        precondition(bytes.count >= count + 2)
        let delimiter: UInt8?
        if case .table(let d) = layout { delimiter = d } else { delimiter = nil }
        let legacy = encoding == .gb18030
        for index in 0..<count {
            let raw = bytes[index]
            // Fast path for letters and UTF-8 text: never digits, delimiters, quotes or line ends.
            if raw >= 0x40 && !legacy {
                if raw & 0xC0 != 0x80 { column += 1 }
                if let delimiter, readingHeader || cellState == .start || cellState == .quoteInQuoted {
                    advanceCell(raw, delimiter: delimiter, endsLine: false)
                }
                previous = (raw, previous.0)
                continue
            }
            let next = (bytes[index + 1], bytes[index + 2])
            // The byte as the detector sees it: parts of multi-byte characters become a neutral 0x80.
            var byte = raw
            if legacy {
                if legacyTrailBytes > 0 {
                    legacyTrailBytes -= 1
                    byte = 0x80
                } else if raw >= 0x81 && raw <= 0xFE {
                    legacyTrailBytes = PersonalDataPatterns.isDigit(next.0) && next.1 >= 0x81 && next.1 <= 0xFE ? 3 : 1
                    byte = 0x80
                    column += 1
                } else if raw != 0x0A && raw != 0x0D {
                    column += 1
                }
            } else if raw & 0xC0 != 0x80 && raw != 0x0A && raw != 0x0D {
                column += 1
            }

            if PersonalDataPatterns.isDigit(byte) {
                let position = ScanPosition(line: line, column: column, field: delimiter == nil ? 0 : field)
                if let finding = detector.digit(byte, at: position, before: previous, after: next) {
                    record(finding)
                }
            }

            // A line ends at LF, CRLF (counted at the LF) or a lone CR.
            let endsLine = raw == 0x0A || (raw == 0x0D && next.0 != 0x0A)
            if endsLine {
                line += 1
                column = 0
            }
            // Multi-byte characters never contain quotes, delimiters or line ends, so cells follow the raw bytes.
            if let delimiter, readingHeader || cellState == .start || cellState == .quoteInQuoted
                || raw == delimiter || raw == 0x22 || endsLine {
                advanceCell(raw, delimiter: delimiter, endsLine: endsLine)
            }
            previous = (byte, previous.0)
        }
    }

    /// Follows RFC 4180 cells: quoted cells may hold delimiters, doubled quotes and line breaks.
    /// Lenient like spreadsheets: a quote inside an unquoted cell is text.
    private mutating func advanceCell(_ byte: UInt8, delimiter: UInt8, endsLine: Bool) {
        let quote = UInt8(ascii: "\"")
        switch cellState {
        case .start, .unquoted, .quoteInQuoted:
            if byte == delimiter {
                endCell()
            } else if endsLine {
                endRow()
            } else if byte == 0x0D {
                // The CR of a CRLF.
            } else if byte == quote && cellState == .start {
                cellState = .quoted
            } else if byte == quote && cellState == .quoteInQuoted {
                cellState = .quoted
                keepHeaderByte(quote)
            } else {
                cellState = .unquoted
                keepHeaderByte(byte)
            }
        case .quoted:
            if byte == quote {
                cellState = .quoteInQuoted
            } else {
                keepHeaderByte(byte)
            }
        }
    }

    private mutating func endCell() {
        field += 1
        cellState = .start
        if readingHeader {
            headerFields.append(headerField)
            headerField.removeAll()
        }
    }

    private mutating func endRow() {
        field = 1
        cellState = .start
        if readingHeader { finishHeader() }
    }

    private mutating func keepHeaderByte(_ byte: UInt8) {
        guard readingHeader, headerByteCount < Self.headerByteLimit else { return }
        headerField.append(byte)
        headerByteCount += 1
    }

    /// Decodes the header row (also at the end of a file without a line end).
    mutating func finishHeader() {
        guard readingHeader else { return }
        readingHeader = false
        headerFields.append(headerField)
        headerField = []
        columnNames = headerFields.enumerated().map { index, bytes in
            var bytes = bytes[...]
            if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            return Self.decodeName(bytes, encoding: encoding).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        headerFields = []
        for (index, name) in columnNames.enumerated() where exceptedColumnNames.contains(name) {
            exceptedFields.insert(index + 1)
        }
    }

    static func decodeName(_ bytes: ArraySlice<UInt8>, encoding: Encoding) -> String {
        if encoding == .gb18030, let text = LegacyEncoding.decodeGB18030(Data(bytes)) { return text }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func record(_ finding: PersonalDataFinding) {
        if exceptedFields.contains(finding.position.field) {
            var entry = excepted[finding.position.field] ?? (0, [], finding.position)
            entry.count += 1
            entry.kinds.insert(finding.kind)
            excepted[finding.position.field] = entry
        } else if reported.count < reportLimit {
            reported.append(finding)
        } else {
            if firstUnreported == nil { firstUnreported = finding.position }
            unreportedCount[finding.kind, default: 0] += 1
        }
    }
}
