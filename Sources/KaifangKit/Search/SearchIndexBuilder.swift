import Foundation

/// `search/index.json`: what the browser needs to search and filter the
/// catalogue without a server, as small as it can be. Repeated strings
/// (departments, themes, formats, licences) are written once in the facet
/// tables and referred to by position; each dataset is one array:
///
///     [title, keywords, description excerpt, field names, slug,
///      organization, [themes], [formats], licence, open type, frequency, modified]
///
/// (`-1` for a missing licence or frequency; `modified` as `YYYY-MM-DD` or
/// ""). Records are in catalogue order, newest first, which is also the
/// order of ties. A posting list of bigrams was measured and is larger (see
/// docs/quality.md, "Search index"), so the browser scans the text instead.
public struct SearchIndexBuilder: Sendable {
    /// Characters of the description kept for searching and the result snippet.
    public static let excerptLength = 60
    /// Field names kept per dataset.
    public static let fieldLimit = 24

    public static let path = "search/index.json"

    let catalog: Catalog
    let facets: CatalogFacets
    let facetTitle: @Sendable (CatalogFacets.Kind) -> String

    public init(catalog: Catalog, facets: CatalogFacets, facetTitle: @escaping @Sendable (CatalogFacets.Kind) -> String) {
        self.catalog = catalog
        self.facets = facets
        self.facetTitle = facetTitle
    }

    public func artifact() -> Artifact {
        Artifact(path: Self.path, data: JSONWriter(style: .compact).data(index(), capacity: 1024 + catalog.datasets.count * 256))
    }

    func index() -> JSONValue {
        let kinds = CatalogFacets.Kind.allCases
        let facetTables: [(key: String, value: JSONValue)] = kinds.map { kind in
            (kind.parameter, .object([
                ("title", .string(facetTitle(kind))),
                ("values", .array(facets.values(kind).map { .array([.string($0.slug), .string($0.label)]) })),
            ]))
        }
        let records = catalog.datasets.enumerated().map { index, dataset in record(dataset, positions: facets.positions[index]) }
        return .object([
            ("version", .integer(1)),
            ("facets", .object(facetTables)),
            ("order", .strings(kinds.map(\.parameter))),
            ("datasets", .array(records)),
        ])
    }

    func record(_ dataset: Dataset, positions: [CatalogFacets.Kind: [Int]]) -> JSONValue {
        func list(_ kind: CatalogFacets.Kind) -> JSONValue { .array((positions[kind] ?? []).map { .integer(Int64($0)) }) }
        func one(_ kind: CatalogFacets.Kind) -> JSONValue { .integer(Int64(positions[kind]?.first ?? -1)) }
        let shown = shownText(dataset)
        return .array([
            shown.title, shown.keywords, shown.excerpt,
            .string(Self.fieldNames(dataset)),
            shown.slug,
            one(.organization),
            list(.theme),
            list(.format),
            one(.license),
            one(.openType),
            one(.frequency),
            shown.modified,
        ])
    }

    /// What a result card shows that the facet code does not: title,
    /// keywords, description excerpt, slug and modified date (the fields 0, 1,
    /// 2, 4 and 11 of `record`), written into the gram shards for the first
    /// results of each gram (`SearchShards.firstCards`).
    func card(_ dataset: Dataset) -> JSONValue {
        let shown = shownText(dataset)
        return .array([shown.title, shown.keywords, shown.excerpt, shown.slug, shown.modified])
    }

    private func shownText(_ dataset: Dataset) -> (title: JSONValue, keywords: JSONValue, excerpt: JSONValue, slug: JSONValue, modified: JSONValue) {
        (.string(catalog.displayTitle(dataset).text),
         .string(dataset.keywords.joined(separator: " ")),
         .string(Self.excerpt(catalog.displayDescription(dataset).description.summary)),
         .string(Slug.urlEncoded(dataset.slug)),
         .string(dataset.lastChanged?.description ?? ""))
    }

    /// The description's start on one line, white space collapsed: the first
    /// `excerptLength` characters of its words joined by single spaces, read
    /// only as far as needed.
    static func excerpt(_ text: String) -> String {
        var flat = ""
        var count = 0, pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace {
                flat.append(" ")
                count += 1
                pendingSpace = false
                if count == excerptLength { break }
            }
            flat.append(character)
            count += 1
            if count == excerptLength { break }
        }
        return flat
    }

    /// Distinct field names of the dataset's resources, space separated.
    static func fieldNames(_ dataset: Dataset) -> String {
        var names: [String] = []
        for resource in dataset.resources {
            for field in resource.schema where !names.contains(field.name) && names.count < fieldLimit {
                names.append(field.name)
            }
        }
        return names.joined(separator: " ")
    }
}
