/// The stats page and the department scorecards: publishing volume, open vs
/// conditional, five-star levels, metadata quality (EU MQA) and timeliness,
/// each chart drawn as SVG with the same numbers in a table. The figures
/// come from `PublishingStatistics`, shared with `stats.json`/`stats.csv`.
struct StatsViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    static let starColors = ["#bcccdc", "#fce588", "#f7c948", "#3ebd93", "#147d64", "#014d40"]
    static let openColors = ["#1e6b3a", "#f0b429"]
    static let bandColors: [QualityBand: String] = [.excellent: "#147d64", .good: "#3ebd93", .sufficient: "#f7c948", .bad: "#d64545"]

    func view() -> MustacheObject {
        var view = views.base(for: .stats, title: views.label("stats.title"), breadcrumbs: [(views.label("stats.title"), "stats/")])
        let statistics = views.statistics
        let departments = statistics.departments.filter { $0.datasets > 0 }
        view["departments"] = .objects(departments.map(row))
        view["totals"] = .object(row(statistics.total))
        view["charts"] = .objects([
            chart(volumeChart(departments, id: "chart-volume")),
            chart(starsChart(departments, id: "chart-stars")),
            chart(qualityChart(departments, id: "chart-quality")),
            chart(timelinessChart(departments, id: "chart-timeliness")),
        ])
        view["star_headers"] = .objects((0...5).map { ["star_label": .string(starLabel($0))] })
        view["dimension_headers"] = .objects(QualityDimension.allCases.map {
            ["dimension_label": .string(views.label("quality.dimension.\($0.rawValue)")), "dimension_max": .int($0.maximum)]
        })
        view["band_headers"] = .objects(QualityBand.allCases.map { ["band_header": .string(views.label("quality.band.\($0.rawValue)"))] })
        view["quality_max"] = .int(QualityIndicator.maximum)
        view["report_year"] = .int(catalog.buildDay.year)
        if let links = catalog.linkStatistics {
            view["has_link_check"] = .bool(true)
            view["links_checked_day"] = .string(links.checkedDay?.description ?? "")
            view["links_broken"] = .int(links.total.broken)
            view["links_checked"] = .int(links.total.checked)
        }
        return view
    }

    func scorecard(organization index: Int) -> MustacheObject {
        let figures = views.statistics.departments[index]
        var card = row(figures)
        let slug = catalog.organizations[index].slug
        card["charts"] = .objects([
            chart(starsChart([figures], id: "org-chart-stars")),
            chart(dimensionsChart(figures, id: "org-chart-quality")),
        ])
        card["star_headers"] = .objects((0...5).map { ["star_label": .string(starLabel($0))] })
        card["dimension_rows"] = .objects(QualityDimension.allCases.map {
            ["dimension_label": .string(views.label("quality.dimension.\($0.rawValue)")), "dimension_points": .int(figures.dimensionMean($0)),
             "dimension_max": .int($0.maximum)]
        })
        let overdue = views.statistics.overdue.filter { catalog.datasets[$0].organizationSlug == slug }
        card["overdue_list"] = .objects(overdue.prefix(50).map { index -> MustacheObject in
            let dataset = catalog.datasets[index]
            return ["overdue_title": .string(catalog.displayTitle(dataset).text), "overdue_path": .string(catalog.datasetPath(dataset)),
                    "overdue_since": .string(dataset.lastChanged?.description ?? ""),
                    "overdue_frequency": .string(dataset.updateFrequency.map { views.label("frequency.\($0.rawValue)") } ?? "")]
        })
        card["has_overdue"] = .bool(!overdue.isEmpty)
        return card
    }

    private func chart(_ chart: SVGBarChart) -> MustacheObject {
        ["chart_id": .string(chart.id), "chart_title": .string(chart.title), "chart_description": .string(chart.description), "chart_svg": .string(chart.svg())]
    }

    private func starLabel(_ stars: Int) -> String {
        stars == 0 ? views.label("stats.stars_none") : String(repeating: "★", count: stars) + " \(stars)"
    }

    func volumeChart(_ departments: [PublishingStatistics.Figures], id: String) -> SVGBarChart {
        SVGBarChart(id: id, title: views.label("stats.chart_volume"), description: views.label("stats.chart_volume_desc"),
                    series: [views.label("stats.open"), views.label("stats.conditional")], colors: Self.openColors,
                    rows: departments.map { .init(label: $0.name, values: [$0.open, $0.conditional]) })
    }

    func starsChart(_ departments: [PublishingStatistics.Figures], id: String) -> SVGBarChart {
        SVGBarChart(id: id, title: views.label("stats.chart_stars"), description: views.label("stats.chart_stars_desc"),
                    series: (0...5).map(starLabel), colors: Self.starColors,
                    rows: departments.map { .init(label: $0.name, values: $0.stars) }, normalized: true)
    }

    func qualityChart(_ departments: [PublishingStatistics.Figures], id: String) -> SVGBarChart {
        // One series per band, so a bar's colour says its band; each row has one non-zero value.
        let bands = QualityBand.allCases
        return SVGBarChart(id: id, title: views.label("stats.chart_quality"), description: views.label("stats.chart_quality_desc"),
                           series: bands.map { views.label("quality.band.\($0.rawValue)") }, colors: bands.map { Self.bandColors[$0]! },
                           rows: departments.map { figures in .init(label: figures.name, values: bands.map { $0 == figures.band ? figures.quality : 0 }) },
                           maximum: QualityIndicator.maximum, unit: views.label("quality.points_unit"))
    }

    func timelinessChart(_ departments: [PublishingStatistics.Figures], id: String) -> SVGBarChart {
        SVGBarChart(id: id, title: views.label("stats.chart_timeliness"), description: views.label("stats.chart_timeliness_desc"),
                    series: [views.label("stats.on_time"), views.label("stats.overdue")], colors: ["#3ebd93", "#d64545"],
                    rows: departments.map { .init(label: $0.name, values: [$0.scheduled - $0.overdue, $0.overdue]) })
    }

    func dimensionsChart(_ figures: PublishingStatistics.Figures, id: String) -> SVGBarChart {
        SVGBarChart(id: id, title: views.label("stats.chart_dimensions"), description: views.label("stats.chart_dimensions_desc"),
                    series: [views.label("quality.earned")], colors: ["#0b5cad"],
                    rows: QualityDimension.allCases.map { .init(label: views.label("quality.dimension.\($0.rawValue)"), values: [figures.dimensionMean($0)]) },
                    maximum: QualityDimension.allCases.map(\.maximum).max()!, unit: views.label("quality.points_unit"))
    }

    private func row(_ figures: PublishingStatistics.Figures) -> MustacheObject {
        [
            "name": .string(figures.name),
            "path": .string(figures.slug.map { catalog.organizationPath($0) } ?? ""),
            "datasets": .int(figures.datasets),
            "open": .int(figures.open),
            "conditional": .int(figures.conditional),
            "resources": .int(figures.resources),
            "machine_readable": .int(figures.machineReadable),
            "machine_readable_percent": .int(figures.machineReadablePercent),
            "formats": .string(figures.formats.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: views.label("text.list_separator"))),
            "overdue": .int(figures.overdue),
            "scheduled": .int(figures.scheduled),
            "stars": .objects(figures.stars.map { ["star_count": .int($0)] }),
            "quality": .int(figures.quality),
            "quality_band": .string(figures.band.rawValue),
            "quality_band_label": .string(views.label("quality.band.\(figures.band.rawValue)")),
            "dimensions": .objects(QualityDimension.allCases.map { ["dimension_points": .int(figures.dimensionMean($0))] }),
            "bands": .objects(figures.bands.map { ["band_count": .int($0)] }),
            "broken_links": .int(catalog.linkStatistics?.figures(for: figures.slug).broken ?? 0),
        ]
    }
}
