import Foundation

/// `stats.json` and `stats.csv`: the figures of the stats page and the
/// department scorecards (publishing volume, five-star levels, open vs
/// conditional, metadata quality, timeliness), for people who want to chart
/// or compare them. Both come from `PublishingStatistics`, like the pages.
public struct StatsExporter: Exporter {
    public init() {}

    public static let csvColumns = [
        "organization", "organization_name", "datasets", "open", "conditional", "resources", "machine_readable",
        "machine_readable_percent", "stars_0", "stars_1", "stars_2", "stars_3", "stars_4", "stars_5", "formats",
        "quality_mean", "quality_band", "findability", "accessibility", "interoperability", "reusability", "contextuality",
        "excellent", "good", "sufficient", "bad", "scheduled", "overdue", "as_of",
    ]

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        // Assessing every dataset's metadata is the expensive part: done once for the stats files and the yearly report.
        let statistics = PublishingStatistics(catalog: catalog, totalLabel: catalog.word("stats.total"))
        return [
            Artifact(path: "stats.json", data: JSONWriter().data(json(statistics, catalog: catalog), capacity: 4096 + catalog.datasets.count * 160)),
            Artifact(path: "stats.csv", data: csv(statistics, catalog: catalog)),
        ] + ReportExporter().export(YearlyReport(catalog: catalog, statistics: statistics, previous: catalog.earlierReports.last))
            + catalog.earlierReports.flatMap(ReportExporter().export)
    }

    func csv(_ statistics: PublishingStatistics, catalog: Catalog) -> Data {
        let writer = CSVWriter(header: Self.csvColumns)
        for figures in statistics.departments + [statistics.total] {
            var row = [figures.slug ?? "", figures.name]
            row += [figures.datasets, figures.open, figures.conditional, figures.resources, figures.machineReadable,
                    figures.machineReadablePercent].map(String.init)
            row += figures.stars.map(String.init)
            row.append(Self.formatList(figures.formats))
            row += [String(figures.quality), figures.band.rawValue]
            row += QualityDimension.allCases.map { String(figures.dimensionMean($0)) }
            row += figures.bands.map(String.init)
            row += [String(figures.scheduled), String(figures.overdue), catalog.buildDay.description]
            writer.append(row)
        }
        return writer.data
    }

    /// `CSV 12;XLSX 3`: most used first, then by name.
    static func formatList(_ formats: [String: Int]) -> String {
        formats.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ";")
    }

    func json(_ statistics: PublishingStatistics, catalog: Catalog) -> JSONValue {
        func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }
        func figures(_ f: PublishingStatistics.Figures) -> JSONValue {
            .object([
                ("organization", .optional(f.slug)),
                ("name", .string(f.name)),
                ("datasets", int(f.datasets)),
                ("open", int(f.open)),
                ("conditional", int(f.conditional)),
                ("resources", int(f.resources)),
                ("machine_readable", int(f.machineReadable)),
                ("stars", .array(f.stars.map(int))),
                ("formats", .object(f.formats.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    .map { ($0.key, int($0.value)) })),
                ("quality", .object([
                    ("mean", int(f.quality)),
                    ("band", .string(f.band.rawValue)),
                    ("dimensions", .object(QualityDimension.allCases.map { ($0.rawValue, int(f.dimensionMean($0))) })),
                    ("bands", .object(zip(QualityBand.allCases, f.bands).map { ($0.rawValue, int($1)) })),
                ])),
                ("scheduled", int(f.scheduled)),
                ("overdue", int(f.overdue)),
            ])
        }
        let overdue = Set(statistics.overdue)
        let datasets = catalog.datasets.enumerated().map { index, dataset -> JSONValue in
            let quality = statistics.quality[index]
            return .object([
                ("id", .string(dataset.id)),
                ("organization", .string(dataset.organizationSlug)),
                ("quality", int(quality.total)),
                ("band", .string(quality.band.rawValue)),
                ("dimensions", .array(QualityDimension.allCases.map { int(quality.points(in: $0)) })),
                ("overdue", .bool(overdue.contains(index))),
            ])
        }
        return .object([
            ("as_of", .string(catalog.buildDay.description)),
            ("quality_model", .object([
                ("maximum", int(QualityIndicator.maximum)),
                ("dimensions", .object(QualityDimension.allCases.map { ($0.rawValue, int($0.maximum)) })),
                ("bands", .object(QualityBand.allCases.map { ($0.rawValue, int($0.lowerBound)) })),
                ("dataset_dimensions_order", .strings(QualityDimension.allCases.map(\.rawValue))),
            ])),
            ("total", figures(statistics.total)),
            ("organizations", .array(statistics.departments.map(figures))),
            ("datasets", .array(datasets)),
        ] + linkFigures(catalog))
    }

    /// Broken external links per department, only when `kaifang check --links` left a cache.
    func linkFigures(_ catalog: Catalog) -> [(key: String, value: JSONValue)] {
        guard let links = catalog.linkStatistics else { return [] }
        func figures(_ f: LinkStatistics.Figures) -> JSONValue {
            .object([("links", .integer(Int64(f.links))), ("checked", .integer(Int64(f.checked))), ("broken", .integer(Int64(f.broken)))])
        }
        return [("links", .object([
            ("checked_day", .optional(links.checkedDay?.description)),
            ("total", figures(links.total)),
            ("organizations", .object(catalog.organizations.map { ($0.slug, figures(links.figures(for: $0.slug))) })),
        ]))]
    }
}
