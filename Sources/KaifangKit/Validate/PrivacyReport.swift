/// Turns what a privacy scan found into diagnostics: errors that show masked
/// values only, a summary beyond the limit, and one note per excepted column.
struct PrivacyReport {
    var diagnostics: [Diagnostic] = []

    init(scan: PrivacyStreamScan, displayPath: String, exceptions: [PrivacyException]) {
        let isTable: Bool
        if case .table = scan.layout { isTable = true } else { isTable = false }
        let names = scan.columnNames

        func columnName(_ field: Int) -> String {
            let name = field >= 1 && field <= names.count ? names[field - 1] : ""
            return name.isEmpty ? "\(field)" : name
        }
        func location(_ position: ScanPosition) -> SourceLocation {
            SourceLocation(file: displayPath, line: position.line, column: isTable ? position.field : position.column)
        }

        for finding in scan.reported {
            let kind = finding.kind
            if isTable {
                let column = columnName(finding.position.field)
                diagnostics.append(.error(
                    at: location(finding.position),
                    "personal data: \(kind.phrase) (\(finding.masked)) in column \(column)",
                    code: kind.code,
                    hint: "remove the column or mask its values (like \(finding.masked)) before publishing; "
                        + "if it holds no personal data, declare a reviewed exception on the resource: "
                        + "`privacy_exceptions: [{column: \(column), reason: …}]`"))
            } else {
                diagnostics.append(.error(
                    at: location(finding.position),
                    "personal data: \(kind.phrase) (\(finding.masked))",
                    code: kind.code,
                    hint: "remove or mask the value (like \(finding.masked)) before publishing"))
            }
        }

        for marking in scan.secrecy {
            diagnostics.append(PrivacyScanner.diagnostic(.secrecy(marking.marking), at: location(marking.position),
                                                         in: isTable ? "column \(columnName(marking.position.field))" : nil))
        }

        if let first = scan.firstUnreported {
            let total = scan.unreportedCount.values.reduce(0, +)
            let kinds = PersonalDataKind.allCases.compactMap { kind in
                scan.unreportedCount[kind].map(kind.counted)
            }
            diagnostics.append(.error(
                at: location(first),
                "… and \(total) more values that look like personal data in this file (\(kinds.joined(separator: ", ")))",
                code: "privacy.more",
                hint: "only the first \(scan.reportLimit) are listed; the whole file needs cleaning before it is published"))
        }

        for field in scan.excepted.keys.sorted() {
            guard let hits = scan.excepted[field] else { continue }
            let column = columnName(field)
            let reason = exceptions.first { $0.column.trimmingCharacters(in: .whitespaces) == column }?.reason ?? ""
            let kinds = PersonalDataKind.allCases.filter(hits.kinds.contains).map { "\($0.noun)s" }.joined(separator: " or ")
            diagnostics.append(Diagnostic(.note,
                at: location(hits.first),
                "\(hits.count) \(hits.count == 1 ? "value" : "values") in column \(column) look like \(kinds); "
                    + "published under a reviewed exception: \(reason)",
                code: "privacy.exception"))
        }

        diagnostics += Self.unmatchedExceptions(exceptions, scan: scan, displayPath: displayPath, isTable: isTable)
        diagnostics.sort()
    }

    /// An exception that names no column of the file protects nothing, and is most likely a typo.
    static func unmatchedExceptions(_ exceptions: [PrivacyException], scan: PrivacyStreamScan,
                                    displayPath: String, isTable: Bool) -> [Diagnostic] {
        exceptions.compactMap { exception in
            let column = exception.column.trimmingCharacters(in: .whitespaces)
            if !isTable {
                return .warning(at: exception.location,
                                "privacy exception for column \(column): \(displayPath) is not a CSV or TSV table, so it has no columns",
                                code: "privacy.exception-column",
                                hint: "exceptions apply to the columns of tables; remove or mask the values in other files")
            }
            guard !scan.columnNames.contains(column) else { return nil }
            let suggestion = Suggestions.closest(to: column, in: scan.columnNames.filter { !$0.isEmpty })
            return .warning(at: exception.location,
                            "privacy exception for column \(column): \(displayPath) has no such column",
                            code: "privacy.exception-column",
                            hint: suggestion.map { "did you mean \($0)?" }
                                ?? "the columns are: \(scan.columnNames.joined(separator: ", "))")
        }
    }
}
