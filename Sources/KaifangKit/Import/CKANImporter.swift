import Foundation

/// CKAN's API documents: a `package_search` or `package_show` response, a
/// list of packages (`ckanapi dump`), or one package.
public enum CKANImporter {
    static let packageFieldsRead: Set<String> = [
        "name", "title", "notes", "organization", "groups", "tags", "license_id", "license_title", "license_url",
        "metadata_created", "metadata_modified", "maintainer", "maintainer_email", "author", "author_email",
        "resources", "extras", "private",
    ]
    /// CKAN's own bookkeeping: it describes CKAN's database, not the data, and a new portal derives its own.
    static let packageFieldsIgnored: Set<String> = [
        "id", "type", "state", "owner_org", "creator_user_id", "num_resources", "num_tags", "isopen", "revision_id",
        "relationships_as_object", "relationships_as_subject", "tracking_summary", "metadata_count", "license_is_open",
    ]
    static let resourceFieldsRead: Set<String> = ["name", "url", "format", "description", "mimetype"]
    static let resourceFieldsIgnored: Set<String> = [
        "id", "package_id", "position", "created", "last_modified", "metadata_modified", "cache_url", "cache_last_updated",
        "datastore_active", "url_type", "state", "revision_id", "hash", "size", "mimetype_inner", "resource_type",
        "tracking_summary", "has_views", "webstore_url", "webstore_last_updated", "ckan_url", "resource_locator_protocol",
    ]
    static let extrasRead: Set<String> = [
        "frequency", "update_frequency", "accrual_periodicity", "temporal_start", "temporal_end", "issued", "modified",
        "identifier", "spatial_text", "contact_name", "contact_email", "contact_phone", "open_type", "share_type",
    ]

    /// The packages in any of the documents CKAN's API returns.
    static func packages(in root: LocatedJSON) -> [LocatedJSON]? {
        // A harvest keeps a site's package_search pages together in one list.
        if root.isArray, let first = root.items.first, first["result"] != nil {
            return root.items.flatMap { packages(in: $0) ?? [] }
        }
        let result = root["result"] ?? root
        if result.isArray { return result.items }
        if let results = result["results"], results.isArray { return results.items }
        if result["name"] != nil, result["resources"] != nil || result["title"] != nil { return [result] }
        return nil
    }

    public static func read(_ data: Data, file: String) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        readInto(&catalog, data: data, file: file)
        return catalog
    }

    /// Adds the packages of one document (one page of a `package_search`) to `catalog`; returns the total CKAN reports.
    @discardableResult
    static func readInto(_ catalog: inout ImportedCatalog, data: Data, file: String) -> Int? {
        guard let root = catalog.json(data, file: file, hint: "give a package_search or package_show response, or a list of packages") else {
            return nil
        }
        guard let packages = packages(in: root) else {
            catalog.diagnostics.error(root.location, "no CKAN packages found", code: "import.source",
                                      hint: "give a package_search or package_show response, or a list of packages")
            return nil
        }
        for package in packages {
            if let dataset = readPackage(package, &catalog) {
                if let existing = catalog.datasets.firstIndex(where: { $0.id == dataset.id }) {
                    catalog.datasets[existing] = dataset
                } else {
                    catalog.datasets.append(dataset)
                }
            }
        }
        return (root["result"] ?? root)["count"]?.text.flatMap { Int($0) }
    }

    static func readPackage(_ package: LocatedJSON, _ catalog: inout ImportedCatalog) -> ImportedDataset? {
        let name = package["name"]?.nonEmptyText
        let title = package["title"]?.nonEmptyText ?? name
        let record = ImportRecord(name: "package \(name ?? "?")", location: package.location)
        guard let name, let title else {
            catalog.diagnostics.error(package.location, "a package without a name was not imported", code: "import.record",
                                      hint: "every CKAN package has a `name`")
            return nil
        }
        var extras: [String: LocatedJSON] = [:]
        for extra in package["extras"]?.items ?? [] {
            if let key = extra["key"]?.nonEmptyText, let value = extra["value"] { extras[key] = value }
        }
        let id = extras["identifier"]?.nonEmptyText ?? name
        var dataset = ImportedDataset(id: id, slug: Slug.isSafe(name) ? name : Slug.fromFileName(name), title: title,
                                      source: package.location)
        dataset.descriptionMarkdown = ImportMapping.description(package["notes"]?.text, record: record,
                                                                at: package["notes"]?.location ?? package.location, &catalog)
        if let organization = package["organization"], organization.isObject,
           let orgName = organization["title"]?.nonEmptyText ?? organization["name"]?.nonEmptyText {
            dataset.organization = catalog.organization(named: orgName, slug: organization["name"]?.nonEmptyText) { imported in
                if imported.description == nil { imported.description = organization["description"]?.nonEmptyText }
            }
        } else if let author = package["author"]?.nonEmptyText ?? package["maintainer"]?.nonEmptyText {
            dataset.organization = catalog.organization(named: author)
            catalog.diagnostics.warning(package.location, "\(record.name) belongs to no organization; its department is its author \"\(author)\"",
                                        code: "import.organization", hint: "check `organization:` in the written file")
        } else {
            catalog.diagnostics.warning(package.location, "\(record.name) belongs to no organization; it needs one before it builds",
                                        code: "import.organization", hint: "add `organization:` to the written file")
        }
        dataset.themes = (package["groups"]?.items ?? []).compactMap { group in
            guard let groupTitle = group["title"]?.nonEmptyText ?? group["display_name"]?.nonEmptyText ?? group["name"]?.nonEmptyText
            else { return nil }
            return catalog.theme(titled: groupTitle, slug: group["name"]?.nonEmptyText)
        }
        dataset.keywords = (package["tags"]?.items ?? []).compactMap { $0["name"]?.nonEmptyText ?? $0["display_name"]?.nonEmptyText ?? $0.nonEmptyText }
        dataset.license = ImportMapping.license(license(package))
        dataset.issued = ImportSlug.day(extras["issued"]?.text ?? package["metadata_created"]?.text)
        dataset.modified = ImportSlug.day(extras["modified"]?.text ?? package["metadata_modified"]?.text)
        dataset.contact.name = extras["contact_name"]?.nonEmptyText ?? package["maintainer"]?.nonEmptyText ?? package["author"]?.nonEmptyText
        dataset.contact.email = ImportMapping.email(extras["contact_email"]?.text ?? package["maintainer_email"]?.text ?? package["author_email"]?.text)
        dataset.contact.phone = extras["contact_phone"]?.nonEmptyText
        dataset.spatial = extras["spatial_text"]?.nonEmptyText
        dataset.temporalStart = ImportSlug.day(extras["temporal_start"]?.text)
        dataset.temporalEnd = ImportSlug.day(extras["temporal_end"]?.text)
        if let frequency = extras["frequency"] ?? extras["update_frequency"] ?? extras["accrual_periodicity"] {
            dataset.updateFrequency = record.vocabulary(frequency.text, UpdateFrequency.self, field: "frequency",
                                                        at: frequency.location, &catalog)
        }
        if let shareType = extras["share_type"] {
            dataset.shareType = record.vocabulary(shareType.text, ShareType.self, field: "share_type", at: shareType.location, &catalog)
        }
        if package["private"]?.text == "true" {
            dataset.openType = OpenType.closed.rawValue
        } else if let openType = extras["open_type"] {
            dataset.openType = record.vocabulary(openType.text, OpenType.self, field: "open_type", at: openType.location, &catalog)
                ?? OpenType.closed.rawValue
        } else {
            // Public on CKAN means open to everyone.
            dataset.openType = OpenType.open.rawValue
        }
        for (index, item) in (package["resources"]?.items ?? []).enumerated() {
            let url = item["url"]?.nonEmptyText
            var resource = ImportedResource(name: item["name"]?.nonEmptyText ?? "\(title)（\(index + 1)）")
            resource.url = url
            resource.mediaType = item["mimetype"]?.nonEmptyText
            resource.format = ImportMapping.format(declared: item["format"]?.text, mediaType: resource.mediaType, url: url)
            resource.description = item["description"]?.nonEmptyText
            for member in item.members where !resourceFieldsRead.contains(member.key) && !resourceFieldsIgnored.contains(member.key) {
                if member.value.nonEmptyText == nil, member.value.members.isEmpty, member.value.items.isEmpty { continue }
                record.unmapped("resources[\(index)].\(member.key)", at: member.value.location, &catalog)
            }
            if url == nil {
                catalog.diagnostics.warning(item.location, "\(record.name): resource \"\(resource.name)\" has no URL (an upload CKAN did not export); it needs a file or URL before it builds",
                                            code: "import.resource", hint: "copy the file into Content/data/ and give it as `path:`")
            }
            dataset.resources.append(resource)
        }
        for member in package.members where !packageFieldsRead.contains(member.key) && !packageFieldsIgnored.contains(member.key) {
            if member.value.nonEmptyText == nil, member.value.members.isEmpty, member.value.items.isEmpty { continue }
            record.unmapped(member.key, at: member.value.location, &catalog)
        }
        for extra in package["extras"]?.items ?? [] {
            if let key = extra["key"]?.nonEmptyText, !extrasRead.contains(key), extra["value"]?.nonEmptyText != nil {
                record.unmapped("extras.\(key)", at: extra.location, &catalog)
            }
        }
        return dataset
    }

    /// CKAN's licence: its URL when it has one, else its register id (`cc-by`, `odc-odbl`), which Kaifang reads as a name.
    static func license(_ package: LocatedJSON) -> String? {
        if let url = package["license_url"]?.nonEmptyText { return url }
        guard let id = package["license_id"]?.nonEmptyText, !["notspecified", "other-closed"].contains(id) else { return nil }
        return id
    }
}
