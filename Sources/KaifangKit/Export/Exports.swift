/// The table of catalogue-wide machine-readable formats (Hugo's output
/// formats, style point 8): what the build writes besides the pages, and
/// what every page announces in `<link rel="alternate">`. The sitemap is not
/// here: it needs the rendered pages (see `SitemapWriter`).
public enum Exports {
    public static let all: [any Exporter] = [
        CatalogJSONExporter(),
        CatalogCSVExporter(),
        CatalogChineseCSVExporter(),
        ResourcesCSVExporter(),
        DCATExporter(),
        DataJSONExporter(),
        DataPackageExporter(),
        AtomFeedExporter(),
        RobotsExporter(),
        StatsExporter(),
    ]

    /// Paths relative to the site root, their media types and the key of
    /// their title for people in the theme's interface words (`exports.*`).
    public static let alternates: [(path: String, mediaType: String, titleKey: String)] = [
        ("catalog.json", "application/json", "exports.catalog_json"),
        ("catalog.csv", "text/csv", "exports.catalog_csv"),
        ("catalog.zh-CN.csv", "text/csv", "exports.catalog_chinese_csv"),
        ("catalog.jsonld", "application/ld+json", "exports.catalog_jsonld"),
        ("catalog.ttl", "text/turtle", "exports.catalog_ttl"),
        ("catalog.rdf", "application/rdf+xml", "exports.catalog_rdf"),
        ("data.json", "application/json", "exports.data_json"),
        ("feed.xml", "application/atom+xml", "exports.feed"),
    ]

    /// Runs every exporter; the artifacts in table order, each exporter's in its own order.
    public static func export(_ catalog: Catalog) -> [Artifact] {
        all.flatMap { $0.export(catalog) }
    }
}
