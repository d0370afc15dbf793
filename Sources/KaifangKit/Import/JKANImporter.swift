import Foundation

/// A JKAN site (a Jekyll folder): `_config.yml`, `_datasets/`, `_organizations/`,
/// `_categories/` (or `_data/categories.yml`) and `_data/licenses.yml`.
public enum JKANImporter {
    static let datasetFieldsRead: Set<String> = [
        "title", "organization", "notes", "resources", "license", "category", "maintainer", "maintainer_email",
        "maintainer_phone", "tags", "keywords", "date_created", "date_updated", "issued", "modified", "spatial",
        "update_frequency", "open_type", "share_type", "id",
    ]
    /// Jekyll's page settings: how JKAN drew the page, nothing about the data.
    static let datasetFieldsIgnored: Set<String> = ["schema", "layout", "permalink", "published"]
    static let resourceFieldsRead: Set<String> = ["name", "url", "format", "description"]

    public static func read(site: URL) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        let fileManager = FileManager.default
        let datasetsFolder = site.appendingPathComponent("_datasets")
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: datasetsFolder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            catalog.diagnostics.error(SourceLocation(file: site.path), "no _datasets folder: this is not a JKAN site",
                                      code: "import.source", hint: "give the folder that holds JKAN's _config.yml and _datasets/")
            return catalog
        }
        var datasetDefaults: [String: String] = [:]
        if let config = yaml(site.appendingPathComponent("_config.yml"), name: "_config.yml", &catalog) {
            catalog.title = config["title"]?.scalar
            if let url = config["url"]?.scalar, url.hasPrefix("http") {
                catalog.baseURL = url.trimmingSuffix("/") + "/" + (config["baseurl"]?.scalar ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
            }
            // JKAN's defaults give every dataset without one a category and organization ("Uncategorized", "N/A").
            for item in config["defaults"]?.items ?? [] where item["scope"]?["type"]?.scalar == "datasets" {
                for entry in item["values"]?.entries ?? [] { if let value = entry.value.scalar { datasetDefaults[entry.key] = value } }
            }
        }
        let licenses = licenseURLs(site, &catalog)
        readCategories(site, &catalog)
        for (file, document) in markdownFiles(site.appendingPathComponent("_organizations"), folder: "_organizations", &catalog) {
            guard let name = document.fields["title"]?.scalar ?? document.fields["name"]?.scalar else { continue }
            let stem = String(file.dropLast(3))
            _ = catalog.organization(named: name, slug: Slug.fromFileName(stem)) { organization in
                let body = document.body.trimmingCharacters(in: .whitespacesAndNewlines)
                organization.description = body.isEmpty ? document.fields["description"]?.scalar : body
                organization.homepage = document.fields["homepage"]?.scalar ?? document.fields["website"]?.scalar
                organization.email = document.fields["email"]?.scalar
            }
        }
        for (file, document) in markdownFiles(datasetsFolder, folder: "_datasets", &catalog) {
            if let dataset = readDataset(file: file, document, defaults: datasetDefaults, licenses: licenses, &catalog) {
                catalog.datasets.append(dataset)
            }
        }
        return catalog
    }

    struct Document {
        var fields: YAMLNode
        var body: String
        var location: SourceLocation
    }

    static func readDataset(file: String, _ document: Document, defaults: [String: String], licenses: [String: String],
                            _ catalog: inout ImportedCatalog) -> ImportedDataset? {
        let fields = document.fields
        let stem = String(file.dropLast(3))
        let record = ImportRecord(name: "_datasets/\(file)", location: document.location)
        guard let title = fields["title"]?.scalar, !title.isEmpty else {
            catalog.diagnostics.error(document.location, "\(record.name) has no title and was not imported", code: "import.record",
                                      hint: "every JKAN dataset has a title")
            return nil
        }
        let slug = Slug.fromFileName(stem)
        var dataset = ImportedDataset(id: fields["id"]?.scalar ?? stem, slug: slug, title: title, source: document.location)
        let body = document.body.trimmingCharacters(in: .whitespacesAndNewlines)
        let notes = body.isEmpty ? fields["notes"]?.scalar : body
        dataset.descriptionMarkdown = ImportMapping.description(notes, record: record,
                                                                at: fields["notes"]?.location ?? document.location, &catalog)
        if let organization = fields["organization"]?.scalar ?? defaults["organization"] {
            dataset.organization = catalog.organization(named: organization)
        }
        let categories = fields["category"].map(strings) ?? defaults["category"].map { [$0] } ?? []
        dataset.themes = categories.map { catalog.theme(titled: $0) }
        dataset.keywords = (fields["tags"] ?? fields["keywords"]).map(strings) ?? []
        dataset.issued = ImportSlug.day(fields["issued"]?.scalar ?? fields["date_created"]?.scalar)
        dataset.modified = ImportSlug.day(fields["modified"]?.scalar ?? fields["date_updated"]?.scalar)
        if let license = fields["license"]?.scalar, !license.isEmpty {
            let known = licenses[LicenseNames.key(license)]
            dataset.license = ImportMapping.license(known.map { $0.isEmpty ? nil : $0 } ?? license)
        }
        dataset.contact = ImportedContact(name: fields["maintainer"]?.scalar, email: ImportMapping.email(fields["maintainer_email"]?.scalar),
                                          phone: fields["maintainer_phone"]?.scalar)
        dataset.spatial = fields["spatial"]?.scalar
        dataset.openType = record.vocabulary(fields["open_type"]?.scalar, OpenType.self, field: "open_type",
                                             at: fields["open_type"]?.location ?? document.location, &catalog) ?? OpenType.open.rawValue
        dataset.shareType = record.vocabulary(fields["share_type"]?.scalar, ShareType.self, field: "share_type",
                                              at: fields["share_type"]?.location ?? document.location, &catalog)
        dataset.updateFrequency = record.vocabulary(fields["update_frequency"]?.scalar, UpdateFrequency.self, field: "update_frequency",
                                                    at: fields["update_frequency"]?.location ?? document.location, &catalog)
        for (index, item) in (fields["resources"]?.items ?? []).enumerated() {
            let url = item["url"]?.scalar
            var resource = ImportedResource(name: item["name"]?.scalar ?? "\(title)（\(index + 1)）")
            resource.url = url
            resource.format = ImportMapping.format(declared: item["format"]?.scalar, mediaType: nil, url: url)
            resource.description = item["description"]?.scalar
            for entry in item.entries ?? [] where !resourceFieldsRead.contains(entry.key) {
                record.unmapped("resources[\(index)].\(entry.key)", at: entry.keyLocation, &catalog)
            }
            dataset.resources.append(resource)
        }
        for entry in fields.entries ?? [] where !datasetFieldsRead.contains(entry.key) && !datasetFieldsIgnored.contains(entry.key) {
            record.unmapped(entry.key, at: entry.keyLocation, &catalog)
        }
        return dataset
    }

    static func strings(_ node: YAMLNode) -> [String] {
        if let items = node.items { return items.compactMap(\.scalar).filter { !$0.isEmpty } }
        return node.scalar.map { [$0] }?.filter { !$0.isEmpty } ?? []
    }

    /// JKAN's `_data/licenses.yml`: licence names to URLs ("" for a name that stands for none).
    static func licenseURLs(_ site: URL, _ catalog: inout ImportedCatalog) -> [String: String] {
        guard let file = yaml(site.appendingPathComponent("_data/licenses.yml"), name: "_data/licenses.yml", &catalog) else { return [:] }
        var result: [String: String] = [:]
        for item in (file["items"] ?? file).items ?? [] {
            if let name = item["name"]?.scalar { result[LicenseNames.key(name)] = item["url"]?.scalar ?? "" }
        }
        return result
    }

    /// Categories in the order the site lists them: `_categories/*.md` (JKAN 1.x) or `_data/categories.yml` (older).
    static func readCategories(_ site: URL, _ catalog: inout ImportedCatalog) {
        for (file, document) in markdownFiles(site.appendingPathComponent("_categories"), folder: "_categories", &catalog) {
            if let title = document.fields["title"]?.scalar ?? document.fields["name"]?.scalar {
                _ = catalog.theme(titled: title, slug: Slug.fromFileName(String(file.dropLast(3))))
            }
        }
        if let list = yaml(site.appendingPathComponent("_data/categories.yml"), name: "_data/categories.yml", &catalog) {
            for item in list.items ?? [] {
                if let title = item["name"]?.scalar ?? item["title"]?.scalar ?? item.scalar { _ = catalog.theme(titled: title) }
            }
        }
    }

    static func yaml(_ url: URL, name: String, _ catalog: inout ImportedCatalog) -> YAMLNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let text = String(data: data, encoding: .utf8) else {
            catalog.diagnostics.error(SourceLocation(file: name), "\(name) is not UTF-8 text", code: "import.source")
            return nil
        }
        switch YAMLReader.parse(String(TextDecoder.normalizeLineEnds(text).trimmingPrefix("\u{FEFF}")), file: name) {
        case .success(let node): return node
        case .failure(let diagnostic): catalog.diagnostics.append(diagnostic); return nil
        }
    }

    static func markdownFiles(_ folder: URL, folder name: String, _ catalog: inout ImportedCatalog) -> [(String, Document)] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var result: [(String, Document)] = []
        for file in files.sorted() where file.hasSuffix(".md") {
            let path = "\(name)/\(file)"
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path),
                  let text = String(data: data, encoding: .utf8) else {
                catalog.diagnostics.error(SourceLocation(file: path), "\(path) cannot be read as UTF-8 text and was not imported", code: "import.record")
                continue
            }
            let normalized = TextDecoder.normalizeLineEnds(String(text.trimmingPrefix("\u{FEFF}")))
            switch FrontMatterDocument.split(normalized, file: path) {
            case .failure(let diagnostic): catalog.diagnostics.append(diagnostic)
            case .success(let document):
                switch YAMLReader.parse(document.yaml, file: path, lineOffset: document.yamlLineOffset) {
                case .failure(let diagnostic): catalog.diagnostics.append(diagnostic)
                case .success(let fields):
                    result.append((file, Document(fields: fields, body: document.body, location: SourceLocation(file: path))))
                }
            }
        }
        return result
    }
}

private extension String {
    func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
