/// Builds the DCAT-AP 3 description of the catalogue as one RDF graph, from
/// which `catalog.ttl`, `catalog.rdf` and `catalog.jsonld` are printed.
///
/// DCAT-AP's validation runs without background knowledge, so every object
/// node states its class here (`a dct:LicenseDocument`, `a foaf:Agent`, …)
/// and every concept carries a `skos:prefLabel`. Shared nodes (licences,
/// formats, frequencies, departments, themes) are described once.
///
/// Node IRIs, all under the base URL:
/// - catalogue `<base>#catalog`, portal publisher `<base>#publisher`,
///   theme scheme `<base>themes/#scheme`
/// - theme `<base>themes/<slug>/#concept`, department `<base>organizations/<slug>/#org`
/// - dataset `<page>#dataset`, its contact `<page>#contact`, period
///   `<page>#temporal`, distributions `<page>#resource-<n>` and their
///   checksums `<page>#resource-<n>-sha256` (n from 1, in the order written)
/// - the place a dataset covers is a blank node `_:d<i>spatial` (i: the
///   dataset's position in the catalogue), since a place name is not an identity.
/// - an API resource's service `<page>#service-<n>`, the period's ends
///   `<page>#temporal-start` / `-end`, a resource's Data Package `<page>datapackage.json`.
///
/// What CKAN's DCAT harvester (ckanext-dcat) reads is written too, where
/// DCAT-AP 3 allows it: `rdfs:label` on media types and formats (it reads
/// the label of an IRI), an English `dct:title` on licences as CKAN's
/// register spells it, and the period's ends also as `time:hasBeginning`
/// / `time:hasEnd` (the form DCAT-AP 3 names besides `dcat:startDate`).
public struct DCATGraphBuilder: Sendable {
    public let catalog: Catalog
    /// The tag of the catalogue's own texts (titles, names, descriptions).
    let language: String
    /// The tag of the words Kaifang adds (the theme scheme's title, licence
    /// names), which are in the interface's language.
    let interfaceLanguage: String
    /// Whether `title_en` and the like are written beside the originals as
    /// `@en` literals: not when the originals are English themselves, which
    /// would give a dataset two English titles.
    let writesEnglishTexts: Bool

    public init(catalog: Catalog) {
        self.catalog = catalog
        self.language = catalog.site.contentLanguage.lowercased()
        self.interfaceLanguage = catalog.site.language.lowercased()
        self.writesEnglishTexts = !language.hasPrefix("en")
    }

    static let dcat = RDFNamespace.dcat
    static let dct = RDFNamespace.dct
    static let foaf = RDFNamespace.foaf
    static let skos = RDFNamespace.skos
    static let vcard = RDFNamespace.vcard
    static let spdx = RDFNamespace.spdx
    static let xsd = RDFNamespace.xsd
    static let rdfs = RDFNamespace.rdfs
    static let time = RDFNamespace.time
    static let gsp = RDFNamespace.gsp
    static let euAuthority = "http://publications.europa.eu/resource/authority/"
    static let euDataThemeScheme = euAuthority + "data-theme"

    public var catalogNode: RDFTerm { .iri(catalog.url("#catalog")) }

    public func build() -> RDFGraph {
        build(datasets: catalog.datasets.indices)
    }

    /// The catalogue with only the datasets at `range` (a page of a large
    /// catalogue): the same triples about each of them as the whole file has.
    public func build(datasets range: Range<Int>) -> RDFGraph {
        var whole = RDFGraph()
        parts(datasets: range, size: max(1, range.count)) { part, _ in whole = part }
        return whole
    }

    /// The graph of `build(datasets:)` as a run of parts of `size` datasets,
    /// each handed to `body` and let go, so that a printer streams the
    /// document without the whole graph in memory: printed one after the
    /// other, the parts give the same bytes as the whole graph. The first
    /// part also holds the catalogue, its themes and departments; `body`
    /// is told which part is the last (a page adds its paging links there).
    public func parts(datasets range: Range<Int>, size: Int = 256, _ body: (_ part: RDFGraph, _ isLast: Bool) -> Void) {
        var graph = head(datasets: range)
        var start = range.lowerBound
        while true {
            let end = min(start + size, range.upperBound)
            for index in start..<end {
                describe(catalog.datasets[index], at: index, into: &graph)
            }
            start = end
            if start == range.upperBound {
                body(graph, true)
                return
            }
            body(graph, false)
            let next = graph.continuation()
            graph = next
        }
    }

    /// What a catalogue document of the datasets at `range` says before its
    /// first dataset: the catalogue, its themes and the departments of those
    /// datasets, all counted as shared, so the datasets only point at them.
    func head(datasets range: Range<Int>) -> RDFGraph {
        var graph = RDFGraph()
        describeCatalog(into: &graph, datasets: range)
        describeThemes(into: &graph)
        let usedOrganizations = Set(catalog.datasets[range].map(\.organizationSlug))
        for organization in catalog.organizations where usedOrganizations.contains(organization.slug) {
            describe(organization, into: &graph)
        }
        graph.shareDescribedSubjects()
        return graph
    }

    /// One dataset with everything it points at (department, themes,
    /// licences, formats), for `datasets/<slug>/dataset.ttl` and `.jsonld`:
    /// the same triples the catalogue has about it, so a harvester that
    /// reads either gets the same record.
    public func build(datasetAt index: Int) -> RDFGraph {
        let dataset = catalog.datasets[index]
        var graph = start(organizationSlug: dataset.organizationSlug)
        describe(dataset, at: index, into: &graph)
        return graph
    }

    /// What every dataset file of a department starts with: the themes and the department.
    func start(organizationSlug: String) -> RDFGraph {
        var graph = RDFGraph()
        describeThemes(into: &graph)
        if let organization = catalog.organization(organizationSlug) {
            describe(organization, into: &graph)
        }
        return graph
    }

    // MARK: Catalogue

    func describeCatalog(into graph: inout RDFGraph, datasets range: Range<Int>) {
        let site = catalog.site
        let node = catalogNode
        graph.type(node, S.dcat("Catalog"))
        graph.add(node, S.dct("title"), text(site.title))
        graph.add(node, S.dct("description"), text(site.description.isEmpty ? site.title : site.description))

        let publisher = RDFTerm.iri(catalog.url("#publisher"))
        graph.add(node, S.dct("publisher"), publisher)
        graph.type(publisher, S.foaf("Agent"))
        graph.add(publisher, S.foaf("name"), text(site.publisher.name))
        if let homepage = site.publisher.homepage, IRI.isHTTP(homepage) {
            graph.add(publisher, S.foaf("homepage"), document(homepage, in: &graph))
        }
        if let mailbox = IRI.mailto(site.publisher.email) {
            graph.add(publisher, S.foaf("mbox"), .iri(mailbox))
        }

        graph.add(node, S.foaf("homepage"), document(site.baseURL, in: &graph))
        graph.add(node, S.dct("language"), languageNode(in: &graph))
        graph.add(node, S.dct("license"), licenseNode(site.defaultLicense, in: &graph))
        graph.add(node, S.dct("modified"), .date(catalog.buildDay))
        graph.add(node, S.dcat("themeTaxonomy"), themeScheme)
        if catalog.site.themes.contains(where: { $0.euTheme != nil }) {
            graph.add(node, S.dcat("themeTaxonomy"), .iri(S.euDataThemeScheme))
        }
        for dataset in catalog.datasets[range] {
            graph.add(node, S.dcat("dataset"), datasetNode(dataset))
        }
    }

    var themeScheme: RDFTerm { .iri(catalog.url("themes/#scheme")) }

    /// The portal's themes as a SKOS concept scheme, and the EU data themes
    /// they map to, each described once.
    func describeThemes(into graph: inout RDFGraph) {
        graph.type(themeScheme, S.skos("ConceptScheme"))
        graph.add(themeScheme, S.dct("title"), interfaceText(catalog.word("exports.theme_scheme").replacingOccurrences(of: "{site}", with: catalog.site.title)))
        var euThemes: [String] = []
        for theme in catalog.site.themes {
            let concept = themeNode(theme.slug)
            graph.type(concept, S.skos("Concept"))
            graph.add(concept, S.skos("prefLabel"), text(theme.title))
            addEnglish(theme.englishTitle, to: concept, S.skos("prefLabel"), in: &graph)
            if !theme.description.isEmpty { graph.add(concept, S.skos("definition"), text(theme.description)) }
            graph.add(concept, S.skos("inScheme"), themeScheme)
            if let code = theme.euTheme {
                graph.add(concept, S.skos("broadMatch"), euThemeNode(code))
                if !euThemes.contains(code) { euThemes.append(code) }
            }
        }
        guard !euThemes.isEmpty else { return }
        let euScheme = RDFTerm.iri(S.euDataThemeScheme)
        graph.type(euScheme, S.skos("ConceptScheme"))
        graph.add(euScheme, S.dct("title"), .text("Data theme", language: "en"))
        for code in euThemes {
            let concept = euThemeNode(code)
            graph.type(concept, S.skos("Concept"))
            graph.add(concept, S.skos("prefLabel"), .text(EUVocabularies.dataThemeLabel(code), language: "en"))
            graph.add(concept, S.skos("inScheme"), euScheme)
        }
    }

    func themeNode(_ slug: String) -> RDFTerm { .iri(catalog.url(catalog.themePath(slug) + "#concept")) }

    func euThemeNode(_ code: String) -> RDFTerm { .iri(S.euDataThemeScheme + "/" + IRI.encode(code)) }

    private typealias S = DCATGraphBuilder

    // MARK: Departments

    func organizationNode(_ slug: String) -> RDFTerm { .iri(catalog.url(catalog.organizationPath(slug) + "#org")) }

    func describe(_ organization: Organization, into graph: inout RDFGraph) {
        let node = organizationNode(organization.slug)
        graph.type(node, S.foaf("Agent"))
        graph.type(node, S.foaf("Organization"))
        graph.add(node, S.foaf("name"), text(organization.name))
        addEnglish(organization.englishName, to: node, S.foaf("name"), in: &graph)
        if let code = organization.code, !code.isEmpty { graph.add(node, S.dct("identifier"), .plain(code)) }
        if let homepage = organization.homepage, IRI.isHTTP(homepage) {
            graph.add(node, S.foaf("homepage"), document(homepage, in: &graph))
        }
        if let mailbox = IRI.mailto(organization.email) { graph.add(node, S.foaf("mbox"), .iri(mailbox)) }
    }

    // MARK: Datasets

    func datasetNode(_ dataset: Dataset) -> RDFTerm { .iri(pageURL(dataset) + "#dataset") }

    func pageURL(_ dataset: Dataset) -> String { catalog.url(catalog.datasetPath(dataset)) }

    func describe(_ dataset: Dataset, at index: Int, into graph: inout RDFGraph) {
        let node = datasetNode(dataset)
        let page = pageURL(dataset)
        graph.type(node, S.dcat("Dataset"))
        graph.add(node, S.dct("identifier"), .plain(dataset.id))
        graph.add(node, S.dct("title"), text(dataset.title))
        addEnglish(dataset.englishTitle, to: node, S.dct("title"), in: &graph)
        // The publisher's Markdown, which CKAN renders as its `notes` (headings,
        // lists and links kept), with site-relative links made absolute.
        graph.add(node, S.dct("description"), text(catalog.harvestDescription(dataset)))
        addEnglish(catalog.harvestEnglishDescription(dataset), to: node, S.dct("description"), in: &graph)
        for keyword in dataset.keywords where !keyword.isEmpty {
            graph.add(node, S.dcat("keyword"), text(keyword))
        }
        for slug in dataset.themeSlugs {
            guard let theme = catalog.theme(slug) else { continue }
            graph.add(node, S.dcat("theme"), themeNode(slug))
            if let code = theme.euTheme { graph.add(node, S.dcat("theme"), euThemeNode(code)) }
        }
        if catalog.organization(dataset.organizationSlug) != nil {
            graph.add(node, S.dct("publisher"), organizationNode(dataset.organizationSlug))
        }
        describeContact(of: dataset, page: page, dataset: node, into: &graph)
        graph.add(node, S.dct("issued"), dataset.issued.map(RDFTerm.date))
        graph.add(node, S.dct("modified"), dataset.modified.map(RDFTerm.date))
        if let frequency = dataset.updateFrequency {
            graph.add(node, S.dct("accrualPeriodicity"), shared(EUVocabularies.frequency(frequency), S.dct("Frequency"), in: &graph))
        }
        let accessRight = EUVocabularies.accessRight(dataset.openType)
        graph.add(node, S.dct("accessRights"), shared(accessRight, S.dct("RightsStatement"), in: &graph))
        if catalog.profile == .share { describeSharing(of: dataset, page: page, dataset: node, into: &graph) }
        if let spatial = dataset.spatial, !spatial.isEmpty {
            let place = RDFTerm.blank("d\(index)spatial")
            graph.add(node, S.dct("spatial"), place)
            graph.type(place, S.dct("Location"))
            graph.add(place, S.skos("prefLabel"), text(spatial))
            if let division = AdministrativeDivisions.division(spatial) {
                graph.add(place, S.dct("identifier"), .plain(division.code))
                if let bbox = division.bbox, let centroid = division.centroid {
                    graph.add(place, S.dcat("bbox"), .typed(Self.wktPolygon(bbox), S.gsp("wktLiteral")))
                    graph.add(place, S.dcat("centroid"), .typed(Self.wktPoint(centroid), S.gsp("wktLiteral")))
                }
            }
        }
        if let temporal = dataset.temporal, temporal.start != nil || temporal.end != nil {
            let period = RDFTerm.iri(page + "#temporal")
            graph.add(node, S.dct("temporal"), period)
            graph.type(period, S.dct("PeriodOfTime"))
            graph.add(period, S.dcat("startDate"), temporal.start.map(RDFTerm.date))
            graph.add(period, S.dcat("endDate"), temporal.end.map(RDFTerm.date))
            for (end, day) in [("start", temporal.start), ("end", temporal.end)] {
                guard let day else { continue }
                let instant = RDFTerm.iri(page + "#temporal-" + end)
                graph.add(period, S.time(end == "start" ? "hasBeginning" : "hasEnd"), instant)
                graph.type(instant, S.time("Instant"))
                graph.add(instant, S.time("inXSDDate"), .date(day))
            }
        }
        graph.add(node, S.dcat("landingPage"), document(page, in: &graph))
        // A harvested dataset keeps the page it was harvested from as its source.
        if let origin = dataset.origin?.url { graph.add(node, S.dct("source"), .iri(IRI.encode(origin))) }
        graph.add(node, S.dct("language"), languageNode(in: &graph))
        for (resourceIndex, resource) in dataset.resources.enumerated() {
            let distribution = RDFTerm.iri(page + "#resource-\(resourceIndex + 1)")
            graph.add(node, S.dcat("distribution"), distribution)
            describe(resource, of: dataset, as: distribution, page: page, into: &graph)
            if Self.isAPI(resource), catalog.givesData(of: dataset), let endpoint = catalog.encodedDownloadURL(resource, of: dataset), IRI.isHTTP(endpoint) {
                let service = RDFTerm.iri(page + "#service-\(resourceIndex + 1)")
                graph.add(distribution, S.dcat("accessService"), service)
                describeService(resource, endpoint: endpoint, of: dataset, serving: node, as: service, into: &graph)
            }
        }
    }

    static func isAPI(_ resource: Resource) -> Bool { resource.format.uppercased() == "API" }

    /// An API is a `dcat:DataService` reached through the distribution's
    /// `dcat:accessService`. Only for open datasets: the endpoint of a
    /// conditional one is given to approved applicants, never published.
    func describeService(_ resource: Resource, endpoint: String, of dataset: Dataset, serving datasetNode: RDFTerm,
                         as service: RDFTerm, into graph: inout RDFGraph) {
        graph.type(service, S.dcat("DataService"))
        graph.add(service, S.dct("title"), text(resource.name))
        if let description = resource.description, !description.isEmpty {
            graph.add(service, S.dct("description"), text(description))
        }
        graph.add(service, S.dcat("endpointURL"), .iri(endpoint))
        graph.add(service, S.dcat("servesDataset"), datasetNode)
        if catalog.organization(dataset.organizationSlug) != nil {
            graph.add(service, S.dct("publisher"), organizationNode(dataset.organizationSlug))
        }
        if catalog.contact(dataset) != nil {
            graph.add(service, S.dcat("contactPoint"), .iri(pageURL(dataset) + "#contact"))
        }
        graph.add(service, S.dct("license"), licenseNode(dataset.license ?? catalog.site.defaultLicense, in: &graph))
        let accessRight = EUVocabularies.accessRight(dataset.openType)
        graph.add(service, S.dct("accessRights"), shared(accessRight, S.dct("RightsStatement"), in: &graph))
    }

    /// `POLYGON((w s, e s, e n, w n, w s))`, the form GeoSPARQL and DCAT-AP give for `dcat:bbox`.
    static func wktPolygon(_ bbox: [Double]) -> String {
        let (west, south, east, north) = (number(bbox[0]), number(bbox[1]), number(bbox[2]), number(bbox[3]))
        return "POLYGON((\(west) \(south), \(east) \(south), \(east) \(north), \(west) \(north), \(west) \(south)))"
    }

    static func wktPoint(_ point: [Double]) -> String { "POINT(\(number(point[0])) \(number(point[1])))" }

    /// Shortest decimal spelling, the same on every platform.
    static func number(_ value: Double) -> String { "\(value)" }

    /// On the share site, the share attribute and its terms as a rights
    /// statement (`dct:rights`): DCAT-AP has no property for inter-department
    /// sharing, and `dct:accessRights` already holds the public access right.
    /// `skos:notation` is the controlled value (unconditional, conditional),
    /// `dct:description` the share condition, `skos:scopeNote` the usage
    /// requirements, `skos:note` the share method.
    func describeSharing(of dataset: Dataset, page: String, dataset node: RDFTerm, into graph: inout RDFGraph) {
        guard let shareType = dataset.shareType else { return }
        let statement = RDFTerm.iri(page + "#sharing")
        graph.add(node, S.dct("rights"), statement)
        graph.type(statement, S.dct("RightsStatement"))
        graph.add(statement, S.skos("prefLabel"), interfaceText(catalog.word("share_type.\(shareType.rawValue)")))
        graph.add(statement, S.skos("notation"), .plain(shareType.rawValue))
        if let condition = dataset.shareCondition { graph.add(statement, S.dct("description"), text(condition)) }
        if let method = dataset.shareMethod {
            let note = Formatting.fill(catalog.word("share.method_note"), ["method": catalog.word("share.method_\(method.rawValue)"), "value": method.rawValue])
            graph.add(statement, S.skos("note"), interfaceText(note))
        }
        if let requirements = dataset.shareRequirements { graph.add(statement, S.skos("scopeNote"), text(requirements)) }
    }

    /// The dataset's contact, else the portal's; `vcard:fn` falls back to the
    /// department's name, since a contact point needs a name to be useful.
    func describeContact(of dataset: Dataset, page: String, dataset node: RDFTerm, into graph: inout RDFGraph) {
        guard let contact = dataset.contact ?? catalog.site.contact, !contact.isEmpty else { return }
        let name = contact.name ?? catalog.organization(dataset.organizationSlug)?.name ?? catalog.site.publisher.name
        let point = RDFTerm.iri(page + "#contact")
        graph.add(node, S.dcat("contactPoint"), point)
        graph.type(point, S.vcard("Kind"))
        graph.add(point, S.vcard("fn"), text(name))
        if let mailbox = IRI.mailto(contact.email) { graph.add(point, S.vcard("hasEmail"), .iri(mailbox)) }
        if let phone = IRI.tel(contact.phone) { graph.add(point, S.vcard("hasTelephone"), .iri(phone)) }
    }

    // MARK: Distributions

    func describe(_ resource: Resource, of dataset: Dataset, as node: RDFTerm, page: String, into graph: inout RDFGraph) {
        graph.type(node, S.dcat("Distribution"))
        graph.add(node, S.dct("title"), text(resource.name))
        if let description = resource.description, !description.isEmpty {
            graph.add(node, S.dct("description"), text(description))
        }
        // accessURL is mandatory: the file when anyone may download it,
        // otherwise the dataset page, which explains how to apply.
        if let download = catalog.downloadURL(resource, of: dataset) {
            let url = IRI.encode(download)
            graph.add(node, S.dcat("accessURL"), .iri(url))
            if resource.format.uppercased() != "API" { graph.add(node, S.dcat("downloadURL"), .iri(url)) }
        } else {
            graph.add(node, S.dcat("accessURL"), .iri(page))
        }
        // Both vocabularies are IRIs, as DCAT-AP 3 requires; each carries the
        // plain name as its rdfs:label, which CKAN reads instead of the IRI.
        if let fileType = Formats.euFileType(for: resource.format) {
            graph.add(node, S.dct("format"), labelled(S.euAuthority + "file-type/" + fileType, S.dct("MediaTypeOrExtent"),
                                                       label: fileType, in: &graph))
        }
        let mediaType = resource.mediaType ?? Formats.mediaType(for: resource.format)
        graph.add(node, S.dcat("mediaType"), labelled("https://www.iana.org/assignments/media-types/" + IRI.encode(mediaType), S.dct("MediaType"),
                                                       label: mediaType, in: &graph))
        let schema = resource.schema.isEmpty ? resource.inferredSchema : resource.schema
        if !schema.isEmpty {
            // The data dictionary: the Table Schema, inside the dataset's Data Package.
            let package = RDFTerm.iri(IRI.encode(catalog.url(catalog.dataPackagePath(dataset))))
            graph.add(node, S.dct("conformsTo"), package)
            if graph.describesFirst(package) {
                graph.type(package, S.dct("Standard"))
                graph.add(package, S.dct("title"), interfaceText(catalog.word("exports.datapackage_title")))
            }
        }
        if let file = resource.file {
            graph.add(node, S.dcat("byteSize"), .typed(String(file.byteSize), S.xsd("nonNegativeInteger")))
            let checksum = RDFTerm.iri(pageNodeIRI(node) + "-sha256")
            graph.add(node, S.spdx("checksum"), checksum)
            graph.type(checksum, S.spdx("Checksum"))
            graph.add(checksum, S.spdx("algorithm"), .iri(S.spdx("checksumAlgorithm_sha256")))
            graph.add(checksum, S.spdx("checksumValue"), .typed(file.sha256.lowercased(), S.xsd("hexBinary")))
        }
        graph.add(node, S.dct("license"), licenseNode(dataset.license ?? catalog.site.defaultLicense, in: &graph))
    }

    private func pageNodeIRI(_ node: RDFTerm) -> String {
        guard case .iri(let iri) = node else { preconditionFailure("distributions are IRIs") }
        return iri
    }

    // MARK: Shared nodes

    func text(_ value: String) -> RDFTerm { .text(value, language: language) }

    func interfaceText(_ value: String) -> RDFTerm { .text(value, language: interfaceLanguage) }

    /// An English version beside the original (`"…"@zh-cn` and `"…"@en`), so
    /// that a harvester picks the language it shows.
    func addEnglish(_ english: String?, to node: RDFTerm, _ predicate: String, in graph: inout RDFGraph) {
        guard writesEnglishTexts, let english, !english.isEmpty else { return }
        graph.add(node, predicate, .text(english, language: "en"))
    }

    /// An IRI node of a controlled vocabulary, typed the first time it is used.
    func shared(_ iri: String, _ classIRI: String, in graph: inout RDFGraph) -> RDFTerm {
        let node = RDFTerm.iri(iri)
        if graph.describesFirst(node) { graph.type(node, classIRI) }
        return node
    }

    /// A vocabulary IRI typed and labelled the first time it is used.
    func labelled(_ iri: String, _ classIRI: String, label: String, in graph: inout RDFGraph) -> RDFTerm {
        let node = RDFTerm.iri(iri)
        if graph.describesFirst(node) {
            graph.type(node, classIRI)
            graph.add(node, S.rdfs("label"), .plain(label))
        }
        return node
    }

    func document(_ url: String, in graph: inout RDFGraph) -> RDFTerm {
        shared(IRI.encode(url), S.foaf("Document"), in: &graph)
    }

    func languageNode(in graph: inout RDFGraph) -> RDFTerm {
        shared(S.euAuthority + "language/" + EUVocabularies.languageCode(catalog.site.contentLanguage), S.dct("LinguisticSystem"), in: &graph)
    }

    /// The licence document, or nil when the value is neither a known SPDX id
    /// nor an http(s) URL (DCAT-AP needs an IRI there).
    func licenseNode(_ value: String?, in graph: inout RDFGraph) -> RDFTerm? {
        guard let value, !value.isEmpty else { return nil }
        let url = Licenses.url(for: value)
        guard IRI.isHTTP(url) else { return nil }
        let node = RDFTerm.iri(IRI.encode(url))
        if graph.describesFirst(node) {
            graph.type(node, S.dct("LicenseDocument"))
            if let license = Licenses.license(value) {
                // An English portal's only title is the one CKAN's register matches.
                if !interfaceLanguage.hasPrefix("en") {
                    graph.add(node, S.dct("title"), interfaceText(catalog.licenseName(license.id)))
                }
                graph.add(node, S.dct("title"), .text(license.englishTitle, language: "en"))
            } else {
                graph.add(node, S.dct("title"), text(value))
            }
        }
        return node
    }
}
