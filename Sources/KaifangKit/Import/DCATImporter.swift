import Foundation

/// DCAT and DCAT-AP (2 and 3) catalogues in Turtle, RDF/XML or JSON-LD, as
/// European portals, CKAN's DCAT extension and Kaifang itself publish them.
public enum DCATImporter {
    enum Syntax: String { case turtle = "Turtle", rdfXML = "RDF/XML", jsonLD = "JSON-LD" }

    static let dcat = "http://www.w3.org/ns/dcat#"
    static let dct = "http://purl.org/dc/terms/"
    static let foaf = "http://xmlns.com/foaf/0.1/"
    static let vcard = "http://www.w3.org/2006/vcard/ns#"
    static let skos = "http://www.w3.org/2004/02/skos/core#"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    static let schema = "http://schema.org/"
    static let locn = "http://www.w3.org/ns/locn#"
    static let euDataTheme = "http://publications.europa.eu/resource/authority/data-theme/"

    static let datasetPredicatesRead: Set<String> = [
        rdf + "type", dct + "identifier", dct + "title", dct + "description", dcat + "keyword", dct + "publisher", dcat + "theme",
        dct + "issued", dct + "modified", dct + "accrualPeriodicity", dct + "accessRights", dct + "spatial", dct + "temporal",
        dcat + "contactPoint", dcat + "landingPage", dct + "license", dcat + "distribution",
        // Derived again by the portal that builds the import.
        dct + "language",
    ]
    static let distributionPredicatesRead: Set<String> = [
        rdf + "type", dct + "title", dct + "description", dcat + "downloadURL", dcat + "accessURL", dct + "format", dcat + "mediaType",
        dct + "license", dcat + "accessService",
        // Facts about the file that the next build measures again.
        dcat + "byteSize", "http://spdx.org/rdf/terms#checksum", dct + "issued", dct + "modified", dct + "language",
    ]

    static func syntax(of data: Data) -> Syntax {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
        if head.hasPrefix("{") || head.hasPrefix("[") { return .jsonLD }
        if head.hasPrefix("<?xml") || head.hasPrefix("<rdf:RDF") || head.hasPrefix("<RDF") || head.hasPrefix("<!--") { return .rdfXML }
        return .turtle
    }

    public static func read(_ data: Data, file: String) -> ImportedCatalog {
        var catalog = ImportedCatalog()
        let syntax = syntax(of: data)
        let graph: RDFGraph
        let lines: [RDFTerm: Int]
        do {
            switch syntax {
            case .turtle:
                guard let text = String(data: data, encoding: .utf8) else { throw TurtleParser.Failure(line: 1, column: 1, message: "not UTF-8 text") }
                (graph, lines) = try TurtleParser.parse(String(text.trimmingPrefix("\u{FEFF}")), base: file.hasPrefix("http") ? file : "")
            case .rdfXML:
                (graph, lines) = try RDFXMLParser.parse(data, base: file.hasPrefix("http") ? file : "")
            case .jsonLD:
                (graph, lines) = try JSONLDReader.parse(data, base: file.hasPrefix("http") ? file : "")
            }
        } catch {
            let (line, column) = position(of: error)
            catalog.diagnostics.error(SourceLocation(file: file, line: line, column: column), "not readable as \(syntax.rawValue): \(error)",
                                      code: "import.source", hint: "give a DCAT catalogue in Turtle, RDF/XML or JSON-LD")
            return catalog
        }
        var reader = GraphReader(graph: graph, lines: lines, file: file)
        let catalogs = reader.subjects(ofType: dcat + "Catalog")
        if let node = catalogs.first {
            catalog.title = reader.text(node, dct + "title")
            if case .iri(let homepage)? = reader.first(node, foaf + "homepage") { catalog.baseURL = homepage }
        }
        var datasets = reader.subjects(ofType: dcat + "Dataset")
        // A catalogue lists its datasets; a dataset typed only by its catalogue's link is still one.
        for node in catalogs {
            for dataset in reader.objects(node, dcat + "dataset") where !datasets.contains(dataset) { datasets.append(dataset) }
        }
        if datasets.isEmpty {
            catalog.diagnostics.error(SourceLocation(file: file), "no dcat:Dataset in the \(syntax.rawValue) file", code: "import.source",
                                      hint: "give a DCAT catalogue (dcat:Catalog with dcat:dataset, or dcat:Dataset descriptions)")
            return catalog
        }
        for (number, node) in datasets.enumerated() {
            if let dataset = reader.dataset(node, number: number + 1, &catalog) { catalog.datasets.append(dataset) }
        }
        return catalog
    }

    static func position(of error: Error) -> (Int, Int) {
        if let failure = error as? TurtleParser.Failure { return (failure.line, failure.column) }
        if let failure = error as? RDFXMLParser.Failure { return (failure.line, 1) }
        return (1, 1)
    }

    struct GraphReader {
        let graph: RDFGraph
        let lines: [RDFTerm: Int]
        let file: String

        func location(_ node: RDFTerm) -> SourceLocation { SourceLocation(file: file, line: lines[node] ?? 1, column: 1) }

        func objects(_ subject: RDFTerm, _ predicate: String) -> [RDFTerm] {
            graph.statements(about: subject).filter { $0.predicate == predicate }.map(\.object)
        }

        func first(_ subject: RDFTerm, _ predicate: String) -> RDFTerm? { objects(subject, predicate).first }

        func subjects(ofType type: String) -> [RDFTerm] {
            graph.descriptions.filter { description in
                description.statements.contains { $0.predicate == DCATImporter.rdf + "type" && $0.object == .iri(type) }
            }.map(\.subject)
        }

        /// The text of a literal, Chinese first, then no language, then any.
        func text(_ subject: RDFTerm, _ predicate: String) -> String? {
            texts(subject, predicate).first
        }

        func texts(_ subject: RDFTerm, _ predicate: String) -> [String] {
            let literals: [RDFLiteral] = objects(subject, predicate).compactMap { if case .literal(let literal) = $0 { return literal }; return nil }
            let chinese = literals.filter { $0.language?.hasPrefix("zh") == true }
            let plain = literals.filter { $0.language == nil }
            let chosen = !chinese.isEmpty ? chinese : !plain.isEmpty ? plain : literals
            return chosen.map { $0.lexical.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }

        /// The English literal beside a Chinese one (`"…"@zh-cn, "…"@en`), as
        /// Kaifang writes `title_en` and `description_en`; nil when the text
        /// `text` chooses is not Chinese, since then it is the original.
        func englishText(_ subject: RDFTerm, _ predicate: String) -> String? {
            let literals: [RDFLiteral] = objects(subject, predicate).compactMap { if case .literal(let literal) = $0 { return literal }; return nil }
            guard literals.contains(where: { $0.language?.lowercased().hasPrefix("zh") == true }) else { return nil }
            let english = literals.first { $0.language?.lowercased().hasPrefix("en") == true }
            return english.map { $0.lexical.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }

        /// A label for a node: its own name, or the text of a literal object.
        func label(_ term: RDFTerm) -> String? {
            if case .literal(let literal) = term { return literal.lexical }
            for predicate in [DCATImporter.skos + "prefLabel", DCATImporter.foaf + "name", DCATImporter.vcard + "fn",
                              DCATImporter.rdfs + "label", DCATImporter.dct + "title", DCATImporter.locn + "geographicName"] {
                if let text = text(term, predicate) { return text }
            }
            return nil
        }

        func iri(_ term: RDFTerm?) -> String? {
            if case .iri(let value)? = term { return value }
            if case .literal(let literal)? = term { return literal.lexical }
            return nil
        }

        /// The name at the end of an IRI: `…/data-theme/TRAN` → TRAN, `…/ns#Theme1` → Theme1, and for a
        /// page's node (`…/organizations/dsjj/#org`, as Kaifang writes them) the page's own name, dsjj.
        static func tail(_ iri: String) -> String {
            var trimmed = iri
            if let hash = trimmed.firstIndex(of: "#"), hash > trimmed.startIndex, trimmed[trimmed.index(before: hash)] == "/" {
                trimmed = String(trimmed[..<hash])
            }
            trimmed = trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
            return String(trimmed.split(whereSeparator: { $0 == "/" || $0 == "#" }).last ?? Substring(trimmed))
        }

        func day(_ subject: RDFTerm, _ predicate: String) -> String? {
            ImportSlug.day(objects(subject, predicate).compactMap { if case .literal(let l) = $0 { return l.lexical }; return nil }.first)
        }

        static let frequencies: [String: UpdateFrequency] = [
            "UPDATE_CONT": .realtime, "CONT": .realtime, "CONTINUOUS": .realtime, "DAILY": .daily, "WEEKLY": .weekly,
            "MONTHLY": .monthly, "QUARTERLY": .quarterly, "ANNUAL_2": .semiannual, "BIANNUAL": .semiannual, "ANNUAL": .yearly,
            "BIENNIAL": .biennial, "IRREG": .irregular,
        ]

        mutating func dataset(_ node: RDFTerm, number: Int, _ catalog: inout ImportedCatalog) -> ImportedDataset? {
            let title = text(node, DCATImporter.dct + "title")
            let record = ImportRecord(name: "dataset \(number)" + (title.map { " (\($0))" } ?? ""), location: location(node))
            guard let title else {
                catalog.diagnostics.error(location(node), "\(record.name) has no dct:title and was not imported", code: "import.record",
                                          hint: "every DCAT dataset has a title")
                return nil
            }
            var id = text(node, DCATImporter.dct + "identifier")
            if id == nil, case .iri(let iri) = node { id = iri }
            let page = iri(first(node, DCATImporter.dcat + "landingPage"))
            let datasetID = id ?? Slug.fromTitle(title)
            var dataset = ImportedDataset(id: datasetID, slug: ImportMapping.datasetSlug(id: datasetID, title: title, page: page),
                                          title: title, source: location(node))
            dataset.page = page
            dataset.descriptionMarkdown = ImportMapping.description(text(node, DCATImporter.dct + "description"), record: record,
                                                                    at: location(node), &catalog)
            dataset.englishTitle = englishText(node, DCATImporter.dct + "title")
            dataset.englishDescriptionMarkdown = englishText(node, DCATImporter.dct + "description")
            dataset.keywords = texts(node, DCATImporter.dcat + "keyword")
            if let publisher = first(node, DCATImporter.dct + "publisher"), let name = label(publisher) {
                let code = text(publisher, DCATImporter.dct + "identifier")
                let homepage = iri(first(publisher, DCATImporter.foaf + "homepage"))
                let email = iri(first(publisher, DCATImporter.foaf + "mbox"))
                var slug: String?
                if case .iri(let address) = publisher, address.contains("/organizations/") { slug = Self.tail(address) }
                dataset.organization = catalog.organization(named: name, slug: slug) { organization in
                    if organization.code == nil { organization.code = code }
                    if organization.homepage == nil { organization.homepage = homepage }
                    if organization.email == nil { organization.email = ImportMapping.email(email) }
                }
            } else {
                catalog.diagnostics.warning(location(node), "\(record.name) has no dct:publisher with a name; it needs an organization before it builds",
                                            code: "import.organization", hint: "add `organization:` to the written file")
            }
            var themes: [String] = []
            let themeNodes = objects(node, DCATImporter.dcat + "theme")
            let ownThemes = themeNodes.filter { iri($0)?.hasPrefix(DCATImporter.euDataTheme) != true }
            for theme in ownThemes.isEmpty ? themeNodes : ownThemes {
                guard let address = iri(theme) ?? label(theme) else { continue }
                let title = label(theme) ?? (address.hasPrefix(DCATImporter.euDataTheme) ? EUVocabularies.dataThemeLabel(Self.tail(address)) : Self.tail(address))
                let slug = catalog.theme(titled: title, slug: address.hasPrefix("http") ? Self.tail(address) : nil)
                if let index = catalog.themes.firstIndex(where: { $0.slug == slug }) {
                    if catalog.themes[index].euTheme == nil {
                        let broad = objects(theme, DCATImporter.skos + "broadMatch").compactMap(iri).first { $0.hasPrefix(DCATImporter.euDataTheme) }
                        let euCodes = themeNodes.compactMap(iri).filter { $0.hasPrefix(DCATImporter.euDataTheme) }
                        catalog.themes[index].euTheme = (broad ?? (ownThemes.count == 1 ? euCodes.first : nil)).map(Self.tail)
                            ?? (address.hasPrefix(DCATImporter.euDataTheme) ? Self.tail(address) : nil)
                    }
                    if catalog.themes[index].description == nil { catalog.themes[index].description = text(theme, DCATImporter.skos + "definition") }
                }
                if !themes.contains(slug) { themes.append(slug) }
            }
            dataset.themes = themes
            dataset.issued = day(node, DCATImporter.dct + "issued")
            dataset.modified = day(node, DCATImporter.dct + "modified")
            if let frequency = iri(first(node, DCATImporter.dct + "accrualPeriodicity")) {
                if let value = Self.frequencies[Self.tail(frequency).uppercased()] {
                    dataset.updateFrequency = value.rawValue
                } else {
                    dataset.updateFrequency = record.vocabulary(Self.tail(frequency), UpdateFrequency.self, field: "dct:accrualPeriodicity",
                                                                at: location(node), &catalog)
                }
            }
            switch iri(first(node, DCATImporter.dct + "accessRights")).map({ Self.tail($0).uppercased() }) {
            case "PUBLIC"?, nil: dataset.openType = OpenType.open.rawValue
            case "RESTRICTED"?: dataset.openType = OpenType.conditional.rawValue
            case let other?:
                if other != "NON_PUBLIC" {
                    catalog.diagnostics.warning(location(node), "\(record.name): dct:accessRights \"\(other)\" is not one of PUBLIC, RESTRICTED, NON_PUBLIC; imported as closed (不予开放)",
                                                code: "import.value", hint: "set open_type in the written file")
                }
                dataset.openType = OpenType.closed.rawValue
            }
            if let spatial = first(node, DCATImporter.dct + "spatial") { dataset.spatial = label(spatial) ?? iri(spatial) }
            if let temporal = first(node, DCATImporter.dct + "temporal") {
                dataset.temporalStart = day(temporal, DCATImporter.dcat + "startDate") ?? day(temporal, DCATImporter.schema + "startDate")
                dataset.temporalEnd = day(temporal, DCATImporter.dcat + "endDate") ?? day(temporal, DCATImporter.schema + "endDate")
            }
            if let contact = first(node, DCATImporter.dcat + "contactPoint") {
                dataset.contact.name = text(contact, DCATImporter.vcard + "fn")
                dataset.contact.email = ImportMapping.email(iri(first(contact, DCATImporter.vcard + "hasEmail")))
                if var phone = iri(first(contact, DCATImporter.vcard + "hasTelephone")) ?? first(contact, DCATImporter.vcard + "hasTelephone").flatMap({ iri(first($0, DCATImporter.vcard + "hasValue")) }) {
                    if phone.hasPrefix("tel:") { phone = String(phone.dropFirst(4)) }
                    dataset.contact.phone = phone.removingPercentEncoding ?? phone
                }
            }
            var licenses = objects(node, DCATImporter.dct + "license").compactMap(iri)
            for (index, distributionNode) in objects(node, DCATImporter.dcat + "distribution").enumerated() {
                licenses += objects(distributionNode, DCATImporter.dct + "license").compactMap(iri)
                if let resource = resource(distributionNode, index: index, title: title, page: page, record: record, &catalog) {
                    dataset.resources.append(resource)
                }
            }
            dataset.license = ImportMapping.license(licenses.first)
            for statement in graph.statements(about: node) where !DCATImporter.datasetPredicatesRead.contains(statement.predicate) {
                record.unmapped(statement.predicate, at: location(node), &catalog)
            }
            return dataset
        }

        func resource(_ node: RDFTerm, index: Int, title: String, page: String?, record: ImportRecord,
                      _ catalog: inout ImportedCatalog) -> ImportedResource? {
            let download = iri(first(node, DCATImporter.dcat + "downloadURL"))
            let access = iri(first(node, DCATImporter.dcat + "accessURL"))
            // A conditional dataset's file is not public: its address is the page where one applies for it.
            let applyPage = download == nil && access != nil && access == page
            var resource = ImportedResource(name: text(node, DCATImporter.dct + "title") ?? "\(title)（\(index + 1)）")
            resource.url = download ?? access
            resource.description = text(node, DCATImporter.dct + "description")
            if let mediaType = iri(first(node, DCATImporter.dcat + "mediaType")) {
                let type = mediaType.components(separatedBy: "/media-types/").last ?? mediaType
                resource.mediaType = type.removingPercentEncoding ?? type
            }
            resource.format = ImportMapping.format(declared: iri(first(node, DCATImporter.dct + "format")).map { address in
                address.hasPrefix("http") ? Self.tail(address) : (label(first(node, DCATImporter.dct + "format")!) ?? address)
            } ?? first(node, DCATImporter.dct + "format").flatMap(label), mediaType: resource.mediaType, url: resource.url)
            // An access address without a download address is a service (DCAT-AP: a dcat:DataService, or an API page).
            if download == nil, access != nil, !applyPage { resource.format = "API" }
            for statement in graph.statements(about: node) where !DCATImporter.distributionPredicatesRead.contains(statement.predicate) {
                record.unmapped("distribution: \(statement.predicate)", at: location(node), &catalog)
            }
            return resource
        }
    }
}
