// TEMPORARY stand-ins written by the lead so the pipeline compiles while the
// exporters are being written. The exporters' author replaces this whole file
// (Exports) and provides SchemaOrgDataset and SitemapWriter in their own files,
// deleting them from here.

enum Exports {
    static let all: [any Exporter] = []
    static let alternates: [(path: String, mediaType: String, title: String)] = []
}

enum SchemaOrgDataset {
    static func jsonLD(for dataset: Dataset, in catalog: Catalog) -> String { "{}" }
}

struct SitemapWriter {
    let catalog: Catalog
    func sitemap(_ entries: [(path: String, lastmod: Day?)]) -> String { "" }
}
