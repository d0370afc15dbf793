/// The page of the yearly evaluation report: the figures of each department
/// and its advice in words, from the portal's i18n strings (`report.advice.*`,
/// with `{count}` and `{datasets}` filled in).
struct ReportViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    func view() -> MustacheObject {
        let report = YearlyReport(catalog: catalog, statistics: views.statistics)
        let title = views.label("report.title").replacingOccurrences(of: "{year}", with: String(report.year))
        var view = views.base(for: .report(year: report.year), title: title,
                              breadcrumbs: [(views.label("stats.title"), "stats/"), (title, nil)])
        view["report_title"] = .string(title)
        view["report_year"] = .int(report.year)
        view["has_history"] = .bool(report.hasHistory)
        view["no_history"] = .string(views.label("report.no_history").replacingOccurrences(of: "{year}", with: String(report.year)))
        view["departments"] = .objects(report.departments.map(row))
        view["totals"] = .object(row(report.total))
        view["has_link_check"] = .bool(catalog.linkStatistics != nil)
        return view
    }

    private func row(_ department: YearlyReport.Department) -> MustacheObject {
        [
            "name": .string(department.name),
            "path": .string(department.slug.map { catalog.organizationPath($0) } ?? ""),
            "anchor": .string(department.slug.map { "dept-" + $0 } ?? "total"),
            "provided": .int(department.provided),
            "open": .int(department.open),
            "conditional": .int(department.conditional),
            "shared": .int(department.shared),
            "scheduled": .int(department.scheduled),
            "on_time": .int(department.onTime),
            "on_time_percent": .int(department.onTimePercent),
            "quality": .int(department.quality),
            "quality_band_label": .string(views.label("quality.band.\(department.band.rawValue)")),
            "broken_links": .int(department.brokenLinks ?? 0),
            "has_advice": .bool(!department.advice.isEmpty),
            "advice": .objects(department.advice.map(advice)),
        ]
    }

    private func advice(_ advice: YearlyReport.Advice) -> MustacheObject {
        var names = advice.datasets.map { views.label("text.quote_open") + $0.title + views.label("text.quote_close") }.joined(separator: views.label("report.list_separator"))
        if advice.count > advice.datasets.count {
            names += views.label("report.and_more").replacingOccurrences(of: "{count}", with: String(advice.count))
        }
        let text = views.label("report.advice.\(advice.kind.rawValue)")
            .replacingOccurrences(of: "{count}", with: String(advice.count))
            .replacingOccurrences(of: "{datasets}", with: names)
        return ["advice_text": .string(text), "advice_kind": .string(advice.kind.rawValue)]
    }
}
