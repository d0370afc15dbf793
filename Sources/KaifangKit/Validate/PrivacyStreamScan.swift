import Foundation

/// The state of one text's privacy scan as its characters stream past:
/// where the reader is (line, character, CSV cell), the header's column
/// names, and what was found. Nothing of the text is kept beyond the header row.
///
/// Characters arrive decoded (`ScanDecoder` turns UTF-8, GB18030 and UTF-16
/// bytes into Unicode scalars), pass through `PrivacyNormalizer`, and reach
/// the one `PersonalDataDetector` and the `SecrecyMarkings` every published
/// text goes through: files, office documents and metadata alike.
struct PrivacyStreamScan {
    enum Layout: Sendable, Equatable {
        case text
        /// CSV or TSV: positions are reported by cell, so quotes and line breaks inside cells are followed.
        case table(delimiter: UInt8)
    }

    private enum CellState {
        case start, unquoted, quoted, quoteInQuoted
    }

    let layout: Layout
    private let delimiter: Unicode.Scalar?
    private var detector: PersonalDataDetector
    private var normalizer = PrivacyNormalizer()
    private var markings = SecrecyMarkings()

    private var line = 1
    private var column = 0
    private var field = 1
    private var afterCR = false
    private var cellState = CellState.start

    // The detector's window: three characters behind the one being decided and three ahead.
    private var behind: PersonalDataDetector.Context = (0, 0, 0)
    private var waiting = 0
    private var ahead0: UInt8 = 0, ahead1: UInt8 = 0, ahead2: UInt8 = 0
    private var at0 = ScanPosition(line: 1, column: 1, field: 0)
    private var at1 = ScanPosition(line: 1, column: 1, field: 0)
    private var at2 = ScanPosition(line: 1, column: 1, field: 0)

    // The header row, kept until it ends.
    private var readingHeader: Bool
    private var headerFields: [String] = []
    private var headerField = String.UnicodeScalarView()
    private var headerCount = 0
    static let headerLimit = 64 * 1024
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
    /// Secrecy markings: never excepted, the first `reportLimit` kept.
    private(set) var secrecy: [SecrecyFinding] = []
    private(set) var secrecyCount = 0

    init(layout: Layout, today: Day, exceptedColumns: Set<String>, reportLimit: Int) {
        self.layout = layout
        if case .table(let d) = layout { delimiter = Unicode.Scalar(d) } else { delimiter = nil }
        self.detector = PersonalDataDetector(today: today)
        self.exceptedColumnNames = exceptedColumns
        self.reportLimit = reportLimit
        self.readingHeader = delimiter != nil
    }

    /// Scans one character of the text.
    mutating func consume(_ scalar: Unicode.Scalar) {
        let value = scalar.value
        // A line ends at LF, CR or CRLF (counted once).
        let isLineBreak = value == 0x0A || value == 0x0D
        let endsLine = value == 0x0A ? !afterCR : value == 0x0D
        afterCR = value == 0x0D
        if !isLineBreak { column += 1 }
        let position = ScanPosition(line: line, column: max(column, 1), field: delimiter == nil ? 0 : field)
        if value < 0x80 && value != 0x5C && normalizer.isIdle {
            // The commonest case: ASCII is its own byte.
            detect(scalar, UInt8(value), position)
        } else if normalizer.isIdle && value != 0x5C {
            // Without the normaliser's escape handling.
            if let byte = PrivacyNormalizer.byte(for: scalar) {
                detect(scalar, byte, position)
            }
        } else {
            consumeEscape(scalar, position)
        }
        if endsLine {
            line += 1
            column = 0
        }
        if let delimiter, readingHeader || cellState != .unquoted || value == delimiter.value || value == 0x22 || isLineBreak {
            advanceCell(scalar, delimiter: delimiter, endsLine: endsLine, isLineBreak: isLineBreak)
        }
    }

    /// Scans UTF-8 bytes; returns how many were used (a character cut off at
    /// the end waits for the next chunk). Invalid bytes count as U+FFFD each.
    mutating func consumeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                consume(Unicode.Scalar(lead))
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            guard length > 0, lead <= 0xF4 else {
                consume("\u{FFFD}")
                index += 1
                continue
            }
            if index + length > count {
                var continues = true
                for next in (index + 1)..<count where bytes[next] & 0xC0 != 0x80 { continues = false }
                if continues { return index }
                consume("\u{FFFD}")
                index += 1
                continue
            }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var valid = true
            for offset in 1..<length {
                let next = bytes[index + offset]
                if next & 0xC0 != 0x80 { valid = false; break }
                value = value << 6 | UInt32(next & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if valid, value >= minimum, let scalar = Unicode.Scalar(value) {
                consume(scalar)
                index += length
            } else {
                consume("\u{FFFD}")
                index += 1
            }
        }
        return count
    }

    // The rare paths live in functions of their own: in debug builds every local of a
    // function is zeroed on each call, and these run for nearly every character.

    /// A backslash, or what follows one: through the normaliser's escape handling.
    private mutating func consumeEscape(_ scalar: Unicode.Scalar, _ position: ScanPosition) {
        // The normaliser is taken out while it calls back into the scan.
        var normalizer = self.normalizer
        self.normalizer = PrivacyNormalizer()
        normalizer.push(scalar, at: position) { self.detect($0.scalar, $0.byte, $0.position) }
        self.normalizer = normalizer
    }

    private mutating func pushMarking(_ scalar: Unicode.Scalar, _ position: ScanPosition) {
        if let marking = markings.push(scalar, at: position) { recordMarking(marking) }
    }

    private mutating func decideDigit(_ digit: UInt8, after: PersonalDataDetector.Context) {
        if let finding = detector.digit(digit, at: at0, before: behind, after: after) { record(finding) }
    }

    /// Scans a whole string (a metadata field, a spreadsheet cell).
    mutating func consume(_ text: String) {
        for scalar in text.unicodeScalars { consume(scalar) }
    }

    /// Ends the text: what the normaliser and the window still hold is decided.
    mutating func finish() {
        var normalizer = self.normalizer
        self.normalizer = PrivacyNormalizer()
        normalizer.finish { self.detect($0.scalar, $0.byte, $0.position) }
        if let marking = markings.finish() { recordMarking(marking) }
        let end = ScanPosition(line: line, column: max(column, 1), field: 0)
        for _ in 0..<3 { step(0, end) }
        finishHeader()
    }

    private mutating func detect(_ scalar: Unicode.Scalar, _ byte: UInt8, _ position: ScanPosition) {
        if scalar.value >= 0x80 || !markings.isIdle {
            pushMarking(scalar, position)
        } else {
            markings.noteASCII(scalar)
        }
        step(byte, position)
    }

    private mutating func recordMarking(_ marking: SecrecyFinding) {
        secrecyCount += 1
        if secrecy.count < reportLimit { secrecy.append(marking) }
    }

    /// Moves the window one character on; the character three back from the newest is decided.
    private mutating func step(_ byte: UInt8, _ position: ScanPosition) {
        if waiting < 3 {
            switch waiting {
            case 0: (ahead0, at0) = (byte, position)
            case 1: (ahead1, at1) = (byte, position)
            default: (ahead2, at2) = (byte, position)
            }
            waiting += 1
            return
        }
        let current = ahead0
        if current &- 0x30 < 10 { decideDigit(current, after: (ahead1, ahead2, byte)) }
        behind = (current, behind.0, behind.1)
        (ahead0, at0) = (ahead1, at1)
        (ahead1, at1) = (ahead2, at2)
        (ahead2, at2) = (byte, position)
    }

    /// Follows RFC 4180 cells: quoted cells may hold delimiters, doubled quotes and line breaks.
    /// Lenient like spreadsheets: a quote inside an unquoted cell is text.
    private mutating func advanceCell(_ scalar: Unicode.Scalar, delimiter: Unicode.Scalar, endsLine: Bool, isLineBreak: Bool) {
        switch cellState {
        case .start, .unquoted, .quoteInQuoted:
            if scalar == delimiter {
                endCell()
            } else if endsLine {
                endRow()
            } else if isLineBreak {
                // The LF of a CRLF.
            } else if scalar == "\"" && cellState == .start {
                cellState = .quoted
            } else if scalar == "\"" && cellState == .quoteInQuoted {
                cellState = .quoted
                keepHeaderCharacter(scalar)
            } else {
                cellState = .unquoted
                keepHeaderCharacter(scalar)
            }
        case .quoted:
            if scalar == "\"" {
                cellState = .quoteInQuoted
            } else {
                keepHeaderCharacter(scalar)
            }
        }
    }

    private mutating func endCell() {
        field += 1
        cellState = .start
        if readingHeader {
            headerFields.append(String(headerField))
            headerField = String.UnicodeScalarView()
        }
    }

    private mutating func endRow() {
        field = 1
        cellState = .start
        if readingHeader { finishHeader() }
    }

    private mutating func keepHeaderCharacter(_ scalar: Unicode.Scalar) {
        guard readingHeader, headerCount < Self.headerLimit else { return }
        headerField.append(scalar)
        headerCount += 1
    }

    /// Names the columns (also at the end of a file without a line end).
    mutating func finishHeader() {
        guard readingHeader else { return }
        readingHeader = false
        headerFields.append(String(headerField))
        headerField = String.UnicodeScalarView()
        columnNames = headerFields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        headerFields = []
        for (index, name) in columnNames.enumerated() where exceptedColumnNames.contains(name) {
            exceptedFields.insert(index + 1)
        }
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

    /// Everything found, in one list (for callers that place findings themselves).
    var findingCount: Int { reported.count + unreportedCount.values.reduce(0, +) + secrecyCount }
}
