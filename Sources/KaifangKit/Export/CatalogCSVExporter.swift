/// `catalog.csv`: one row per public dataset, for spreadsheet users.
///
/// The columns keep the names (and order) of the `catalog.csv` a publisher
/// may write in `Content/`, so a published catalogue can be re-imported,
/// then add derived columns at the end. The order is part of the public
/// contract: add new columns only at the end. Lists are joined with `;`;
/// the description is plain text (Markdown syntax means nothing in a cell).
public struct CatalogCSVExporter: Exporter {
    public init() {}

    public static let columns = [
        "id", "title", "description", "organization", "themes", "keywords", "open_type", "share_type",
        "update_frequency", "issued", "modified", "license", "contact_name", "contact_email", "contact_phone",
        "spatial", "temporal_start", "temporal_end",
        "organization_name", "theme_titles", "url", "license_url", "resource_count", "formats", "datapackage",
    ]

    /// The share site's catalogue adds the sharing terms at the end; the public one never has them.
    public static let shareColumns = ["share_condition", "share_method", "share_requirements"]

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        let share = catalog.profile == .share
        return [Artifact(path: "catalog.csv") { sink in
            let writer = CSVWriter(header: Self.columns + (share ? Self.shareColumns : []), into: sink)
            for dataset in catalog.datasets {
                writer.append(row(dataset, in: catalog)
                    + (share ? [dataset.shareCondition ?? "", dataset.shareMethod?.rawValue ?? "", dataset.shareRequirements ?? ""] : []))
            }
        }]
    }

    func row(_ dataset: Dataset, in catalog: Catalog) -> [String] {
        let contact = catalog.contact(dataset)
        let formats = dataset.distinctFormats
        return [
            dataset.id,
            dataset.title,
            dataset.descriptionText,
            dataset.organizationSlug,
            dataset.themeSlugs.joined(separator: ";"),
            dataset.keywords.joined(separator: ";"),
            dataset.openType.rawValue,
            dataset.shareType?.rawValue ?? "",
            dataset.updateFrequency?.rawValue ?? "",
            dataset.issued?.description ?? "",
            dataset.modified?.description ?? "",
            catalog.licenseValue(dataset) ?? "",
            contact?.name ?? "",
            contact?.email ?? "",
            contact?.phone ?? "",
            dataset.spatial ?? "",
            dataset.temporal?.start?.description ?? "",
            dataset.temporal?.end?.description ?? "",
            catalog.organization(dataset.organizationSlug)?.name ?? "",
            dataset.themeSlugs.map { catalog.theme($0)?.title ?? $0 }.joined(separator: ";"),
            catalog.pageURL(dataset),
            catalog.licenseURL(dataset) ?? "",
            String(dataset.resources.count),
            formats.joined(separator: ";"),
            catalog.url(catalog.dataPackagePath(dataset)),
        ]
    }
}
