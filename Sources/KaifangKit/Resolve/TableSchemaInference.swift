import Foundation

/// Infers a Table Schema for a hosted CSV or TSV that declares none, so that
/// Data Package consumers get typed columns (datapackage-to-datasette would
/// otherwise create a table with no columns at all).
///
/// The whole file is read, never a sample: a type is chosen only when every
/// non-empty value of the column has it, so the inferred schema cannot make
/// the publisher's own file invalid. Empty cells are missing values (the
/// Table Schema default), so they do not decide a type.
enum TableSchemaInference {
    /// Types from narrowest to widest; a column keeps the first that fits every value.
    enum ColumnType: Int, CaseIterable {
        case integer, number, date, string

        var name: String {
            switch self {
            case .integer: "integer"
            case .number: "number"
            case .date: "date"
            case .string: "string"
            }
        }
    }

    /// nil when the file is not UTF-8, not well-formed, has no header, or a
    /// header that no schema can name (empty or repeated column names).
    static func infer(_ data: Data, separator: Character = ",") -> [SchemaField]? {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else { return nil }
        let rows: [CSVRow]
        if separator == "," {
            guard case .success(let parsed) = CSVReader.parse(text) else { return nil }
            rows = parsed
        } else {
            rows = text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).enumerated().map { index, line in
                CSVRow(cells: line.split(separator: separator, omittingEmptySubsequences: false).map {
                    CSVCell(value: String($0), line: index + 1, column: 1)
                }, line: index + 1)
            }
        }
        guard let header = rows.first?.cells.map(\.value), !header.isEmpty else { return nil }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains(""), Set(names).count == names.count else { return nil }
        var types = Array(repeating: ColumnType.integer, count: names.count)
        for row in rows.dropFirst() {
            for (column, cell) in row.cells.prefix(names.count).enumerated() where types[column] != .string {
                types[column] = widen(types[column], toFit: cell.value)
            }
        }
        return zip(names, types).map { SchemaField(name: $0, type: $1.name) }
    }

    /// The narrowest type at least as wide as `current` that reads `value`.
    static func widen(_ current: ColumnType, toFit value: String) -> ColumnType {
        if value.isEmpty { return current }
        for type in ColumnType.allCases where type.rawValue >= current.rawValue {
            if fits(value, type) { return type }
        }
        return .string
    }

    static func fits(_ value: String, _ type: ColumnType) -> Bool {
        switch type {
        case .integer: return isInteger(value)
        case .number: return isNumber(value)
        case .date: return Day(iso: value) != nil && value.count == 10
        case .string: return true
        }
    }

    /// Digits with an optional minus sign. A leading zero ("0531", a phone
    /// area code; "007", a code) means an identifier, not a number: as an
    /// integer it would lose the zero in every importer.
    static func isInteger(_ value: String) -> Bool {
        let digits = value.first == "-" ? value.dropFirst() : Substring(value)
        guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return digits.count == 1 || digits.first != "0"
    }

    /// A decimal such as `-12.50` or `3`, without exponent or thousands separators.
    static func isNumber(_ value: String) -> Bool {
        let unsigned = value.first == "-" ? value.dropFirst() : Substring(value)
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if whole.count > 1 && whole.first == "0" { return false }
        if parts.count == 2 {
            let fraction = parts[1]
            return !fraction.isEmpty && fraction.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return true
    }
}
