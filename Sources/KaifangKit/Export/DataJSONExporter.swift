import Foundation

/// `data.json`: DCAT-US 1.1 (Project Open Data), which data.gov-style and
/// CKAN harvesters read. Written to data.gov's non-federal profile: a Chinese
/// portal has no US OMB `bureauCode`/`programCode`.
///
/// Optional fields are left out rather than set to `null` when empty, and
/// lists are never empty (the schema asks for `minItems: 1`).
public struct DataJSONExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        let members: [(key: String, value: JSONValue)] = [
            ("@context", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld")),
            ("@id", .string(catalog.url("data.json"))),
            ("@type", .string("dcat:Catalog")),
            ("conformsTo", .string("https://project-open-data.cio.gov/v1.1/schema")),
            ("describedBy", .string("https://project-open-data.cio.gov/v1.1/schema/catalog.json")),
        ]
        return [Artifact(path: "data.json") { sink in
            JSONWriter().write(object: members, lastKey: "dataset", count: catalog.datasets.count, into: sink) {
                entry(catalog.datasets[$0], in: catalog)
            }
        }]
    }

    /// ISO 8601 repeating durations, as the POD schema lists them.
    static func accrualPeriodicity(_ frequency: UpdateFrequency) -> String {
        switch frequency {
        case .realtime: "R/PT1S"
        case .daily: "R/P1D"
        case .weekly: "R/P1W"
        case .monthly: "R/P1M"
        case .quarterly: "R/P3M"
        case .semiannual: "R/P6M"
        case .yearly: "R/P1Y"
        case .biennial: "R/P2Y"
        case .irregular: "irregular"
        }
    }

    func entry(_ dataset: Dataset, in catalog: Catalog) -> JSONValue {
        let organization = catalog.organization(dataset.organizationSlug)
        let organizationName = organization?.name ?? catalog.site.publisher.name
        let page = catalog.pageURL(dataset)
        var entry = JSONObjectBuilder()
        entry.set("@type", .string("dcat:Dataset"))
        entry.set("title", .string(dataset.title))
        entry.set("description", .string(dataset.plainDescription))
        entry.setIfNotEmpty("keyword", dataset.keywords.filter { !$0.isEmpty }.map(JSONValue.string))
        entry.setIfPresent("modified", dataset.modified?.description)
        entry.set("publisher", .object([
            ("@type", .string("org:Organization")),
            ("name", .string(organizationName)),
            ("subOrganizationOf", .object([("@type", .string("org:Organization")), ("name", .string(catalog.site.publisher.name))])),
        ]))
        entry.set("contactPoint", contactPoint(dataset, organizationName: organizationName, in: catalog))
        entry.set("identifier", .string(dataset.id))
        // DCAT-US access levels: closed datasets (listed only on the share site) are non-public.
        entry.set("accessLevel", .string(dataset.openType == .open ? "public" : dataset.openType == .conditional ? "restricted public" : "non-public"))
        // `rights` explains a restricted access level (at most 255 characters).
        if catalog.profile == .share, !catalog.givesData(of: dataset) {
            let rights = dataset.shareCondition.map {
                catalog.word("rights.share_conditional_with_condition").replacingOccurrences(of: "{condition}", with: String($0.prefix(120)))
            } ?? catalog.word("rights.share_conditional_see")
            entry.set("rights", .string(rights.replacingOccurrences(of: "{page}", with: page)))
        } else if catalog.profile == .share, dataset.openType != .open {
            entry.set("rights", .string(catalog.word("rights.share_unconditional").replacingOccurrences(of: "{open_type}", with: catalog.word("open_type.\(dataset.openType.rawValue)"))))
        } else if dataset.openType != .open {
            entry.set("rights", .string(catalog.word("rights.conditional_see").replacingOccurrences(of: "{page}", with: page)))
        }
        entry.setIfPresent("license", catalog.licenseURL(dataset))
        entry.setIfPresent("spatial", dataset.spatial)
        if let start = dataset.temporal?.start, let end = dataset.temporal?.end {
            entry.set("temporal", .string("\(start)/\(end)"))
        }
        entry.setIfPresent("issued", dataset.issued?.description)
        entry.setIfPresent("accrualPeriodicity", dataset.updateFrequency.map(Self.accrualPeriodicity))
        entry.set("language", .array([.string(catalog.site.language)]))
        entry.set("landingPage", .string(page))
        // The Data Package's Table Schemas are the data dictionary.
        entry.set("describedBy", .string(catalog.url(catalog.dataPackagePath(dataset))))
        entry.set("describedByType", .string("application/json"))
        entry.setIfNotEmpty("theme", uniqueThemeTitles(dataset, in: catalog).map(JSONValue.string))
        entry.setIfNotEmpty("distribution", dataset.resources.map { distribution($0, of: dataset, page: page, in: catalog) })
        return entry.value
    }

    func contactPoint(_ dataset: Dataset, organizationName: String, in catalog: Catalog) -> JSONValue {
        let contact = catalog.contact(dataset)
        var point = JSONObjectBuilder()
        point.set("@type", .string("vcard:Contact"))
        point.set("fn", .string(contact?.name ?? organizationName))
        if let mailbox = IRI.mailto(contact?.email), Self.isPODEmail(mailbox) { point.set("hasEmail", .string(mailbox)) }
        return point.value
    }

    /// The schema's pattern for `hasEmail`; an address outside it is left out
    /// rather than failing the whole file.
    static func isPODEmail(_ mailbox: String) -> Bool {
        matches(podEmail, mailbox)
    }

    // Compiled once: `range(of:options: .regularExpression)` compiles the
    // pattern again for every dataset and distribution.
    private static let podEmail = try! NSRegularExpression(pattern: #"^mailto:[\w\_\~\!\$\&\'\(\)\*\+\,\;\=\:.-]+@[\w.-]+\.[\w.-]+?$"#)
    private static let podMediaType = try! NSRegularExpression(pattern: #"^[-\w]+/[-\w]+(\.[-\w]+)*([+][-\w]+)?$"#)

    private static func matches(_ pattern: NSRegularExpression, _ text: String) -> Bool {
        pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func uniqueThemeTitles(_ dataset: Dataset, in catalog: Catalog) -> [String] {
        var titles: [String] = []
        for slug in dataset.themeSlugs {
            let title = catalog.theme(slug)?.title ?? slug
            if !title.isEmpty, !titles.contains(title) { titles.append(title) }
        }
        return titles
    }

    func distribution(_ resource: Resource, of dataset: Dataset, page: String, in catalog: Catalog) -> JSONValue {
        var distribution = JSONObjectBuilder()
        distribution.set("@type", .string("dcat:Distribution"))
        distribution.setIfPresent("title", resource.name)
        distribution.setIfPresent("description", resource.description)
        if let url = catalog.encodedDownloadURL(resource, of: dataset) {
            // An API is reached, not downloaded; a file is downloaded.
            distribution.set(resource.format.uppercased() == "API" ? "accessURL" : "downloadURL", .string(url))
        } else {
            distribution.set("accessURL", .string(page))
        }
        // Required beside downloadURL, and must match the schema's pattern.
        let declared = catalog.mediaType(resource)
        distribution.set("mediaType", .string(Self.isPODMediaType(declared) ? declared : "application/octet-stream"))
        distribution.setIfPresent("format", resource.format)
        if !resource.schema.isEmpty {
            distribution.set("describedBy", .string(catalog.url(catalog.dataPackagePath(dataset))))
            distribution.set("describedByType", .string("application/json"))
        }
        return distribution.value
    }

    static func isPODMediaType(_ type: String) -> Bool {
        matches(podMediaType, type)
    }
}
