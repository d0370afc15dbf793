/// The yearly evaluation of each department's provision of data (seed tasks
/// 19 and 21): what it provided, opened and shared, whether it kept its
/// update cycles, the quality of its metadata, and advice drawn from its own
/// datasets. The page, report.json and report.csv all read this one model.
///
/// Only what the portal publishes is counted: closed datasets never reach any
/// output, not even as a number. Without the catalogue's history the report
/// covers the build's year alone and says so (`hasHistory`).
public struct YearlyReport: Sendable {
    /// One piece of advice: what to improve, on how many datasets, and which (a few, by title).
    public struct Advice: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case overdue, noLicense = "no_license", noSchema = "no_schema", notMachineReadable = "not_machine_readable"
            case noUpdateFrequency = "no_update_frequency", shortDescription = "short_description", noKeywords = "no_keywords"
            case noContact = "no_contact", poorMetadata = "poor_metadata", brokenLinks = "broken_links"
        }

        public var kind: Kind
        public var count: Int
        /// Datasets it concerns, in catalogue order: (id, title).
        public var datasets: [(id: String, title: String)]

        public static func == (a: Advice, b: Advice) -> Bool {
            a.kind == b.kind && a.count == b.count && a.datasets.map(\.id) == b.datasets.map(\.id)
        }
    }

    /// How a department's figures moved since the end of the previous year.
    public struct Change: Sendable, Equatable {
        public var provided: Int
        public var open: Int
        public var shared: Int
        /// Percentage points.
        public var onTimePercent: Int
        public var quality: Int
    }

    public struct Department: Sendable {
        public var slug: String?
        public var name: String
        /// Datasets the portal publishes (open and conditional).
        public var provided = 0
        public var open = 0
        public var conditional = 0
        /// Datasets shared with other departments (无条件共享 or 有条件共享).
        public var shared = 0
        /// Datasets with a regular update cycle, and those of them updated within it.
        public var scheduled = 0
        public var onTime = 0
        public var quality = 0
        public var band: QualityBand = .bad
        /// Resource links found broken by the last `kaifang check --links`; nil when links were never checked.
        public var brokenLinks: Int?
        public var advice: [Advice] = []
        /// Against the end of the previous year; nil without its figures, or for a department that had no datasets then.
        public var change: Change?

        public var onTimePercent: Int { PublishingStatistics.Figures.percent(onTime, of: scheduled) }
    }

    public var year: Int
    public var asOf: Day
    /// Whether the previous year's figures are known (from the catalogue's history); without them there is no change to show.
    public var hasHistory: Bool
    public var departments: [Department]
    public var total: Department

    /// Short descriptions get advice below Google's minimum for a dataset description.
    static let shortDescription = 50
    /// Titles named in one piece of advice; the count says how many there are in all.
    public static let namedDatasets = 5

    /// `previous`: the report of the year before, when the history reaches it.
    public init(catalog: Catalog, statistics: PublishingStatistics, previous: YearlyReport? = nil) {
        year = catalog.buildDay.year
        asOf = catalog.buildDay
        let previous = previous?.year == catalog.buildDay.year - 1 ? previous : nil
        hasHistory = previous != nil
        let overdue = Set(statistics.overdue)
        var byDepartment = catalog.organizations.map { Department(slug: $0.slug, name: catalog.displayName($0).text) }
        var concerns = Array(repeating: [Advice.Kind: [Int]](), count: catalog.organizations.count)
        var total = Department(slug: nil, name: statistics.total.name)
        for (index, dataset) in catalog.datasets.enumerated() {
            guard let department = catalog.organizationIndex[dataset.organizationSlug] else { continue }
            for kind in Self.concerns(dataset, index: index, overdue: overdue, quality: statistics.quality[index], catalog: catalog) {
                concerns[department][kind, default: []].append(index)
            }
            Self.count(dataset, late: overdue.contains(index), into: &byDepartment[department])
            Self.count(dataset, late: overdue.contains(index), into: &total)
        }
        for (index, figures) in statistics.departments.enumerated() where index < byDepartment.count {
            byDepartment[index].quality = figures.quality
            byDepartment[index].band = figures.band
            byDepartment[index].advice = Advice.Kind.allCases.compactMap { kind in
                guard let indices = concerns[index][kind], !indices.isEmpty else { return nil }
                return Advice(kind: kind, count: indices.count,
                              datasets: indices.prefix(Self.namedDatasets).map { (catalog.datasets[$0].id, catalog.displayTitle(catalog.datasets[$0]).text) })
            }
            if let links = catalog.linkStatistics {
                let broken = links.figures(for: byDepartment[index].slug).broken
                byDepartment[index].brokenLinks = broken
                // The link check counts addresses, not datasets: the advice says how many, the stats page which.
                if broken > 0 { byDepartment[index].advice.append(Advice(kind: .brokenLinks, count: broken, datasets: [])) }
            }
        }
        total.quality = statistics.total.quality
        total.band = statistics.total.band
        total.brokenLinks = catalog.linkStatistics?.total.broken
        if let previous {
            let before = Dictionary(previous.departments.map { ($0.slug ?? "", $0) }, uniquingKeysWith: { a, _ in a })
            for index in byDepartment.indices {
                byDepartment[index].change = before[byDepartment[index].slug ?? ""].map { Self.change(from: $0, to: byDepartment[index]) }
            }
            total.change = Self.change(from: previous.total, to: total)
        }
        departments = byDepartment.filter { $0.provided > 0 }
        self.total = total
    }

    /// Advice of an earlier year names only datasets the catalogue still
    /// publishes, by today's title: an old title, or a dataset removed since,
    /// may have been withdrawn on purpose (as the change log never shows old
    /// values). The counts stay those of the year.
    mutating func nameOnly(_ titles: [String: String]) {
        for index in departments.indices {
            for adviceIndex in departments[index].advice.indices {
                departments[index].advice[adviceIndex].datasets = departments[index].advice[adviceIndex].datasets.compactMap { dataset in
                    titles[dataset.id].map { (id: dataset.id, title: $0) }
                }
            }
        }
    }

    static func change(from before: Department, to after: Department) -> Change {
        Change(provided: after.provided - before.provided, open: after.open - before.open, shared: after.shared - before.shared,
               onTimePercent: after.onTimePercent - before.onTimePercent, quality: after.quality - before.quality)
    }

    static func count(_ dataset: Dataset, late: Bool, into figures: inout Department) {
        figures.provided += 1
        if dataset.openType == .open { figures.open += 1 } else if dataset.openType == .conditional { figures.conditional += 1 }
        if let share = dataset.shareType, share != .none { figures.shared += 1 }
        if dataset.updateFrequency?.expectedDays != nil {
            figures.scheduled += 1
            if !late { figures.onTime += 1 }
        }
    }

    /// What a dataset lacks, each a reason for advice to its department.
    static func concerns(_ dataset: Dataset, index: Int, overdue: Set<Int>, quality: MetadataQuality, catalog: Catalog) -> [Advice.Kind] {
        var kinds: [Advice.Kind] = []
        if overdue.contains(index) { kinds.append(.overdue) }
        if catalog.licenseValue(dataset) == nil { kinds.append(.noLicense) }
        if dataset.resources.contains(where: { Formats.isTabular($0.format) && $0.schema.isEmpty }) { kinds.append(.noSchema) }
        if dataset.resources.contains(where: { $0.format.uppercased() != "API" && Formats.stars(for: $0.format) < 3 }) {
            kinds.append(.notMachineReadable)
        }
        if dataset.updateFrequency == nil { kinds.append(.noUpdateFrequency) }
        if dataset.descriptionText.hasFewerCharacters(than: shortDescription) { kinds.append(.shortDescription) }
        if dataset.keywords.isEmpty { kinds.append(.noKeywords) }
        if catalog.contact(dataset) == nil { kinds.append(.noContact) }
        if quality.band == .bad { kinds.append(.poorMetadata) }
        return kinds
    }
}
