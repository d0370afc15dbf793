import Foundation

/// Reads a CSV file record by record, a chunk of bytes at a time, so a file
/// of gigabytes needs no more memory than one record. The encoding is the one
/// the privacy scan reads the file in (UTF-8 with or without BOM, GB18030,
/// UTF-16): the rows served are the rows that were scanned.
/// Quoting follows RFC 4180 (quoted cells may hold separators, quotes as `""`
/// and line breaks); line ends are LF or CRLF.
struct CSVRecordStream {
    enum Failure: Error, CustomStringConvertible {
        case notText(String)

        var description: String {
            switch self {
            case .notText(let noun): "the file holds \(noun), not CSV text"
            }
        }
    }

    let url: URL
    /// Bytes read at a time (small in tests, to cut records and characters at every place).
    var chunkSize = 256 * 1024

    /// Calls `record` with the cells of every record, the header first.
    /// Blank lines are skipped (a record of one empty cell).
    func forEachRecord(_ record: ([String]) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var parser = Parser()
        // The encoding is decided on the same head the privacy scan sniffs.
        let head = try handle.read(upToCount: PrivacyScanner.sampleSize) ?? Data()
        let content = FileContent.sniff(head)
        guard case .text(let encoding, let bom) = content else { throw Failure.notText(content.noun) }
        var decoder = ScanDecoder(encoding: encoding)
        var failure: Error?
        var pending = head.dropFirst(bom)
        while true {
            while !pending.isEmpty {
                let piece = pending.prefix(max(chunkSize, 1))
                pending = pending.dropFirst(piece.count)
                decoder.decode(piece) { scalar in
                    guard failure == nil else { return }
                    if let cells = parser.consume(scalar) {
                        do { try record(cells) } catch { failure = error }
                    }
                }
                if let failure { throw failure }
            }
            guard let chunk = try handle.read(upToCount: max(chunkSize, 1)), !chunk.isEmpty else { break }
            pending = chunk[...]
        }
        decoder.finish { scalar in
            guard failure == nil else { return }
            if let cells = parser.consume(scalar) {
                do { try record(cells) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        if let cells = parser.finish() { try record(cells) }
    }

    /// The RFC 4180 state machine, one Unicode scalar at a time.
    struct Parser {
        private var cells: [String] = []
        private var field = String.UnicodeScalarView()
        private var inQuotes = false
        /// A quote just closed a quoted cell: a second quote right after it is a literal quote.
        private var quoteClosed = false
        /// Whether anything of the current record has been read.
        private var started = false

        /// The cells of a record when `scalar` ends one.
        mutating func consume(_ scalar: Unicode.Scalar) -> [String]? {
            started = true
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    quoteClosed = true
                } else {
                    field.append(scalar)
                }
                return nil
            }
            if quoteClosed {
                quoteClosed = false
                if scalar == "\"" {
                    field.append("\"")
                    inQuotes = true
                    return nil
                }
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                endField()
            case "\r":
                // CRLF: the LF ends the record. A lone CR is dropped, as the whole-file reader does.
                break
            case "\n":
                return endRecord()
            default:
                field.append(scalar)
            }
            return nil
        }

        /// The last record, when the file does not end with a line break.
        mutating func finish() -> [String]? {
            guard started else { return nil }
            return endRecord()
        }

        private mutating func endField() {
            cells.append(String(field))
            field = String.UnicodeScalarView()
        }

        private mutating func endRecord() -> [String]? {
            endField()
            let record = cells
            cells = []
            started = false
            inQuotes = false
            quoteClosed = false
            if record.count == 1 && record[0].isEmpty { return nil }
            return record
        }
    }
}
