import Foundation

/// `catalog.json`: the whole public catalogue in the project's own JSON,
/// described by `schema/catalog.schema.json` (published beside it).
///
/// Every record has every key (absent values are `null`, empty lists `[]`),
/// so consumers never need to test whether a key exists. Dates are
/// `YYYY-MM-DD`; URLs are absolute; `description` is the publisher's Markdown
/// and `description_text` its plain text.
public struct CatalogJSONExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        let site = catalog.site
        let members: [(key: String, value: JSONValue)] = [
            ("title", .string(site.title)),
            ("description", .string(site.description)),
            ("homepage", .string(site.baseURL)),
            ("language", .string(site.language)),
            ("publisher", .object([
                ("name", .string(site.publisher.name)),
                ("homepage", .optional(site.publisher.homepage)),
                ("email", .optional(site.publisher.email)),
            ])),
            ("issued", .optional(catalog.firstIssued)),
            ("modified", .string(catalog.buildDay.description)),
            ("dataset_count", .integer(Int64(catalog.datasets.count))),
        ]
        return [
            Artifact(path: "catalog.json") { sink in
                JSONWriter().write(object: members, lastKey: "datasets", count: catalog.datasets.count, into: sink) {
                    record(catalog.datasets[$0], in: catalog)
                }
            },
            Artifact(path: "schema/catalog.schema.json", text: catalog.profile == .share ? CatalogJSONSchema.shareText : CatalogJSONSchema.text),
        ]
    }

    func record(_ dataset: Dataset, in catalog: Catalog) -> JSONValue {
        let organization = catalog.organization(dataset.organizationSlug)
        let contact = catalog.contact(dataset)
        let license = catalog.licenseValue(dataset)
        var members: [(String, JSONValue)] = [
            ("id", .string(dataset.id)),
            ("slug", .string(dataset.slug)),
            ("url", .string(catalog.pageURL(dataset))),
            ("title", .string(dataset.title)),
            ("description", .string(dataset.descriptionMarkdown)),
            ("description_text", .string(dataset.descriptionText)),
            ("organization", .object([
                ("slug", .string(dataset.organizationSlug)),
                ("name", .optional(organization?.name)),
                ("code", .optional(organization?.code)),
                ("url", .string(catalog.url(catalog.organizationPath(dataset.organizationSlug)))),
            ])),
            ("themes", .array(dataset.themeSlugs.map { slug in
                .object([("slug", .string(slug)), ("title", .optional(catalog.theme(slug)?.title))])
            })),
            ("keywords", .strings(dataset.keywords)),
            ("open_type", .string(dataset.openType.rawValue)),
            ("share_type", .optional(dataset.shareType?.rawValue)),
        ]
        // The sharing terms are for departments: only the share site's catalogue carries them.
        if catalog.profile == .share {
            members += [
                ("share_condition", .optional(dataset.shareCondition)),
                ("share_method", .optional(dataset.shareMethod?.rawValue)),
                ("share_requirements", .optional(dataset.shareRequirements)),
            ]
        }
        members += [
            ("update_frequency", .optional(dataset.updateFrequency?.rawValue)),
            ("issued", .optional(dataset.issued)),
            ("modified", .optional(dataset.modified)),
            ("license", license.map { value in
                .object([
                    ("id", .optional(Licenses.canonicalID(value))),
                    ("title", .string(catalog.licenseName(value))),
                    ("url", .optional(catalog.licenseURL(dataset))),
                ])
            } ?? .null),
            ("contact", contact.map { contact in
                .object([("name", .optional(contact.name)), ("email", .optional(contact.email)), ("phone", .optional(contact.phone))])
            } ?? .null),
            ("spatial", .optional(dataset.spatial)),
            ("spatial_coverage", AdministrativeDivisions.division(dataset.spatial).map { division in
                .object([
                    ("code", .string(division.code)),
                    ("name", .string(division.name)),
                    ("bbox", division.bbox.map { .array($0.map(JSONValue.decimal)) } ?? .null),
                    ("centroid", division.centroid.map { .array($0.map(JSONValue.decimal)) } ?? .null),
                ])
            } ?? .null),
            ("temporal", dataset.temporal.map { .object([("start", .optional($0.start)), ("end", .optional($0.end))]) } ?? .null),
            ("resources", .array(dataset.resources.map { resource($0, of: dataset, in: catalog) })),
            ("datapackage", .string(catalog.url(catalog.dataPackagePath(dataset)))),
        ]
        // Only harvested (or copied) datasets say where they come from: other entries stay as they were.
        if let origin = dataset.origin {
            members.append(("source", .object([("name", .string(origin.name)), ("url", .optional(origin.url))])))
        }
        // Likewise the English texts, only where the publisher wrote them.
        if let english = dataset.englishTitle { members.append(("title_en", .string(english))) }
        if let english = dataset.englishDescriptionMarkdown { members.append(("description_en", .string(english))) }
        return .object(members)
    }

    func resource(_ resource: Resource, of dataset: Dataset, in catalog: Catalog) -> JSONValue {
        .object([
            ("name", .string(resource.name)),
            ("format", .string(resource.format)),
            ("media_type", .string(catalog.mediaType(resource))),
            ("description", .optional(resource.description)),
            // null for conditional datasets: their data is given only on approved application.
            ("download_url", .optional(catalog.encodedDownloadURL(resource, of: dataset))),
            ("byte_size", resource.file.map { .integer($0.byteSize) } ?? .null),
            ("sha256", .optional(resource.file?.sha256.lowercased())),
            ("schema", .array(resource.schema.map { field in
                .object([
                    ("name", .string(field.name)),
                    ("type", .string(field.type)),
                    ("description", .optional(field.description)),
                    ("unit", .optional(field.unit)),
                ])
            })),
        ])
    }
}
