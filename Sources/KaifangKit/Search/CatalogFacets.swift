/// The catalogue's facets (theme, department, format, licence, open type,
/// update frequency): each value with its URL slug, its label and its
/// datasets, counted in one pass. The search index, the catalogue's facet
/// sidebar and the static facet pages for readers without JavaScript all
/// use these, so counts agree everywhere.
public struct CatalogFacets: Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case theme, organization, format, license, openType, frequency

        /// The query parameter in the catalogue's URL (`?theme=transport`).
        public var parameter: String {
            switch self {
            case .theme: "theme"
            case .organization: "org"
            case .format: "format"
            case .license: "license"
            case .openType: "open"
            case .frequency: "freq"
            }
        }

        /// The key of its name in the interface strings (`facet.theme`).
        public var labelKey: String { "facet.\(parameter)" }

        /// Where the static pages of a value live: the theme and department
        /// pages for those two, `facets/<kind>/<value>/` for the others (never
        /// at the depth of dataset pages).
        public func folder(_ slug: String) -> String {
            switch self {
            case .theme: "themes/\(Slug.urlEncoded(slug))/"
            case .organization: "organizations/\(Slug.urlEncoded(slug))/"
            case .format: "facets/format/\(Slug.urlEncoded(slug))/"
            case .license: "facets/license/\(Slug.urlEncoded(slug))/"
            case .openType: "facets/open/\(Slug.urlEncoded(slug))/"
            case .frequency: "facets/frequency/\(Slug.urlEncoded(slug))/"
            }
        }

        /// Whether the static pages are made here (themes and departments have their own).
        public var hasFacetPages: Bool { self != .theme && self != .organization }

        /// How many values get a static page and a place in the sidebar.
        /// Formats and licences are whatever publishers type, so one file
        /// could declare thousands and make a page for each, every one listing
        /// that dataset: only the most used (values are sorted by use) are
        /// linked; search still finds every value. The other kinds are bounded
        /// by site.yaml, the departments or a vocabulary.
        public var linkedValueLimit: Int? { self == .format || self == .license ? 100 : nil }
    }

    /// The values that get a static page and a sidebar entry: the most used first.
    public func linkedValues(_ kind: Kind) -> ArraySlice<Value> {
        values(kind).prefix(kind.linkedValueLimit ?? Int.max)
    }

    public struct Value: Sendable {
        public var slug: String
        public var label: String
        /// Dataset indices in catalogue order (newest first).
        public var datasets: [Int]
    }

    public var values: [Kind: [Value]]
    /// Per dataset, per kind, the positions of its values in `values[kind]`.
    public private(set) var positions: [[Kind: [Int]]]
    /// The same, kind by kind in flat arrays (`Kind.allCases` order): the search
    /// shards count facets over long lists of datasets, and a dictionary
    /// lookup per dataset and kind was most of that at 10⁵ datasets.
    private(set) var flat: [FlatPositions] = []

    struct FlatPositions: Sendable {
        /// The values of dataset `p` are `values[offsets[p]..<offsets[p + 1]]`.
        var offsets: [Int32] = [0]
        var values: [Int32] = []
    }

    public func values(_ kind: Kind) -> [Value] { values[kind] ?? [] }

    public init(catalog: Catalog, label: (String) -> String) {
        var values: [Kind: [Value]] = [:]
        var lookup: [Kind: [String: Int]] = [:]
        func register(_ kind: Kind, _ slug: String, _ label: String) {
            if lookup[kind]?[slug] == nil {
                lookup[kind, default: [:]][slug] = values[kind, default: []].count
                values[kind, default: []].append(Value(slug: slug, label: label, datasets: []))
            }
        }
        for theme in catalog.themes { register(.theme, theme.slug, catalog.displayTitle(theme).text) }
        for organization in catalog.organizations { register(.organization, organization.slug, catalog.displayName(organization).text) }
        // Closed datasets are listed only on the share site.
        for type in OpenType.allCases where type != .closed || catalog.profile == .share { register(.openType, type.rawValue, label("open_type.\(type.rawValue)")) }
        for frequency in UpdateFrequency.allCases { register(.frequency, frequency.rawValue, label("frequency.\(frequency.rawValue)")) }

        var positions: [[Kind: [Int]]] = []
        positions.reserveCapacity(catalog.datasets.count)
        for (index, dataset) in catalog.datasets.enumerated() {
            var keys: [Kind: [String]] = [
                .theme: dataset.themeSlugs,
                .organization: [dataset.organizationSlug],
                .openType: [dataset.openType.rawValue],
            ]
            if let frequency = dataset.updateFrequency { keys[.frequency] = [frequency.rawValue] }
            var formats: [String] = []
            var seenFormats = Set<String>()
            for resource in dataset.resources {
                let name = resource.format.uppercased()
                let slug = Self.slug(name)
                if seenFormats.insert(slug).inserted {
                    formats.append(slug)
                    register(.format, slug, name)
                }
            }
            keys[.format] = formats
            if let license = catalog.licenseValue(dataset) {
                let slug = Self.slug(Licenses.canonicalID(license) ?? license)
                register(.license, slug, Licenses.license(license)?.id ?? license)
                keys[.license] = [slug]
            }
            var mine: [Kind: [Int]] = [:]
            for (kind, slugs) in keys {
                var found: [Int] = []
                var seen = Set<Int>()
                for slug in slugs {
                    guard let position = lookup[kind]?[slug], seen.insert(position).inserted else { continue }
                    found.append(position)
                    values[kind]![position].datasets.append(index)
                }
                mine[kind] = found
            }
            positions.append(mine)
        }
        // Formats and licences: most used first, then by label; a stable order.
        for kind in [Kind.format, .license] {
            guard let list = values[kind] else { continue }
            let order = list.indices.sorted { a, b in
                list[a].datasets.count != list[b].datasets.count ? list[a].datasets.count > list[b].datasets.count : list[a].label < list[b].label
            }
            var moved = [Int](repeating: 0, count: list.count)
            for (new, old) in order.enumerated() { moved[old] = new }
            values[kind] = order.map { list[$0] }
            for index in positions.indices { positions[index][kind] = positions[index][kind]?.map { moved[$0] } }
        }
        self.values = values
        self.positions = positions
        flat = Kind.allCases.map { kind in
            var table = FlatPositions()
            table.offsets.reserveCapacity(positions.count + 1)
            for mine in positions {
                table.values.append(contentsOf: (mine[kind] ?? []).map { Int32($0) })
                table.offsets.append(Int32(table.values.count))
            }
            return table
        }
    }

    /// A value's URL segment: `CSV` → `csv`, `CC-BY-4.0` → `cc-by-4-0`.
    static func slug(_ value: String) -> String { Slug.fromIdentifier(value) }
}
