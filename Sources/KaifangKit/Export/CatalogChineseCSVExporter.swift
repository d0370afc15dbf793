/// `catalog.zh-CN.csv`: the catalogue for spreadsheet users in Chinese
/// offices, one row per public dataset, with the column names of the
/// national guideline for public data resource catalogues (信息资源代码,
/// 信息资源名称, 信息资源摘要, 信息资源提供方, …) and values as people write
/// them (开放属性 `有条件开放`, not `conditional`). UTF-8 with BOM and CRLF,
/// like `catalog.csv`, through the same `CSVWriter` (formula-safe cells).
///
/// `catalog.csv` stays the machine-facing table (English column names that
/// re-import into `Content/`); this one is for reading. The column order is
/// part of the public contract: add new columns only at the end.
public struct CatalogChineseCSVExporter: Exporter {
    public init() {}

    public static let columns = [
        "信息资源代码", "信息资源名称", "信息资源摘要", "信息资源提供方", "信息资源提供方代码", "信息资源分类", "关键字",
        "开放属性", "共享属性", "更新周期", "发布日期", "更新日期", "开放许可协议", "信息资源格式",
        "空间范围", "时间范围起", "时间范围止", "联系人", "联系电话", "电子邮箱", "资源数量", "数据集页面", "数据包地址",
    ]

    /// The share site's catalogue adds the guideline's sharing columns at the end; the public one never has them.
    public static let shareColumns = ["共享条件", "共享方式", "使用要求"]

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        let share = catalog.profile == .share
        return [Artifact(path: "catalog.zh-CN.csv") { sink in
            let writer = CSVWriter(header: Self.columns + (share ? Self.shareColumns : []), into: sink)
            for dataset in catalog.datasets {
                writer.append(row(dataset, in: catalog)
                    + (share ? [dataset.shareCondition ?? "", dataset.shareMethod?.chineseName ?? "", dataset.shareRequirements ?? ""] : []))
            }
        }]
    }

    func row(_ dataset: Dataset, in catalog: Catalog) -> [String] {
        let contact = catalog.contact(dataset)
        let organization = catalog.organization(dataset.organizationSlug)
        let formats = dataset.distinctFormats
        return [
            dataset.id,
            dataset.title,
            dataset.descriptionText,
            organization?.name ?? dataset.organizationSlug,
            organization?.code ?? "",
            dataset.themeSlugs.map { catalog.theme($0)?.title ?? $0 }.joined(separator: "；"),
            dataset.keywords.joined(separator: "；"),
            dataset.openType.chineseName,
            dataset.shareType?.chineseName ?? "",
            dataset.updateFrequency?.chineseName ?? "",
            dataset.issued?.description ?? "",
            dataset.modified?.description ?? "",
            catalog.licenseValue(dataset).map { Licenses.title(for: $0) } ?? "",
            formats.joined(separator: "；"),
            dataset.spatial ?? "",
            dataset.temporal?.start?.description ?? "",
            dataset.temporal?.end?.description ?? "",
            contact?.name ?? "",
            contact?.phone ?? "",
            contact?.email ?? "",
            String(dataset.resources.count),
            catalog.pageURL(dataset),
            catalog.url(catalog.dataPackagePath(dataset)),
        ]
    }
}
