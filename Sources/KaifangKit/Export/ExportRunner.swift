/// Runs every catalogue-wide exporter and the crawl hints. Exporters run in
/// parallel and hand their files to the writer as soon as each is made, so
/// no export waits in memory for the others.
public enum Export {
    public static func run(_ catalog: Catalog, sitemap: [SitemapEntry], write: @Sendable (Artifact) throws -> Void) throws {
        let failures = Exports.all.parallelMap { exporter -> String? in
            do {
                try exporter.export(catalog, emit: write)
                return nil
            } catch {
                return "\(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw SiteRenderer.RenderError(message: failure) }
        // More than 50,000 pages become a sitemap index with numbered parts, as the protocol requires.
        let entries = sitemap.map { (path: $0.path, lastmod: $0.lastModified) }
        for artifact in SitemapWriter(catalog: catalog).artifacts(entries) { try write(artifact) }
    }
}
