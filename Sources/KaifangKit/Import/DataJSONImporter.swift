import Foundation

/// DCAT-US 1.1 (`data.json`, Project Open Data), as US agencies and
/// Kaifang itself publish it.
public enum DataJSONImporter {
    static let datasetFieldsRead: Set<String> = [
        "@type", "title", "description", "keyword", "modified", "publisher", "contactPoint", "identifier", "accessLevel",
        "license", "spatial", "temporal", "issued", "accrualPeriodicity", "landingPage", "theme", "distribution",
        // Written by Kaifang and derived again from the imported fields on the next build.
        "language", "describedBy", "describedByType",
    ]
    /// The rights text Kaifang writes for a conditional dataset; any other rights text is reported.
    static let kaifangRightsPrefix = "有条件开放：数据须向提供部门申请"
    static let distributionFieldsRead: Set<String> = [
        "@type", "title", "description", "downloadURL", "accessURL", "mediaType", "format", "describedBy", "describedByType",
    ]

    public static func read(_ data: Data, file: String) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        guard let root = catalog.json(data, file: file, hint: "data.json is one JSON object with a `dataset` list (DCAT-US 1.1)") else {
            return catalog
        }
        guard let datasets = root["dataset"], datasets.isArray else {
            catalog.diagnostics.error(root.location, "no `dataset` list: this is not a DCAT-US data.json", code: "import.source",
                                      hint: "data.json is one JSON object with a `dataset` list (DCAT-US 1.1)")
            return catalog
        }
        if let id = root["@id"]?.nonEmptyText, id.hasSuffix("/data.json") { catalog.baseURL = String(id.dropLast("data.json".count)) }
        for (index, entry) in datasets.items.enumerated() {
            if let dataset = readDataset(entry, number: index + 1, &catalog) { catalog.datasets.append(dataset) }
        }
        return catalog
    }

    static func readDataset(_ entry: LocatedJSON, number: Int, _ catalog: inout ImportedCatalog) -> ImportedDataset? {
        let title = entry["title"]?.nonEmptyText
        let record = ImportRecord(name: "dataset \(number)" + (title.map { " (\($0))" } ?? ""), location: entry.location)
        guard let title else {
            catalog.diagnostics.error(entry.location, "\(record.name) has no title and was not imported", code: "import.record",
                                      hint: "every DCAT-US dataset has a title")
            return nil
        }
        let id = entry["identifier"]?.nonEmptyText ?? Slug.fromTitle(title)
        if entry["identifier"]?.nonEmptyText == nil {
            catalog.diagnostics.warning(entry.location, "\(record.name) has no identifier; its id is made from the title",
                                        code: "import.id", hint: "give the dataset its resource code (信息资源代码) in the written file")
        }
        let page = entry["landingPage"]?.nonEmptyText
        var dataset = ImportedDataset(id: id, slug: ImportMapping.datasetSlug(id: id, title: title, page: page),
                                      title: title, source: entry.location)
        dataset.page = page
        dataset.descriptionMarkdown = ImportMapping.description(entry["description"]?.text, record: record,
                                                                at: entry["description"]?.location ?? entry.location, &catalog)
        dataset.keywords = entry["keyword"]?.texts ?? []
        dataset.issued = ImportSlug.day(entry["issued"]?.text)
        dataset.modified = ImportSlug.day(entry["modified"]?.text)
        if let name = entry["publisher"]?["name"]?.nonEmptyText ?? entry["publisher"]?.nonEmptyText {
            dataset.organization = catalog.organization(named: name)
        } else {
            catalog.diagnostics.warning(entry.location, "\(record.name) has no publisher; it needs an organization before it builds",
                                        code: "import.organization", hint: "add `organization:` to the written file, or `defaults: {organization: …}` in site.yaml")
        }
        if let contact = entry["contactPoint"] {
            dataset.contact.name = contact["fn"]?.nonEmptyText
            dataset.contact.email = ImportMapping.email(contact["hasEmail"]?.text)
        }
        switch entry["accessLevel"]?.nonEmptyText?.lowercased() {
        case "public": dataset.openType = OpenType.open.rawValue
        case "restricted public": dataset.openType = OpenType.conditional.rawValue
        case "non-public": dataset.openType = OpenType.closed.rawValue
        case let other?:
            catalog.diagnostics.warning(entry["accessLevel"]!.location, "\(record.name): accessLevel \"\(other)\" is not a DCAT-US value; the dataset is imported as closed (不予开放)",
                                        code: "import.value", hint: "set open_type in the written file")
            dataset.openType = OpenType.closed.rawValue
        case nil:
            dataset.openType = OpenType.open.rawValue
        }
        dataset.license = ImportMapping.license(entry["license"]?.text)
        dataset.spatial = entry["spatial"]?.nonEmptyText
        if let (start, end) = ImportMapping.interval(entry["temporal"]?.text) {
            dataset.temporalStart = start
            dataset.temporalEnd = end
        }
        if let periodicity = entry["accrualPeriodicity"] {
            dataset.updateFrequency = record.vocabulary(periodicity.text, UpdateFrequency.self, field: "accrualPeriodicity",
                                                        at: periodicity.location, &catalog)
        }
        dataset.themes = (entry["theme"]?.texts ?? []).map { catalog.theme(titled: $0) }
        for (index, item) in (entry["distribution"]?.items ?? []).enumerated() {
            let url = item["downloadURL"]?.nonEmptyText ?? item["accessURL"]?.nonEmptyText
            var resource = ImportedResource(name: item["title"]?.nonEmptyText ?? "\(title)（\(index + 1)）")
            resource.url = url
            resource.mediaType = item["mediaType"]?.nonEmptyText.flatMap { $0 == "application/octet-stream" ? nil : $0 }
            resource.format = ImportMapping.format(declared: item["format"]?.text, mediaType: resource.mediaType, url: url)
            if item["accessURL"] != nil, item["downloadURL"] == nil, url != page, resource.format == nil { resource.format = "API" }
            resource.description = item["description"]?.nonEmptyText
            for member in item.members where !distributionFieldsRead.contains(member.key) {
                record.unmapped("distribution.\(member.key)", at: member.value.location, &catalog)
            }
            dataset.resources.append(resource)
        }
        for member in entry.members where !datasetFieldsRead.contains(member.key) {
            if member.key == "rights", member.value.text?.hasPrefix(kaifangRightsPrefix) == true { continue }
            record.unmapped(member.key, at: member.value.location, &catalog)
        }
        return dataset
    }
}
