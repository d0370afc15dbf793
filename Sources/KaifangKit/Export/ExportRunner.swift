import Foundation

/// Runs every catalogue-wide exporter and the crawl hints. Exporters run in
/// parallel and hand their files to the writer as soon as each is made, so
/// no export waits in memory for the others.
public enum Export {
    public static func run(_ catalog: Catalog, sitemap: [SitemapEntry], write: @Sendable (Artifact) throws -> Void) throws {
        // Tasks, not `parallelMap`: the DCAT and Data Package exporters are
        // parallel inside, which a nested `concurrentPerform` would make serial.
        let failures = withoutActuallyEscaping(write) { write in
            Exports.all.concurrentTasks { exporter -> String? in
                do {
                    let started = Date()
                    try exporter.export(catalog, emit: write)
                    StageTimer.note("export \(type(of: exporter))", wallSeconds: Date().timeIntervalSince(started))
                    return nil
                } catch {
                    return "\(error)"
                }
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw SiteRenderer.RenderError(message: failure) }
        // More than 50,000 pages become a sitemap index with numbered parts, as the protocol requires.
        let entries = sitemap.map { (path: $0.path, lastmod: $0.lastModified) }
        for artifact in SitemapWriter(catalog: catalog).artifacts(entries) { try write(artifact) }
    }
}
