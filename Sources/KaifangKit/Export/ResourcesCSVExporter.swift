/// `resources.csv`: one row per resource (distribution) of every public
/// dataset, joined to `catalog.csv` by `dataset_id`. `download_url` is empty
/// for conditional datasets, whose data is given only on approved application.
/// Column order is public: add new columns only at the end.
public struct ResourcesCSVExporter: Exporter {
    public init() {}

    public static let columns = [
        "dataset_id", "dataset_title", "position", "name", "format", "media_type", "description",
        "download_url", "byte_size", "sha256", "fields", "dataset_url",
    ]

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        return [Artifact(path: "resources.csv") { sink in
            let writer = CSVWriter(header: Self.columns, into: sink)
            for dataset in catalog.datasets {
                let page = catalog.pageURL(dataset)
                for (index, resource) in dataset.resources.enumerated() {
                    writer.append([
                        dataset.id,
                        dataset.title,
                        String(index + 1),
                        resource.name,
                        resource.format,
                        catalog.mediaType(resource),
                        resource.description ?? "",
                        catalog.encodedDownloadURL(resource, of: dataset) ?? "",
                        resource.file.map { String($0.byteSize) } ?? "",
                        resource.file?.sha256.lowercased() ?? "",
                        resource.schema.map(\.name).joined(separator: ";"),
                        page,
                    ])
                }
            }
        }]
    }
}
