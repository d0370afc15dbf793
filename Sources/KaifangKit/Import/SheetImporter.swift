import Foundation

/// A catalogue kept as a spreadsheet (CSV in UTF-8 or GB18030, or XLSX): the
/// national guideline's Chinese headers, the wordings offices use for them,
/// or English. Rows that share an id (or, without ids, a title and
/// department) are one dataset with several resources.
public enum SheetImporter {
    /// Header text (spaces and `*` removed, lower-cased) → field.
    static let headers: [String: String] = {
        var map: [String: String] = [:]
        func add(_ field: String, _ names: [String]) { for name in names { map[key(name)] = field } }
        add("id", ["id", "identifier", "信息资源代码", "资源代码", "目录代码", "数据目录代码", "目录编码", "资源编码", "编码", "编号"])
        add("title", ["title", "信息资源名称", "数据资源名称", "数据目录名称", "目录名称", "数据集名称", "数据名称", "数据集"])
        add("description", ["description", "notes", "信息资源摘要", "摘要", "资源摘要", "数据摘要", "描述", "数据描述", "简介", "说明", "资源描述"])
        add("organization", ["organization", "publisher", "信息资源提供方", "提供方", "提供部门", "数据提供方", "数据提供部门", "来源部门", "责任部门", "部门", "所属部门", "数源部门"])
        add("organization_code", ["organization_code", "信息资源提供方代码", "提供方代码", "部门代码", "统一社会信用代码"])
        add("themes", ["themes", "theme", "category", "信息资源分类", "资源分类", "分类", "主题", "主题分类", "数据领域", "领域", "所属领域", "行业分类"])
        add("keywords", ["keywords", "tags", "关键字", "关键词", "标签"])
        add("open_type", ["open_type", "开放属性", "开放类型", "开放方式", "开放状态"])
        add("open_public", ["是否向社会开放", "是否开放"])
        add("open_condition", ["开放条件"])
        add("share_type", ["share_type", "共享属性", "共享类型"])
        add("share_condition", ["share_condition", "共享条件"])
        add("share_method", ["share_method", "共享方式"])
        add("share_requirements", ["share_requirements", "使用要求"])
        add("update_frequency", ["update_frequency", "frequency", "更新周期", "更新频率", "更新频次"])
        add("issued", ["issued", "date_created", "发布日期", "发布时间", "首次发布日期", "创建日期", "上线日期"])
        add("modified", ["modified", "date_updated", "更新日期", "更新时间", "最后更新", "最近更新", "最后更新日期"])
        add("license", ["license", "开放许可", "许可", "许可协议", "授权协议"])
        add("contact_name", ["contact_name", "maintainer", "联系人"])
        add("contact_email", ["contact_email", "maintainer_email", "联系邮箱", "电子邮箱", "邮箱"])
        add("contact_phone", ["contact_phone", "联系电话", "电话"])
        add("spatial", ["spatial", "空间范围", "地域范围", "行政区划", "覆盖范围"])
        add("temporal_start", ["temporal_start", "时间范围起", "开始时间", "起始时间"])
        add("temporal_end", ["temporal_end", "时间范围止", "结束时间", "截止时间"])
        add("resource_name", ["resource_name", "资源名称", "文件名称", "文件名"])
        add("resource_format", ["resource_format", "format", "资源格式", "信息资源格式", "数据格式", "格式", "文件格式"])
        add("resource_url", ["resource_url", "url", "资源地址", "下载地址", "数据地址", "链接", "访问地址", "接口地址"])
        add("resource_path", ["resource_path", "资源路径"])
        add("resource_media_type", ["resource_media_type", "媒体类型"])
        add("slug", ["slug", "标识"])
        return map
    }()

    static func key(_ header: String) -> String {
        String(header.lowercased().filter { !$0.isWhitespace && $0 != "*" && $0 != "＊" })
    }

    public static func read(_ url: URL) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        let file = url.lastPathComponent
        let rows: [CSVRow]
        if url.pathExtension.lowercased() == "xlsx" {
            do { rows = try XLSXTable.rows(url) } catch {
                catalog.diagnostics.error(SourceLocation(file: file), "\((error as? XLSXTable.Failure)?.message ?? "\(error)")",
                                          code: "import.source", hint: "save the sheet again as .xlsx, or as CSV")
                return catalog
            }
        } else {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                catalog.diagnostics.error(SourceLocation(file: file), "cannot read \(file)", code: "import.source")
                return catalog
            }
            switch LegacyEncoding.decodeSpreadsheetText(data, file: file) {
            case .failure(let diagnostic): catalog.diagnostics.append(diagnostic); return catalog
            case .success(let text):
                switch CSVReader.parse(text) {
                case .failure(let failure):
                    catalog.diagnostics.error(SourceLocation(file: file, line: failure.line, column: failure.column), failure.message,
                                              code: "import.source")
                    return catalog
                case .success(let parsed): rows = parsed
                }
            }
        }
        read(rows: rows, file: file, dateSerials: url.pathExtension.lowercased() == "xlsx", into: &catalog)
        return catalog
    }

    static func read(rows allRows: [CSVRow], file: String, dateSerials: Bool, into catalog: inout ImportedCatalog) {
        // Offices put a title row or two above the header: the header is the first row naming a title column.
        guard let headerIndex = allRows.prefix(10).firstIndex(where: { row in row.cells.contains { headers[key($0.value)] == "title" } }) else {
            catalog.diagnostics.error(SourceLocation(file: file), "no column for the dataset's name (信息资源名称 or title) in the first rows",
                                      code: "import.source", hint: "the header row names the columns: 信息资源名称, 信息资源提供方, 开放属性, …")
            return
        }
        let header = allRows[headerIndex]
        var fields: [Int: String] = [:]
        for (index, cell) in header.cells.enumerated() {
            let name = cell.value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            if let field = headers[key(name)], !fields.values.contains(field) {
                fields[index] = field
            } else {
                catalog.diagnostics.warning(SourceLocation(file: file, line: cell.line, column: cell.column),
                                            "column \"\(name)\" has no place in Kaifang's format and was not imported",
                                            code: "import.unmapped", hint: "rename the column to one Kaifang reads (docs/import.md), or copy what matters by hand")
            }
        }
        var indexByKey: [String: Int] = [:]
        for row in allRows[(headerIndex + 1)...] {
            var values: [String: CSVCell] = [:]
            for (index, cell) in row.cells.enumerated() {
                if let field = fields[index], !cell.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    values[field] = CSVCell(value: cell.value.trimmingCharacters(in: .whitespacesAndNewlines), line: cell.line, column: cell.column)
                }
            }
            guard !values.isEmpty else { continue }
            let location = SourceLocation(file: file, line: row.line, column: 1)
            guard let title = values["title"]?.value else {
                catalog.diagnostics.error(location, "row \(row.line) has no dataset name (信息资源名称) and was not imported",
                                          code: "import.record", hint: "fill in the name, or delete the row")
                continue
            }
            let organizationName = values["organization"]?.value
            let rowKey = values["id"]?.value ?? "\(organizationName ?? "")\u{1F}\(title)"
            let record = ImportRecord(name: "row \(row.line) (\(title))", location: location)
            let resource = resource(values, title: title)
            if let existing = indexByKey[rowKey] {
                if let resource { catalog.datasets[existing].resources.append(resource) }
                continue
            }
            var dataset = newDataset(values, title: title, organization: organizationName, record: record,
                                     dateSerials: dateSerials, file: file, &catalog)
            if let resource { dataset.resources.append(resource) }
            indexByKey[rowKey] = catalog.datasets.count
            catalog.datasets.append(dataset)
        }
    }

    static func newDataset(_ values: [String: CSVCell], title: String, organization: String?, record: ImportRecord,
                           dateSerials: Bool, file: String, _ catalog: inout ImportedCatalog) -> ImportedDataset {
        let id: String
        if let given = values["id"]?.value {
            id = given
        } else {
            // Stable across imports as long as the department and name stay: a re-import finds the same file.
            let base = Slug.fromTitle(title)
            let department = organization.map { Slug.fromTitle($0) }
            id = department.map { "\($0)-\(base)" } ?? base
            catalog.diagnostics.note(record.location, "\(record.name) has no resource code (信息资源代码); its id is \"\(id)\"",
                                     code: "import.id", hint: "give the dataset its code in the sheet when it has one")
        }
        var dataset = ImportedDataset(id: id, slug: values["slug"]?.value ?? Slug.fromIdentifier(id), title: title, source: record.location)
        if let description = values["description"] {
            dataset.descriptionMarkdown = ImportMapping.description(description.value, record: record, at: location(description, file), &catalog)
        }
        if let organization {
            let code = values["organization_code"]?.value
            dataset.organization = catalog.organization(named: organization) { imported in
                if imported.code == nil { imported.code = code }
            }
        } else {
            catalog.diagnostics.warning(record.location, "\(record.name) names no department (信息资源提供方); it needs one before it builds",
                                        code: "import.organization", hint: "fill in the 信息资源提供方 column")
        }
        dataset.themes = list(values["themes"]?.value).map { catalog.theme(titled: $0) }
        dataset.keywords = list(values["keywords"]?.value)
        func vocabulary<V: CatalogueVocabulary>(_ field: String, _ type: V.Type) -> String? {
            guard let cell = values[field] else { return nil }
            return record.vocabulary(cell.value, type, field: field, at: location(cell, file), &catalog)
        }
        dataset.openType = vocabulary("open_type", OpenType.self)
        if dataset.openType == nil, let cell = values["open_public"] {
            // 是否向社会开放: 是 with an 开放条件 is conditional.
            switch cell.value {
            case "是", "Y", "y", "yes", "Yes", "TRUE", "true":
                dataset.openType = values["open_condition"] == nil ? OpenType.open.rawValue : OpenType.conditional.rawValue
            case "否", "N", "n", "no", "No", "FALSE", "false":
                dataset.openType = OpenType.closed.rawValue
            default:
                dataset.openType = vocabulary("open_public", OpenType.self)
            }
        }
        if dataset.openType == nil {
            // A row that does not say whether it may be published is not published.
            dataset.openType = OpenType.closed.rawValue
            catalog.diagnostics.warning(record.location, "\(record.name) does not say whether it is open (开放属性); it is imported as closed (不予开放)",
                                        code: "import.value", hint: "set open_type in the written file once the department has decided")
        }
        dataset.shareType = vocabulary("share_type", ShareType.self)
        dataset.shareCondition = values["share_condition"]?.value
        dataset.shareMethod = vocabulary("share_method", ShareMethod.self)
        dataset.shareRequirements = values["share_requirements"]?.value
        dataset.updateFrequency = vocabulary("update_frequency", UpdateFrequency.self)
        func date(_ field: String) -> String? {
            guard let cell = values[field] else { return nil }
            if let day = ImportSlug.day(cell.value) { return day }
            if dateSerials, let day = XLSXTable.day(fromSerial: cell.value) { return day }
            if let day = chineseDay(cell.value) { return day }
            catalog.diagnostics.warning(location(cell, file), "\(record.name): \(field) \"\(cell.value)\" is not a date and was left out",
                                        code: "import.value", hint: "write dates as YYYY-MM-DD")
            return nil
        }
        dataset.issued = date("issued")
        dataset.modified = date("modified")
        dataset.temporalStart = date("temporal_start")
        dataset.temporalEnd = date("temporal_end")
        dataset.license = ImportMapping.license(values["license"]?.value)
        dataset.contact = ImportedContact(name: values["contact_name"]?.value, email: ImportMapping.email(values["contact_email"]?.value),
                                          phone: values["contact_phone"]?.value)
        dataset.spatial = values["spatial"]?.value
        if let condition = values["open_condition"], dataset.openType == OpenType.conditional.rawValue {
            dataset.descriptionMarkdown += (dataset.descriptionMarkdown.isEmpty ? "" : "\n\n") + "开放条件：" + condition.value
        }
        return dataset
    }

    static func resource(_ values: [String: CSVCell], title: String) -> ImportedResource? {
        let url = values["resource_url"]?.value
        let path = values["resource_path"]?.value
        guard url != nil || path != nil || values["resource_name"] != nil else { return nil }
        var resource = ImportedResource(name: values["resource_name"]?.value ?? title)
        resource.url = url
        resource.path = path
        resource.mediaType = values["resource_media_type"]?.value
        // A sheet lists several formats in one cell (CSV/XLSX); the first one belongs to the file or address given.
        let declared = values["resource_format"]?.value.split(whereSeparator: { "/、,，;；".contains($0) }).first.map(String.init)
        resource.format = ImportMapping.format(declared: declared, mediaType: resource.mediaType, url: url ?? path)
        return resource
    }

    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { ";；,，、|".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `2024年3月5日` → `2024-03-05`.
    static func chineseDay(_ text: String) -> String? {
        guard let match = text.firstMatch(of: /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/) else { return nil }
        guard let year = Int(match.1), let month = Int(match.2), let day = Int(match.3) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func location(_ cell: CSVCell, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: cell.line, column: cell.column)
    }
}
