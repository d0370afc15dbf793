import Foundation

/// `reports/<year>/report.json` and `report.csv`: the yearly evaluation for
/// machines, from the same `YearlyReport` as the page. Advice is written as
/// what it is about (a kind, a count, the datasets), not as sentences, so the
/// files read the same whatever the portal's language.
/// Written by `StatsExporter`, which has the publishing statistics the report is made from.
public struct ReportExporter {
    public init() {}

    public static let csvColumns = [
        "organization", "organization_name", "provided", "open", "conditional", "shared", "scheduled", "on_time",
        "on_time_percent", "quality_mean", "quality_band", "broken_links", "advice", "year", "as_of",
        "change_provided", "change_open", "change_shared", "change_on_time_percent", "change_quality",
    ]

    public static func folder(_ year: Int) -> String { "reports/\(year)/" }

    public func export(_ report: YearlyReport) -> [Artifact] {
        let folder = Self.folder(report.year)
        return [
            Artifact(path: folder + "report.json", data: JSONWriter().data(json(report))),
            Artifact(path: folder + "report.csv", data: csv(report)),
        ]
    }

    func csv(_ report: YearlyReport) -> Data {
        let writer = CSVWriter(header: Self.csvColumns)
        for department in report.departments + [report.total] {
            var row = [department.slug ?? "", department.name]
            row += [department.provided, department.open, department.conditional, department.shared, department.scheduled,
                    department.onTime, department.onTimePercent, department.quality].map(String.init)
            row.append(department.band.rawValue)
            row.append(department.brokenLinks.map(String.init) ?? "")
            row.append(department.advice.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ";"))
            row += [String(report.year), report.asOf.description]
            if let change = department.change {
                row += [change.provided, change.open, change.shared, change.onTimePercent, change.quality].map(String.init)
            } else {
                row += Array(repeating: "", count: 5)
            }
            writer.append(row)
        }
        return writer.data
    }

    func json(_ report: YearlyReport) -> JSONValue {
        func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }
        func department(_ d: YearlyReport.Department) -> JSONValue {
            .object([
                ("organization", .optional(d.slug)),
                ("name", .string(d.name)),
                ("provided", int(d.provided)),
                ("open", int(d.open)),
                ("conditional", int(d.conditional)),
                ("shared", int(d.shared)),
                ("scheduled", int(d.scheduled)),
                ("on_time", int(d.onTime)),
                ("quality", .object([("mean", int(d.quality)), ("band", .string(d.band.rawValue))])),
                ("broken_links", d.brokenLinks.map(int) ?? .null),
                // Against the end of the previous year; null without its figures (no history, or a department new this year).
                ("change", d.change.map { change in
                    .object([("provided", int(change.provided)), ("open", int(change.open)), ("shared", int(change.shared)),
                             ("on_time_percent", int(change.onTimePercent)), ("quality", int(change.quality))])
                } ?? .null),
                ("advice", .array(d.advice.map { advice in
                    .object([
                        ("kind", .string(advice.kind.rawValue)),
                        ("count", int(advice.count)),
                        ("datasets", .array(advice.datasets.map { .object([("id", .string($0.id)), ("title", .string($0.title))]) })),
                    ])
                })),
            ])
        }
        return .object([
            ("year", int(report.year)),
            ("as_of", .string(report.asOf.description)),
            ("history", .bool(report.hasHistory)),
            ("departments", .array(report.departments.map(department))),
            ("total", department(report.total)),
        ])
    }
}
