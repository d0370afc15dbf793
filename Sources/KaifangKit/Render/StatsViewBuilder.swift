/// Department scorecards: how much each department publishes, in which
/// formats, and how open. The figures come from `PublishingStatistics`,
/// shared with the stats exports so page and files always agree.
struct StatsViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    func view() -> [String: Any] {
        var view = views.base(for: .stats, title: views.label("stats.title"), breadcrumbs: [(views.label("stats.title"), "stats/")])
        let statistics = views.statistics
        view["departments"] = statistics.departments.map(row)
        view["totals"] = row(statistics.total)
        return view
    }

    func scorecard(organization index: Int) -> [String: Any] {
        row(views.statistics.departments[index])
    }

    private func row(_ figures: PublishingStatistics.Figures) -> [String: Any] {
        [
            "name": figures.name,
            "path": figures.slug.map { catalog.organizationPath($0) } ?? "",
            "datasets": figures.datasets,
            "open": figures.open,
            "conditional": figures.conditional,
            "resources": figures.resources,
            "machine_readable": figures.machineReadable,
            "machine_readable_percent": figures.resources == 0 ? 0 : figures.machineReadable * 100 / figures.resources,
            "formats": figures.formats.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: "、"),
            "overdue": figures.overdue,
        ]
    }
}

/// Per-department publishing figures, counted once over the catalogue.
struct PublishingStatistics {
    struct Figures {
        var name: String
        var slug: String? = nil
        var datasets = 0
        var open = 0
        var conditional = 0
        var resources = 0
        /// Resources in a structured, openly readable format (three stars or more).
        var machineReadable = 0
        var formats: [String: Int] = [:]
        /// Datasets not updated within their declared update cycle, as of the build day.
        var overdue = 0

        mutating func add(_ dataset: Dataset, on buildDay: Day) {
            datasets += 1
            if dataset.openType == .open { open += 1 } else { conditional += 1 }
            for resource in dataset.resources {
                resources += 1
                if Formats.stars(for: resource.format) >= 3 { machineReadable += 1 }
                formats[resource.format.uppercased(), default: 0] += 1
            }
            if let days = dataset.updateFrequency?.expectedDays, let last = dataset.lastChanged,
               buildDay.daysSinceEpoch - last.daysSinceEpoch > days {
                overdue += 1
            }
        }
    }

    var departments: [Figures]
    var total: Figures

    init(catalog: Catalog) {
        var departments = catalog.organizations.map { Figures(name: $0.name, slug: $0.slug) }
        var total = Figures(name: "合计")
        for dataset in catalog.datasets {
            guard let index = catalog.organizationIndex[dataset.organizationSlug] else { continue }
            departments[index].add(dataset, on: catalog.buildDay)
            total.add(dataset, on: catalog.buildDay)
        }
        self.departments = departments
        self.total = total
    }
}
