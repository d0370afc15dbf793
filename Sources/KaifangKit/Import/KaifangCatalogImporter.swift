import Foundation

/// Another Kaifang portal's `catalog.json`: every field Kaifang publishes,
/// descriptions in their Markdown, so an import of it loses nothing that
/// the source published. City portals built with Kaifang are read this way.
public enum KaifangCatalogImporter {
    static let datasetFieldsRead: Set<String> = [
        "id", "slug", "url", "title", "description", "organization", "themes", "keywords", "open_type", "share_type",
        "share_condition", "share_method", "share_requirements",
        "update_frequency", "issued", "modified", "license", "contact", "spatial", "temporal", "resources",
        "title_en", "description_en",
        // Derived from the fields above by every build.
        "description_text", "datapackage", "spatial_coverage",
    ]
    static let resourceFieldsRead: Set<String> = [
        "name", "format", "media_type", "description", "download_url", "schema",
        // Measured again by the build that publishes the file.
        "byte_size", "sha256",
    ]

    public static func read(_ data: Data, file: String) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        guard let root = catalog.json(data, file: file, hint: "give a Kaifang portal's catalog.json") else { return catalog }
        guard let datasets = root["datasets"], datasets.isArray else {
            catalog.diagnostics.error(root.location, "no `datasets` list: this is not a Kaifang catalog.json", code: "import.source",
                                      hint: "give a Kaifang portal's catalog.json (docs/outputs.md)")
            return catalog
        }
        catalog.title = root["title"]?.nonEmptyText
        catalog.baseURL = root["homepage"]?.nonEmptyText
        for entry in datasets.items {
            if let dataset = readDataset(entry, &catalog) { catalog.datasets.append(dataset) }
        }
        return catalog
    }

    static func readDataset(_ entry: LocatedJSON, _ catalog: inout ImportedCatalog) -> ImportedDataset? {
        let record = ImportRecord(name: "dataset \(entry["id"]?.nonEmptyText ?? "?")", location: entry.location)
        guard let id = entry["id"]?.nonEmptyText, let title = entry["title"]?.nonEmptyText else {
            catalog.diagnostics.error(entry.location, "a dataset without an id or title was not imported", code: "import.record",
                                      hint: "every dataset in catalog.json has both")
            return nil
        }
        let page = entry["url"]?.nonEmptyText
        let slug = entry["slug"]?.nonEmptyText.flatMap { Slug.isSafe($0) ? $0 : nil } ?? ImportMapping.datasetSlug(id: id, title: title, page: page)
        var dataset = ImportedDataset(id: id, slug: slug, title: title, source: entry.location)
        dataset.page = page
        dataset.descriptionMarkdown = entry["description"]?.text ?? ""
        dataset.englishTitle = entry["title_en"]?.nonEmptyText
        dataset.englishDescriptionMarkdown = entry["description_en"]?.nonEmptyText
        if let organization = entry["organization"], let name = organization["name"]?.nonEmptyText {
            dataset.organization = catalog.organization(named: name, slug: organization["slug"]?.nonEmptyText) { imported in
                if imported.code == nil { imported.code = organization["code"]?.nonEmptyText }
            }
        }
        dataset.themes = (entry["themes"]?.items ?? []).compactMap { theme in
            guard let title = theme["title"]?.nonEmptyText ?? theme["slug"]?.nonEmptyText else { return nil }
            return catalog.theme(titled: title, slug: theme["slug"]?.nonEmptyText)
        }
        dataset.keywords = entry["keywords"]?.texts ?? []
        func vocabulary<V: CatalogueVocabulary>(_ field: String, _ type: V.Type) -> String? {
            guard let value = entry[field] else { return nil }
            return record.vocabulary(value.text, type, field: field, at: value.location, &catalog)
        }
        dataset.openType = vocabulary("open_type", OpenType.self) ?? OpenType.closed.rawValue
        dataset.shareType = vocabulary("share_type", ShareType.self)
        // Only a share site's catalog.json has the sharing terms.
        dataset.shareCondition = entry["share_condition"]?.nonEmptyText
        dataset.shareMethod = vocabulary("share_method", ShareMethod.self)
        dataset.shareRequirements = entry["share_requirements"]?.nonEmptyText
        dataset.updateFrequency = vocabulary("update_frequency", UpdateFrequency.self)
        dataset.issued = ImportSlug.day(entry["issued"]?.text)
        dataset.modified = ImportSlug.day(entry["modified"]?.text)
        dataset.license = ImportMapping.license(entry["license"]?["id"]?.nonEmptyText ?? entry["license"]?["url"]?.nonEmptyText)
        if let contact = entry["contact"], contact.isObject {
            dataset.contact = ImportedContact(name: contact["name"]?.nonEmptyText, email: contact["email"]?.nonEmptyText,
                                              phone: contact["phone"]?.nonEmptyText)
        }
        dataset.spatial = entry["spatial"]?.nonEmptyText
        dataset.temporalStart = ImportSlug.day(entry["temporal"]?["start"]?.text)
        dataset.temporalEnd = ImportSlug.day(entry["temporal"]?["end"]?.text)
        for (index, item) in (entry["resources"]?.items ?? []).enumerated() {
            var resource = ImportedResource(name: item["name"]?.nonEmptyText ?? "\(title)（\(index + 1)）")
            // A conditional dataset's file is not public: its address is the source page where one applies for it.
            resource.url = item["download_url"]?.nonEmptyText ?? page
            resource.format = item["format"]?.nonEmptyText
            resource.mediaType = item["media_type"]?.nonEmptyText
            resource.description = item["description"]?.nonEmptyText
            resource.schema = (item["schema"]?.items ?? []).compactMap { field in
                guard let name = field["name"]?.nonEmptyText else { return nil }
                return ImportedField(name: name, type: field["type"]?.nonEmptyText, description: field["description"]?.nonEmptyText,
                                     unit: field["unit"]?.nonEmptyText)
            }
            for member in item.members where !resourceFieldsRead.contains(member.key) {
                record.unmapped("resources[\(index)].\(member.key)", at: member.value.location, &catalog)
            }
            dataset.resources.append(resource)
        }
        for member in entry.members where !datasetFieldsRead.contains(member.key) {
            record.unmapped(member.key, at: member.value.location, &catalog)
        }
        return dataset
    }
}
