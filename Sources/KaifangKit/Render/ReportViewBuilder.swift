/// The page of the yearly evaluation report: the figures of each department
/// and its advice in words, from the portal's i18n strings (`report.advice.*`,
/// with `{count}` and `{datasets}` filled in). The build's year is evaluated
/// from the catalogue; earlier years from their year-end versions in git.
struct ReportViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    func view(year: Int) -> MustacheObject {
        let current = year == catalog.buildDay.year
        let report = current ? YearlyReport(catalog: catalog, statistics: views.statistics, previous: catalog.earlierReports.last)
            : catalog.earlierReports.first { $0.year == year }!
        func filled(_ key: String) -> String {
            views.label(key).replacingOccurrences(of: "{year}", with: String(report.year))
                .replacingOccurrences(of: "{previous}", with: String(report.year - 1))
        }
        let title = filled("report.title")
        var view = views.base(for: .report(year: report.year), title: title,
                              breadcrumbs: [(views.label("stats.title"), "stats/"), (title, nil)])
        view["report_title"] = .string(title)
        view["report_year"] = .int(report.year)
        view["as_of"] = .string(report.asOf.description)
        view["has_history"] = .bool(report.hasHistory)
        // The oldest year git reaches has no year before it; without git there are no earlier years at all.
        view["no_history"] = .string(filled(catalog.earlierReports.isEmpty ? "report.no_history" : "report.no_previous"))
        view["history_note"] = .string(report.hasHistory ? filled("report.history_note") : "")
        view["earlier_note"] = .string(current ? "" : filled("report.earlier_note"))
        let years = ([catalog.buildDay.year] + catalog.earlierReports.map(\.year).reversed()).filter { $0 != report.year }
        view["other_years"] = .objects(years.map { ["other_year": .int($0), "path": .string(ReportExporter.folder($0))] })
        view["has_other_years"] = .bool(!years.isEmpty)
        view["departments"] = .objects(report.departments.map { row($0, history: report.hasHistory) })
        view["totals"] = .object(row(report.total, history: report.hasHistory))
        // The link check is of today's addresses: earlier years have no such figure.
        view["has_link_check"] = .bool(current && catalog.linkStatistics != nil)
        return view
    }

    private func row(_ department: YearlyReport.Department, history: Bool) -> MustacheObject {
        [
            "change": .string(change(department.change, history: history)),
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

    /// `提供 +3，开放 +2，共享 0，按期更新率 -5 个百分点，质量 +12 分`; `—` without the previous year.
    private func change(_ change: YearlyReport.Change?, history: Bool) -> String {
        guard history else { return "—" }
        guard let change else { return views.label("report.change_new") }
        func signed(_ value: Int) -> String { value > 0 ? "+\(value)" : String(value) }
        return Formatting.fill(views.label("report.change_format"), [
            "provided": signed(change.provided), "open": signed(change.open), "shared": signed(change.shared),
            "on_time": signed(change.onTimePercent), "quality": signed(change.quality),
        ])
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
