/// Runs every catalogue-wide exporter and the crawl hints, handing each
/// artifact to the writer. Exporters run in parallel: each is independent.
public enum Export {
    public static func run(_ catalog: Catalog, sitemap: [SitemapEntry], write: @Sendable (Artifact) throws -> Void) throws {
        let exporters = Exports.all
        let results = exporters.parallelMap { exporter -> [Artifact] in exporter.export(catalog) }
        for artifacts in results {
            for artifact in artifacts { try write(artifact) }
        }
        let entries = sitemap.map { (path: $0.path, lastmod: $0.lastModified) }
        try write(Artifact(path: "sitemap.xml", text: SitemapWriter(catalog: catalog).sitemap(entries)))
    }
}
