import Foundation

/// Reads `catalog.csv`, the resource catalogue as offices keep it in a
/// spreadsheet, and turns each row into the same shape as a dataset's front matter.
public struct CatalogCSVLoader: Sendable {
    public var file: String

    /// Column names: the contract's field names, or the catalogue's Chinese names.
    public static let columnAliases: [String: String] = [
        "信息资源代码": "id", "信息资源名称": "title", "信息资源摘要": "description",
        "信息资源提供方": "organization", "信息资源分类": "themes", "关键字": "keywords",
        "开放属性": "open_type", "共享属性": "share_type", "更新周期": "update_frequency",
        "发布日期": "issued", "更新日期": "modified", "开放许可": "license",
        "联系人": "contact_name", "联系邮箱": "contact_email", "联系电话": "contact_phone",
        "空间范围": "spatial", "时间范围起": "temporal_start", "时间范围止": "temporal_end",
        "资源名称": "resource_name", "资源格式": "resource_format", "资源地址": "resource_url",
        "资源路径": "resource_path", "标识": "slug",
        "共享条件": "share_condition", "共享方式": "share_method", "使用要求": "share_requirements",
    ]

    public static let columns: Set<String> = [
        "id", "slug", "title", "description", "organization", "themes", "keywords", "open_type", "share_type",
        "share_condition", "share_method", "share_requirements", "update_frequency", "issued", "modified", "license", "contact_name", "contact_email", "contact_phone",
        "spatial", "temporal_start", "temporal_end", "resource_name", "resource_format", "resource_url",
        "resource_path", "resource_media_type",
    ]

    static let listColumns: Set<String> = ["themes", "keywords"]

    public init(file: String) { self.file = file }

    public func load(_ data: Data) -> (rows: [RawDocument], diagnostics: Diagnostics) {
        switch LegacyEncoding.decodeSpreadsheetText(data, file: file) {
        case .failure(let diagnostic): return ([], Diagnostics([diagnostic]))
        case .success(let text): return parse(text)
        }
    }

    public func parse(_ text: String) -> (rows: [RawDocument], diagnostics: Diagnostics) {
        var diagnostics = Diagnostics()
        let rows: [CSVRow]
        switch CSVReader.parse(text) {
        case .success(let parsed): rows = parsed
        case .failure(let failure):
            diagnostics.error(SourceLocation(file: file, line: failure.line, column: failure.column),
                              "catalog.csv: \(failure.message)", code: "catalog-csv.syntax",
                              hint: "a cell with a comma, quote or line break is wrapped in double quotes, and a quote inside it is doubled")
            return ([], diagnostics)
        }
        guard let header = rows.first else { return ([], diagnostics) }
        var names: [String?] = []
        for cell in header.cells {
            let raw = cell.value.trimmedWhitespace
            let name = Self.columnAliases[raw] ?? raw
            if Self.columns.contains(name) {
                names.append(name)
            } else {
                names.append(nil)
                let suggestion = Suggestions.closest(to: name, in: Self.columns.sorted())
                diagnostics.warning(SourceLocation(file: file, line: cell.line, column: cell.column),
                                    "unknown column \"\(raw)\" is ignored", code: "catalog-csv.unknown-column",
                                    hint: suggestion.map { "did you mean \"\($0)\"?" })
            }
        }
        if !names.contains("id") {
            diagnostics.error(SourceLocation(file: file, line: header.line, column: 1),
                              "catalog.csv has no id column", code: "catalog-csv.no-id",
                              hint: "the first row names the columns; one of them must be id (or 信息资源代码)")
            return ([], diagnostics)
        }
        var documents: [RawDocument] = []
        for row in rows.dropFirst() {
            if row.cells.allSatisfy({ $0.value.trimmedWhitespace.isEmpty }) { continue }
            if row.cells.count != header.cells.count {
                diagnostics.error(SourceLocation(file: file, line: row.line, column: 1),
                                  "this row has \(row.cells.count) cells but the header has \(header.cells.count)",
                                  code: "catalog-csv.cell-count",
                                  hint: "a cell containing a comma must be wrapped in double quotes")
                continue
            }
            documents.append(document(for: row, names: names))
        }
        return (documents, diagnostics)
    }

    private func document(for row: CSVRow, names: [String?]) -> RawDocument {
        var entries: [YAMLEntry] = []
        var contact: [YAMLEntry] = []
        var temporal: [YAMLEntry] = []
        var resource: [YAMLEntry] = []
        var description = ""
        var descriptionLine = row.line
        var slug: String?
        var id: String?
        for (cell, name) in zip(row.cells, names) {
            guard let name else { continue }
            let value = cell.value.trimmedWhitespace
            if value.isEmpty { continue }
            let location = SourceLocation(file: file, line: cell.line, column: cell.column)
            func entry(_ key: String, _ node: YAMLNode) -> YAMLEntry {
                YAMLEntry(key: key, keyLocation: location, value: node)
            }
            let scalar = YAMLNode(.scalar(value, quoted: true), at: location)
            switch name {
            case "description":
                description = cell.value
                descriptionLine = cell.line
            case "slug": slug = value
            case let list where Self.listColumns.contains(list):
                let items = value.split(whereSeparator: { ";；".contains($0) })
                    .map { $0.trimmedWhitespace }
                    .filter { !$0.isEmpty }
                    .map { YAMLNode(.scalar($0, quoted: true), at: location) }
                entries.append(entry(name, YAMLNode(.sequence(items), at: location)))
            case let key where key.hasPrefix("contact_"):
                contact.append(entry(String(key.dropFirst("contact_".count)), scalar))
            case let key where key.hasPrefix("temporal_"):
                temporal.append(entry(String(key.dropFirst("temporal_".count)), scalar))
            case let key where key.hasPrefix("resource_"):
                resource.append(entry(String(key.dropFirst("resource_".count)), scalar))
            default:
                if name == "id" { id = value }
                entries.append(entry(name, scalar))
            }
        }
        let rowLocation = SourceLocation(file: file, line: row.line, column: 1)
        if !contact.isEmpty {
            entries.append(YAMLEntry(key: "contact", keyLocation: rowLocation, value: YAMLNode(.mapping(contact), at: rowLocation)))
        }
        if !temporal.isEmpty {
            entries.append(YAMLEntry(key: "temporal", keyLocation: rowLocation, value: YAMLNode(.mapping(temporal), at: rowLocation)))
        }
        if !resource.isEmpty {
            let item = YAMLNode(.mapping(resource), at: rowLocation)
            entries.append(YAMLEntry(key: "resources", keyLocation: rowLocation, value: YAMLNode(.sequence([item]), at: rowLocation)))
        }
        return RawDocument(file: file, slug: slug ?? Slug.fromIdentifier(id ?? "row-\(row.line)"),
                           fields: YAMLNode(.mapping(entries), at: rowLocation),
                           body: description, bodyLine: descriptionLine)
    }
}
