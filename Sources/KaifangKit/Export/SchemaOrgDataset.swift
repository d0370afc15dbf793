/// schema.org `Dataset` JSON-LD for the `<head>` of a dataset page, which
/// Google Dataset Search and other crawlers read.
///
/// The text is meant to sit inside `<script type="application/ld+json">`:
/// `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`, so no value
/// can close the script element or open a comment.
public enum SchemaOrgDataset {
    public static func jsonLD(for dataset: Dataset, in catalog: Catalog) -> String {
        JSONWriter(style: .compact, scriptSafe: true).string(value(for: dataset, in: catalog))
    }

    static func value(for dataset: Dataset, in catalog: Catalog) -> JSONValue {
        let page = catalog.pageURL(dataset)
        var ld = JSONObjectBuilder()
        ld.set("@context", .string("https://schema.org/"))
        ld.set("@type", .string("Dataset"))
        ld.set("@id", .string(page + "#dataset"))
        ld.set("name", .string(dataset.title))
        // The English title lets an English search find a Chinese dataset.
        ld.setIfPresent("alternateName", dataset.englishTitle)
        ld.set("description", .string(dataset.plainDescription))
        ld.set("url", .string(page))
        ld.set("identifier", .string(dataset.id))
        ld.setIfNotEmpty("keywords", dataset.keywords.filter { !$0.isEmpty }.map(JSONValue.string))
        ld.setIfPresent("license", catalog.licenseURL(dataset))
        // Conditional data is given on approved application: not freely
        // accessible, and the conditions are the portal's application rules.
        if catalog.givesData(of: dataset) {
            ld.set("isAccessibleForFree", .bool(true))
        } else if catalog.profile == .share {
            ld.set("isAccessibleForFree", .bool(false))
            let condition = dataset.shareCondition.map { catalog.word("rights.share_condition").replacingOccurrences(of: "{condition}", with: $0) }
                ?? catalog.word("rights.share_conditional")
            ld.set("conditionsOfAccess", .string(condition))
        } else {
            ld.set("isAccessibleForFree", .bool(false))
            let conditions = Markdown.render(catalog.site.conditionalAccess).plainText
            ld.set("conditionsOfAccess", .string(conditions.isEmpty ? catalog.word("rights.conditional") : conditions))
        }
        // The data's language, which is the catalogue's, not the interface's.
        ld.set("inLanguage", .string(catalog.site.contentLanguage))
        if let organization = catalog.organization(dataset.organizationSlug) {
            let agent = JSONValue.object([
                ("@type", .string("Organization")),
                ("name", .string(organization.name)),
                ("url", .string(catalog.url(catalog.organizationPath(organization.slug)))),
            ])
            ld.set("creator", agent)
            ld.set("publisher", agent)
        }
        ld.set("includedInDataCatalog", .object([
            ("@type", .string("DataCatalog")),
            ("name", .string(catalog.site.title)),
            ("url", .string(catalog.site.baseURL)),
        ]))
        ld.setIfPresent("dateCreated", dataset.issued?.description)
        ld.setIfPresent("datePublished", dataset.issued?.description)
        ld.setIfPresent("dateModified", dataset.modified?.description)
        if let spatial = dataset.spatial, !spatial.isEmpty {
            ld.set("spatialCoverage", .object([("@type", .string("Place")), ("name", .string(spatial))]))
        }
        if let temporal = dataset.temporal, temporal.start != nil || temporal.end != nil {
            // ISO 8601 interval; `..` marks an open end.
            ld.set("temporalCoverage", .string("\(temporal.start?.description ?? "..")/\(temporal.end?.description ?? "..")"))
        }
        ld.setIfNotEmpty("variableMeasured", variables(dataset).map(JSONValue.string))
        ld.setIfNotEmpty("distribution", dataset.resources.compactMap { download($0, of: dataset, in: catalog) })
        ld.setIfNotEmpty("subjectOf", dataset.resources.compactMap { webAPI($0, of: dataset, in: catalog) })
        return ld.value
    }

    /// An API of an open dataset as a schema.org WebAPI: its endpoint, and
    /// the dataset page as its documentation. A conditional dataset's
    /// endpoint is never published, so it has none.
    static func webAPI(_ resource: Resource, of dataset: Dataset, in catalog: Catalog) -> JSONValue? {
        guard DCATGraphBuilder.isAPI(resource), let url = catalog.encodedDownloadURL(resource, of: dataset) else { return nil }
        var entry = JSONObjectBuilder()
        entry.set("@type", .string("WebAPI"))
        entry.set("name", .string(resource.name))
        entry.setIfPresent("description", resource.description)
        entry.set("url", .string(url))
        entry.set("documentation", .string(catalog.pageURL(dataset)))
        entry.set("encodingFormat", .string(catalog.mediaType(resource)))
        if let organization = catalog.organization(dataset.organizationSlug) {
            entry.set("provider", .object([("@type", .string("Organization")), ("name", .string(organization.name))]))
        }
        return entry.value
    }

    /// Only open datasets have downloads; conditional ones are applied for on the page.
    static func download(_ resource: Resource, of dataset: Dataset, in catalog: Catalog) -> JSONValue? {
        guard !DCATGraphBuilder.isAPI(resource), let url = catalog.encodedDownloadURL(resource, of: dataset) else { return nil }
        var entry = JSONObjectBuilder()
        entry.set("@type", .string("DataDownload"))
        entry.set("name", .string(resource.name))
        entry.set("encodingFormat", .string(catalog.mediaType(resource)))
        entry.set("contentUrl", .string(url))
        if let file = resource.file { entry.set("contentSize", .string("\(file.byteSize) B")) }
        return entry.value
    }

    /// The fields of the dataset's tables, described for people.
    static func variables(_ dataset: Dataset) -> [String] {
        var labels: [String] = []
        var seen = Set<String>()
        for field in dataset.resources.flatMap(\.schema) {
            let label = field.description.flatMap { $0.isEmpty ? nil : $0 } ?? field.name
            if seen.insert(label).inserted { labels.append(label) }
        }
        return labels
    }
}
