/// An RFC 4180 reader that keeps where each cell starts, since quoted cells
/// may span lines and a diagnostic must point at the physical line.
public struct CSVCell: Sendable, Equatable {
    public var value: String
    public var line: Int
    public var column: Int
}

public struct CSVRow: Sendable {
    public var cells: [CSVCell]
    public var line: Int
}

public enum CSVReader {
    public struct Failure: Error, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Parses decoded text (BOM removed). Line ends: LF or CRLF.
    public static func parse(_ text: String) -> Result<[CSVRow], Failure> {
        var rows: [CSVRow] = []
        var cells: [CSVCell] = []
        var field = String.UnicodeScalarView()
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1
        var rowLine = 1
        var inQuotes = false
        var quotedField = false
        var afterClosingQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            cells.append(CSVCell(value: String(field), line: fieldLine, column: fieldColumn))
            field = String.UnicodeScalarView()
            quotedField = false
            afterClosingQuote = false
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                        column += 2
                        continue
                    }
                    inQuotes = false
                    afterClosingQuote = true
                    column += 1
                    pending = next
                    continue
                }
                field.append(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            }
            switch scalar {
            case ",":
                endField()
                column += 1
                fieldLine = line
                fieldColumn = column
            case "\r":
                column += 1
            case "\n":
                endField()
                rows.append(CSVRow(cells: cells, line: rowLine))
                cells = []
                line += 1
                column = 1
                fieldLine = line
                fieldColumn = 1
                rowLine = line
            case "\"" where field.isEmpty && !quotedField:
                inQuotes = true
                quotedField = true
                column += 1
            default:
                if afterClosingQuote {
                    return .failure(Failure(line: line, column: column,
                                            message: "unexpected text after a closing quote"))
                }
                field.append(scalar)
                column += 1
            }
        }
        if inQuotes {
            return .failure(Failure(line: fieldLine, column: fieldColumn, message: "a quoted cell is never closed"))
        }
        if !field.isEmpty || !cells.isEmpty || quotedField {
            endField()
            rows.append(CSVRow(cells: cells, line: rowLine))
        }
        return .success(rows)
    }
}
