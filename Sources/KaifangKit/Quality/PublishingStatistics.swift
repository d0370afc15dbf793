/// Per-department publishing figures, counted in one pass over the
/// catalogue. The stats page, the department scorecards, `stats.json` and
/// `stats.csv` all read these, so page and files always agree.
public struct PublishingStatistics: Sendable {
    public struct Figures: Sendable {
        public var name: String
        public var slug: String? = nil
        public var datasets = 0
        public var open = 0
        public var conditional = 0
        public var resources = 0
        /// Resources in a structured, openly readable format (three stars or more).
        public var machineReadable = 0
        /// Resources by five-star open-data level, index 0 (not openly licensed) to 5.
        public var stars = [Int](repeating: 0, count: 6)
        public var formats: [String: Int] = [:]
        /// Datasets not updated within their declared update cycle, as of the build day.
        public var overdue = 0
        /// Datasets with a regular update cycle (everything but irregular or unstated).
        public var scheduled = 0
        /// Sum of the datasets' metadata-quality totals (for the mean).
        public var qualitySum = 0
        public var dimensionSums = [Int](repeating: 0, count: QualityDimension.allCases.count)
        /// Datasets per rating band, in `QualityBand.allCases` order.
        public var bands = [Int](repeating: 0, count: QualityBand.allCases.count)

        public init(name: String, slug: String? = nil) {
            self.name = name
            self.slug = slug
        }

        /// Mean metadata-quality score, rounded; 0 with no datasets.
        public var quality: Int { datasets == 0 ? 0 : Int((Double(qualitySum) / Double(datasets)).rounded()) }
        public var band: QualityBand { QualityBand(points: quality) }
        public func dimensionMean(_ dimension: QualityDimension) -> Int {
            guard datasets > 0, let index = QualityDimension.allCases.firstIndex(of: dimension) else { return 0 }
            return Int((Double(dimensionSums[index]) / Double(datasets)).rounded())
        }

        /// Whole percent, rounded down so that shares never add up past 100.
        public static func percent(_ part: Int, of whole: Int) -> Int { whole == 0 ? 0 : part * 100 / whole }

        public var machineReadablePercent: Int { Self.percent(machineReadable, of: resources) }

        mutating func add(_ dataset: Dataset, quality: MetadataQuality, overdue isOverdue: Bool, catalog: Catalog) {
            datasets += 1
            if dataset.openType == .open { open += 1 } else if dataset.openType == .conditional { conditional += 1 }
            for resource in dataset.resources {
                resources += 1
                if Formats.stars(for: resource.format) >= 3 { machineReadable += 1 }
                stars[PublishingStatistics.stars(resource, of: dataset, in: catalog)] += 1
                formats[resource.format.uppercased(), default: 0] += 1
            }
            if dataset.updateFrequency?.expectedDays != nil { scheduled += 1 }
            if isOverdue { overdue += 1 }
            qualitySum += quality.total
            for (index, dimension) in QualityDimension.allCases.enumerated() { dimensionSums[index] += quality.points(in: dimension) }
            bands[QualityBand.allCases.firstIndex(of: quality.band)!] += 1
        }
    }

    public var departments: [Figures]
    public var total: Figures
    /// Each dataset's assessment, in catalogue order.
    public var quality: [MetadataQuality]
    /// Indices of the datasets overdue as of the build day, in catalogue order.
    public var overdue: [Int]

    public init(catalog: Catalog, totalLabel: String) {
        var departments = catalog.organizations.map { Figures(name: catalog.displayName($0).text, slug: $0.slug) }
        var total = Figures(name: totalLabel)
        let quality = catalog.datasets.parallelMap { MetadataQualityAssessor.assess($0, in: catalog) }
        var overdue: [Int] = []
        for (index, dataset) in catalog.datasets.enumerated() {
            let late = Self.isOverdue(dataset, on: catalog.buildDay)
            if late { overdue.append(index) }
            total.add(dataset, quality: quality[index], overdue: late, catalog: catalog)
            guard let organization = catalog.organizationIndex[dataset.organizationSlug] else { continue }
            departments[organization].add(dataset, quality: quality[index], overdue: late, catalog: catalog)
        }
        self.departments = departments
        self.total = total
        self.quality = quality
        self.overdue = overdue
    }

    /// Not updated within its declared cycle, counted from its last change.
    public static func isOverdue(_ dataset: Dataset, on day: Day) -> Bool {
        guard let days = dataset.updateFrequency?.expectedDays, let last = dataset.lastChanged else { return false }
        return day.daysSinceEpoch - last.daysSinceEpoch > days
    }

    /// Tim Berners-Lee's five-star level of a resource: 0 when the data is
    /// not openly licensed (conditional datasets, closed licences), else one
    /// star for the licence and the format's stars on top (2 structured,
    /// 3 non-proprietary, 4 RDF), at most 5.
    public static func stars(_ resource: Resource, of dataset: Dataset, in catalog: Catalog) -> Int {
        guard dataset.openType == .open, let license = catalog.licenseValue(dataset), isOpenLicense(license) else { return 0 }
        return min(5, max(1, Formats.stars(for: resource.format)))
    }

    /// Open in the Open Definition's sense: a known licence without a non-commercial clause, or any licence URL.
    static func isOpenLicense(_ value: String) -> Bool {
        if let known = Licenses.license(value) { return !known.id.contains("-NC") }
        return value.hasPrefix("http://") || value.hasPrefix("https://")
    }
}
