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

    /// Paths relative to the site root, their media types and a title for people.
    public static let alternates: [(path: String, mediaType: String, title: String)] = [
        ("catalog.json", "application/json", "数据目录（JSON）"),
        ("catalog.csv", "text/csv", "数据目录（CSV）"),
        ("catalog.zh-CN.csv", "text/csv", "数据目录（CSV，中文表头）"),
        ("catalog.jsonld", "application/ld+json", "DCAT-AP 数据目录（JSON-LD）"),
        ("catalog.ttl", "text/turtle", "DCAT-AP 数据目录（Turtle）"),
        ("catalog.rdf", "application/rdf+xml", "DCAT-AP 数据目录（RDF/XML）"),
        ("data.json", "application/json", "DCAT-US 数据目录（data.json）"),
        ("feed.xml", "application/atom+xml", "新增和更新的数据集（Atom）"),
    ]

    /// Runs every exporter; the artifacts in table order, each exporter's in its own order.
    public static func export(_ catalog: Catalog) -> [Artifact] {
        all.flatMap { $0.export(catalog) }
    }
}
