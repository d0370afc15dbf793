import Foundation

/// Broken links per department, from the link cache of the last
/// `kaifang check --links`: the stats page and `stats.json` show them when a
/// cache exists. Counted per resource (a URL named by two datasets counts in
/// both); a URL the cache does not know counts as unchecked, not as broken.
public struct LinkStatistics: Sendable, Equatable {
    public struct Figures: Sendable, Equatable {
        /// External http(s) links of the department's open datasets.
        public var links = 0
        /// Those with a result in the cache.
        public var checked = 0
        public var broken = 0
    }

    public var byOrganization: [String: Figures]
    public var total: Figures
    /// The day of the newest result (UTC): what the counts are "as of".
    public var checkedDay: Day?

    public init(catalog: Catalog, cache: LinkCache) {
        var byOrganization: [String: Figures] = [:]
        var total = Figures()
        for (url, dataset, _) in LinkChecker.links(in: catalog) {
            var figures = byOrganization[dataset.organizationSlug, default: Figures()]
            figures.links += 1
            total.links += 1
            if let result = cache.links[url] {
                figures.checked += 1
                total.checked += 1
                if result.isBroken {
                    figures.broken += 1
                    total.broken += 1
                }
            }
            byOrganization[dataset.organizationSlug] = figures
        }
        self.byOrganization = byOrganization
        self.total = total
        checkedDay = cache.lastChecked.map { Day(daysSinceEpoch: Int(($0.timeIntervalSince1970 / 86_400).rounded(.down))) }
    }

    public func figures(for organization: String?) -> Figures {
        guard let organization else { return total }
        return byOrganization[organization] ?? Figures()
    }
}
