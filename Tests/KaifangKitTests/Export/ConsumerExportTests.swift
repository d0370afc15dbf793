import XCTest
@testable import KaifangKit

/// What the exports carry for the consumers of docs/interoperability.md
/// (CKAN's DCAT harvester, Google Dataset Search, Data Package tools,
/// spreadsheets); Tests/Consumers runs the consumers themselves.
final class ConsumerDCATTests: XCTestCase {
    let rdfs = RDFNamespace.rdfs, dcat = RDFNamespace.dcat, dct = RDFNamespace.dct, time = RDFNamespace.time

    func objects(_ graph: RDFGraph, _ subject: String, _ predicate: String) -> [RDFTerm] {
        graph.descriptions.first { $0.subject == .iri(subject) }?.statements.filter { $0.predicate == predicate }.map(\.object) ?? []
    }

    func testMediaTypesAndFileTypesCarryTheirPlainNamesForCKAN() {
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build()
        XCTAssertEqual(objects(graph, "https://www.iana.org/assignments/media-types/text/csv", rdfs("label")), [.plain("text/csv")])
        XCTAssertEqual(objects(graph, "http://publications.europa.eu/resource/authority/file-type/CSV", rdfs("label")), [.plain("CSV")])
    }

    func testLicencesHaveTheEnglishTitleOfCKANsRegister() {
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build()
        let titles = objects(graph, "https://creativecommons.org/licenses/by/4.0/", dct("title"))
        XCTAssertEqual(titles, [.text("知识共享署名 4.0 国际许可协议", language: "zh-cn"), .text("Creative Commons Attribution", language: "en")])
    }

    func testAnOpenAPIIsADataServiceAndAConditionalOneHasNone() {
        let conditionalAPI = ExportTestCatalog.dataset(id: "X-2", slug: "secret-api", title: "受限接口", openType: .conditional,
                                                       resources: [ExportTestCatalog.apiResource])
        let catalog = ExportTestCatalog.catalog([
            ExportTestCatalog.dataset(id: "X-1", slug: "bus", title: "公交", resources: [ExportTestCatalog.csvResource, ExportTestCatalog.apiResource]),
            conditionalAPI,
        ])
        let graph = DCATGraphBuilder(catalog: catalog).build()
        let page = ExportTestCatalog.base + "datasets/bus/"
        XCTAssertEqual(objects(graph, page + "#resource-2", dcat("accessService")), [.iri(page + "#service-2")])
        XCTAssertEqual(objects(graph, page + "#resource-1", dcat("accessService")), [])
        XCTAssertEqual(objects(graph, page + "#service-2", RDFNamespace.type), [.iri(dcat("DataService"))])
        XCTAssertEqual(objects(graph, page + "#service-2", dcat("endpointURL")), [.iri("https://api.example.gov.cn/bus?city=%E7%A4%BA%E4%BE%8B")])
        XCTAssertEqual(objects(graph, page + "#service-2", dcat("servesDataset")), [.iri(page + "#dataset")])
        let hidden = ExportTestCatalog.base + "datasets/secret-api/"
        XCTAssertEqual(objects(graph, hidden + "#resource-1", dcat("accessService")), [])
        XCTAssertFalse(graph.descriptions.contains { $0.subject == .iri(hidden + "#service-1") })
        let turtle = String(decoding: TurtleSerializer().serialize(graph), as: UTF8.self)
        XCTAssertEqual(turtle.components(separatedBy: "api.example.gov.cn").count - 1, 2, "the open API's accessURL and endpointURL; never the conditional one's")
    }

    func testAResourceWithASchemaConformsToItsDataPackage() {
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build()
        let page = ExportTestCatalog.base + "datasets/%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9/"
        XCTAssertEqual(objects(graph, page + "#resource-1", dct("conformsTo")), [.iri(page + "datapackage.json")])
        XCTAssertEqual(objects(graph, page + "datapackage.json", RDFNamespace.type), [.iri(dct("Standard"))])
        XCTAssertEqual(objects(graph, page + "#resource-2", dct("conformsTo")), [], "the API declares no fields")
    }

    func testThePeriodIsAlsoWrittenAsTimeInstants() {
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build()
        let page = ExportTestCatalog.base + "datasets/tricky/"
        XCTAssertEqual(objects(graph, page + "#temporal", dcat("startDate")), [.date(Day(year: 2024, month: 1, day: 1))])
        XCTAssertEqual(objects(graph, page + "#temporal", time("hasBeginning")), [.iri(page + "#temporal-start")])
        XCTAssertEqual(objects(graph, page + "#temporal", time("hasEnd")), [.iri(page + "#temporal-end")])
        XCTAssertEqual(objects(graph, page + "#temporal-end", time("inXSDDate")), [.date(Day(year: 2024, month: 12, day: 31))])
        XCTAssertEqual(objects(graph, page + "#temporal-end", RDFNamespace.type), [.iri(time("Instant"))])
    }

    func testAProvinceHasItsCodeBoundingBoxAndCentroid() {
        var dataset = ExportTestCatalog.dataset(id: "X-1", slug: "sd", title: "山东")
        dataset.spatial = "山东省"
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.catalog([dataset])).build()
        let place = graph.descriptions.first { $0.subject == .blank("d0spatial") }
        let statements = place?.statements ?? []
        XCTAssertTrue(statements.contains { $0.predicate == self.dct("identifier") && $0.object == .plain("370000") })
        XCTAssertTrue(statements.contains {
            $0.predicate == self.dcat("bbox") && $0.object == .typed("POLYGON((114.8 34.3, 122.8 34.3, 122.8 38.4, 114.8 38.4, 114.8 34.3))", RDFNamespace.gsp("wktLiteral"))
        })
        XCTAssertTrue(statements.contains { $0.predicate == self.dcat("centroid") && $0.object == .typed("POINT(118.8 36.35)", RDFNamespace.gsp("wktLiteral")) })
        // A place that is not a province stays a label.
        let city = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build().descriptions.first { $0.subject == .blank("d0spatial") }
        XCTAssertEqual(city?.statements.map(\.predicate), [RDFNamespace.type, RDFNamespace.skos("prefLabel")])
    }

    func testDescriptionsKeepTheirMarkdownWithAbsoluteLinks() {
        var dataset = ExportTestCatalog.dataset(id: "X-1", slug: "md", title: "说明")
        dataset.descriptionMarkdown = "## 用法\n\n- 见[条款](/pages/terms/)和[外部](https://a.example/)\n\n[协议]: /pages/license/\n\n[协议议定书](//cdn.example/x)\n"
        let catalog = ExportTestCatalog.catalog([dataset])
        XCTAssertEqual(catalog.harvestDescription(dataset), """
            ## 用法

            - 见[条款](https://data.example.gov.cn/pages/terms/)和[外部](https://a.example/)

            [协议]: https://data.example.gov.cn/pages/license/

            [协议议定书](//cdn.example/x)
            """)
        dataset.descriptionMarkdown = "  \n"
        XCTAssertEqual(catalog.harvestDescription(dataset), "说明", "dct:description is mandatory: the title stands in")
    }

    func testEachDatasetHasItsOwnFilesWithTheCataloguesTriplesAboutIt() throws {
        let catalog = ExportTestCatalog.mixed()
        let texts = ExportTestCatalog.texts(DCATExporter().export(catalog))
        XCTAssertNotNil(texts["datasets/driver-licences/dataset.ttl"])
        XCTAssertNotNil(texts["datasets/公交站点/dataset.jsonld"])
        let builder = DCATGraphBuilder(catalog: catalog)
        let whole = builder.build()
        var wholeTriples = Set<String>()
        for description in whole.descriptions {
            for statement in description.statements { wholeTriples.insert("\(description.subject) \(statement.predicate) \(statement.object)") }
        }
        for index in catalog.datasets.indices {
            let single = builder.build(datasetAt: index)
            let datasets = single.descriptions.filter { $0.statements.contains { $0.predicate == RDFNamespace.type && $0.object == .iri(self.dcat("Dataset")) } }
            XCTAssertEqual(datasets.count, 1)
            for description in single.descriptions {
                for statement in description.statements {
                    XCTAssertTrue(wholeTriples.contains("\(description.subject) \(statement.predicate) \(statement.object)"),
                                  "\(description.subject) \(statement.predicate) is not in the catalogue")
                }
            }
        }
    }
}

final class ConsumerSchemaOrgTests: XCTestCase {
    func json(_ dataset: Dataset, _ catalog: Catalog) throws -> [String: Any] {
        let text = SchemaOrgDataset.jsonLD(for: dataset, in: catalog)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testAConditionalDatasetIsNotFreeAndSaysOnWhatConditions() throws {
        let catalog = ExportTestCatalog.mixed()
        let conditional = try json(catalog.datasets[1], catalog)
        XCTAssertEqual(conditional["isAccessibleForFree"] as? Bool, false)
        XCTAssertEqual(conditional["conditionsOfAccess"] as? String, "须申请。")
        let open = try json(catalog.datasets[0], catalog)
        XCTAssertEqual(open["isAccessibleForFree"] as? Bool, true)
        XCTAssertNil(open["conditionsOfAccess"])
    }

    func testAnOpenAPIIsAWebAPINotADownload() throws {
        let catalog = ExportTestCatalog.mixed()
        let open = try json(catalog.datasets[0], catalog)
        let downloads = try XCTUnwrap(open["distribution"] as? [[String: Any]])
        XCTAssertEqual(downloads.compactMap { $0["contentUrl"] as? String }, ["https://data.example.gov.cn/data/jtt/bus-stops.csv"])
        let apis = try XCTUnwrap(open["subjectOf"] as? [[String: Any]])
        XCTAssertEqual(apis.first?["@type"] as? String, "WebAPI")
        XCTAssertEqual(apis.first?["url"] as? String, "https://api.example.gov.cn/bus?city=%E7%A4%BA%E4%BE%8B")
        XCTAssertEqual(apis.first?["documentation"] as? String, "https://data.example.gov.cn/datasets/%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9/")
        let secret = ExportTestCatalog.dataset(id: "X-2", slug: "secret-api", title: "受限接口", openType: .conditional, resources: [ExportTestCatalog.apiResource])
        XCTAssertNil(try json(secret, ExportTestCatalog.catalog([secret]))["subjectOf"])
    }
}

final class ConsumerTableTests: XCTestCase {
    func testTheChineseCatalogueHasTheGuidelinesHeadersAndChineseValues() throws {
        let text = ExportTestCatalog.text(CatalogChineseCSVExporter(), ExportTestCatalog.mixed(), path: "catalog.zh-CN.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}信息资源代码,信息资源名称,信息资源摘要,信息资源提供方,信息资源提供方代码,信息资源分类,关键字,开放属性,"))
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.count, 5, "header, three datasets, and the final CRLF")
        XCTAssertTrue(lines[2].hasPrefix("330100-JT-0002,驾驶证核发记录,全市公交站点的编号和名称。,示例市交通运输局,11370000MB0000000X,交通,公交；站点,有条件开放,无条件共享,每月,"))
        XCTAssertTrue(lines[3].contains(",\"'=HYPERLINK("), "formula-safe like catalog.csv")
    }

    func testCatalogJSONGivesAProvincesCodeBoxAndCentroid() throws {
        var dataset = ExportTestCatalog.dataset(id: "X-1", slug: "sd", title: "山东")
        dataset.spatial = "山东省"
        let text = ExportTestCatalog.text(CatalogJSONExporter(), ExportTestCatalog.catalog([dataset, ExportTestCatalog.mixed().datasets[0]]), path: "catalog.json")
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let datasets = try XCTUnwrap(root["datasets"] as? [[String: Any]])
        let coverage = try XCTUnwrap(datasets[0]["spatial_coverage"] as? [String: Any])
        XCTAssertEqual(coverage["code"] as? String, "370000")
        XCTAssertEqual(coverage["bbox"] as? [Double], [114.8, 34.3, 122.8, 38.4])
        XCTAssertEqual(coverage["centroid"] as? [Double], [118.8, 36.35])
        XCTAssertTrue(datasets[1]["spatial_coverage"] is NSNull, "示例市 is not a province")
    }

    func testDivisionsAreFoundByCodeOrNameAndEveryCentroidIsInsideItsBox() {
        XCTAssertEqual(AdministrativeDivisions.division("370000")?.name, "山东省")
        XCTAssertEqual(AdministrativeDivisions.division(" 山东省 ")?.code, "370000")
        XCTAssertNil(AdministrativeDivisions.division("济南市"))
        XCTAssertNil(AdministrativeDivisions.division("440000")?.bbox, "a maritime boundary: no box")
        XCTAssertEqual(AdministrativeDivisions.provinces.count, 34)
        for division in AdministrativeDivisions.provinces {
            guard let box = division.bbox, let centre = division.centroid else { continue }
            XCTAssertTrue(box[0] < centre[0] && centre[0] < box[2] && box[1] < centre[1] && centre[1] < box[3], division.name)
        }
    }
}

/// Google Dataset Search ignores descriptions under 50 characters: `check` says so.
final class ConsumerWarningTests: XCTestCase {
    func testAShortDescriptionIsAWarningWithItsLength() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/short.md", "---\nid: S-1\ntitle: 短描述\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n**公交**站点。\n")
        let report = portal.build()
        XCTAssertTrue(report.succeeded)
        let warnings = report.diagnostics.filter { $0.code == "dataset.description-short" }
        XCTAssertEqual(warnings.map(\.location.file), ["Content/datasets/short.md"], "the fixture's own datasets say enough")
        XCTAssertEqual(warnings.first?.severity, .warning)
        XCTAssertEqual(warnings.first?.message, "the description has 5 characters; Google Dataset Search needs at least 50",
                       "counted on the text a search engine gets, without Markdown")
    }
}

final class ConsumerLayoutTests: XCTestCase {
    /// The package, its copies of the hosted files and the per-dataset RDF
    /// sit beside the page, whatever the slug's script: relative links from
    /// the page and from the package must resolve in a copy of the site.
    func testEverythingOfADatasetSitsInThePagesFolder() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/公交线路.md", "---\nid: C-1\ntitle: 公交线路\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n"
            + "resources:\n  - {name: 站点表, format: CSV, path: jtt/stops.csv}\n---\n公交线路和站点，每条记录为一个站点，包括站点名称和经度，由交通运输厅科技信息处每月更新。\n")
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let files = Set(portal.outputFiles().filter { $0.hasPrefix("datasets/公交线路/") })
        XCTAssertEqual(files, ["datasets/公交线路/index.html", "datasets/公交线路/datapackage.json", "datasets/公交线路/dataset.ttl",
                               "datasets/公交线路/dataset.jsonld", "datasets/公交线路/data/jtt/stops.csv"])
        XCTAssertEqual(try portal.read("datasets/公交线路/data/jtt/stops.csv"), try portal.read("data/jtt/stops.csv"))
        let page = try portal.read("datasets/公交线路/index.html")
        XCTAssertTrue(page.contains(#"<link rel="alternate" type="text/turtle" href="dataset.ttl""#))
        XCTAssertTrue(page.contains(#"<link rel="alternate" type="application/ld+json" href="dataset.jsonld""#))
    }
}

/// data.json keeps only values its schema's patterns accept (a failing value
/// is left out or replaced, never fails the whole file).
final class DataJSONPatternTests: XCTestCase {
    func testEmailsAndMediaTypesAreTestedAgainstTheSchemasPatterns() {
        for accepted in ["mailto:open@example.gov.cn", "mailto:a.b-c@sub.example.cn", "mailto:x+y@e.co"] {
            XCTAssertTrue(DataJSONExporter.isPODEmail(accepted), accepted)
        }
        for refused in ["open@example.gov.cn", "mailto:open@example", "mailto:开放@example.cn x", "mailto:a b@e.cn", "mailto:"] {
            XCTAssertFalse(DataJSONExporter.isPODEmail(refused), refused)
        }
        for accepted in ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/ld+json", "application/geo+json"] {
            XCTAssertTrue(DataJSONExporter.isPODMediaType(accepted), accepted)
        }
        for refused in ["csv", "text/csv; charset=utf-8", "text/", "/csv", "application/ld+", "文本/csv "] {
            XCTAssertFalse(DataJSONExporter.isPODMediaType(refused), refused)
        }
    }
}
