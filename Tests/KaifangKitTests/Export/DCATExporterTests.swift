import XCTest
@testable import KaifangKit

final class DCATExporterTests: XCTestCase {
    /// The three files of a one-dataset catalogue, byte for byte, against
    /// `Fixtures/golden/dcat-tiny.*`. Re-record with KAIFANG_RECORD_GOLDEN=1
    /// (the run then fails, so a recording is never mistaken for a pass).
    func testTinyCatalogueMatchesGoldenFiles() throws {
        let catalog = ExportTestCatalog.catalog([
            ExportTestCatalog.dataset(id: "330100-JT-0001", slug: "公交站点", title: "公交站点位置"),
        ])
        let texts = ExportTestCatalog.texts(DCATExporter().export(catalog))
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
        let record = ProcessInfo.processInfo.environment["KAIFANG_RECORD_GOLDEN"] == "1"
        for (path, file) in [("catalog.ttl", "dcat-tiny.ttl"), ("catalog.rdf", "dcat-tiny.rdf"), ("catalog.jsonld", "dcat-tiny.jsonld")] {
            let url = golden.appendingPathComponent(file)
            let actual = try XCTUnwrap(texts[path])
            if record {
                try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
                try actual.write(to: url, atomically: true, encoding: .utf8)
                XCTFail("recorded \(file); run again without KAIFANG_RECORD_GOLDEN")
            } else {
                XCTAssertEqual(actual, try String(contentsOf: url, encoding: .utf8), "\(path) differs from \(file)")
            }
        }
    }

    func testEveryRunPrintsTheSameBytes() {
        let catalog = ExportTestCatalog.mixed()
        XCTAssertEqual(ExportTestCatalog.texts(DCATExporter().export(catalog)), ExportTestCatalog.texts(DCATExporter().export(catalog)))
    }

    func testNonASCIISlugsArePercentEncodedInIRIs() {
        let turtle = ExportTestCatalog.text(DCATExporter(), ExportTestCatalog.mixed(), path: "catalog.ttl")
        XCTAssertTrue(turtle.contains("<https://data.example.gov.cn/datasets/%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9/#dataset>"))
        XCTAssertTrue(turtle.contains("<https://api.example.gov.cn/bus?city=%E7%A4%BA%E4%BE%8B>"))
        XCTAssertFalse(turtle.contains("<https://data.example.gov.cn/datasets/公交"))
    }

    func testEveryObjectNodeStatesItsClass() {
        let graph = DCATGraphBuilder(catalog: ExportTestCatalog.mixed()).build()
        let typed = Set(graph.descriptions.filter { $0.statements.contains { $0.predicate == RDFNamespace.type } }.map(\.subject))
        // Objects DCAT-AP checks with sh:class: every IRI or blank node object
        // except download/access URLs, mailboxes and phones (plain IRIs by design).
        let untypedAllowed: Set<String> = [RDFNamespace.dcat("accessURL"), RDFNamespace.dcat("downloadURL"),
                                           RDFNamespace.foaf("mbox"), RDFNamespace.vcard("hasEmail"),
                                           RDFNamespace.vcard("hasTelephone"), RDFNamespace.spdx("algorithm"),
                                           RDFNamespace.dcat("endpointURL"),
                                           RDFNamespace.type]
        for description in graph.descriptions {
            for statement in description.statements where !statement.object.isLiteral && !untypedAllowed.contains(statement.predicate) {
                XCTAssertTrue(typed.contains(statement.object), "\(statement.object) (object of \(statement.predicate)) has no rdf:type")
            }
        }
    }

    func testConditionalDistributionsPointAtTheDatasetPageOnly() {
        let turtle = ExportTestCatalog.text(DCATExporter(), ExportTestCatalog.mixed(), path: "catalog.ttl")
        XCTAssertFalse(turtle.contains("driver-licences.csv"))
        XCTAssertTrue(turtle.contains("""
        <https://data.example.gov.cn/datasets/driver-licences/#resource-1> a dcat:Distribution ;
            dct:title "驾驶证记录（CSV）"@zh-cn ;
            dcat:accessURL <https://data.example.gov.cn/datasets/driver-licences/> ;
        """))
        XCTAssertTrue(turtle.contains("<http://publications.europa.eu/resource/authority/access-right/RESTRICTED>"))
    }

    /// CKAN renders `notes` as Markdown: headings, lists and emphasis survive the harvest.
    func testDescriptionsAreThePublishersMarkdown() {
        let turtle = ExportTestCatalog.text(DCATExporter(), ExportTestCatalog.mixed(), path: "catalog.ttl")
        XCTAssertTrue(turtle.contains(#"dct:description "**全市公交站点的编号和名称。**"@zh-cn"#))
    }

    /// Past `build.dcat_page_size` the catalogue is also written in pages that
    /// link each other with Hydra; read back in each syntax, the pages hold
    /// every dataset once, with the same triples as the whole catalogue.
    func testALargeCatalogueIsAlsoPublishedInPagesLinkedWithHydra() throws {
        var catalog = ExportTestCatalog.mixed()
        catalog.site.dcatPageSize = 2
        let texts = ExportTestCatalog.texts(DCATExporter().export(catalog))
        let hydra = RDFNamespace.hydra, dcat = RDFNamespace.dcat
        let base = catalog.site.baseURL
        let (whole, _) = try TurtleParser.parse(try XCTUnwrap(texts["catalog.ttl"]), base: base)
        XCTAssertFalse(texts["catalog.ttl"]!.contains("hydra"), "the whole catalogue is as it was")
        XCTAssertNil(texts["catalog/page/3.ttl"])
        for syntax in ["ttl", "rdf", "jsonld"] {
            var datasets: [RDFTerm] = []
            var page: String? = base + "catalog/page/1.\(syntax)"
            var visited = 0
            while let address = page, visited < 5 {
                visited += 1
                let path = String(address.dropFirst(base.count))
                let data = Data(try XCTUnwrap(texts[path], path).utf8)
                let graph: RDFGraph
                switch syntax {
                case "ttl": graph = try TurtleParser.parse(String(decoding: data, as: UTF8.self), base: base).0
                case "rdf": graph = try RDFXMLParser.parse(data, base: base).0
                default: graph = try JSONLDReader.parse(data, base: base).0
                }
                let view = graph.statements(about: .iri(address))
                XCTAssertTrue(view.contains { $0.predicate == RDFNamespace.type && $0.object == .iri(hydra("PartialCollectionView")) }, path)
                XCTAssertTrue(view.contains { $0.predicate == hydra("first") && $0.object == .iri(base + "catalog/page/1.\(syntax)") }, path)
                XCTAssertTrue(view.contains { $0.predicate == hydra("last") && $0.object == .iri(base + "catalog/page/2.\(syntax)") }, path)
                XCTAssertTrue(view.contains { $0.predicate == hydra("totalItems") && $0.object == .literal(RDFLiteral("3", datatype: RDFNamespace.xsd("integer"))) }, path)
                let members = graph.statements(about: .iri(base + "#catalog")).filter { $0.predicate == dcat("dataset") }.map(\.object)
                XCTAssertLessThanOrEqual(members.count, 2, path)
                for member in members {
                    // The page says about each of its datasets what the whole catalogue says.
                    XCTAssertEqual(graph.statements(about: member).map { "\($0.predicate) \($0.object)" }.sorted(),
                                   whole.statements(about: member).map { "\($0.predicate) \($0.object)" }.sorted(), "\(path) \(member)")
                }
                datasets += members
                page = view.first { $0.predicate == hydra("next") }.flatMap { if case .iri(let next) = $0.object { next } else { nil } }
            }
            XCTAssertEqual(visited, 2, syntax)
            XCTAssertEqual(Set(datasets.map { "\($0)" }),
                           Set(whole.statements(about: .iri(base + "#catalog")).filter { $0.predicate == dcat("dataset") }.map { "\($0.object)" }), syntax)
            XCTAssertEqual(datasets.count, 3, syntax)
        }
    }

    /// The catalogue files are printed a few hundred datasets at a time;
    /// whatever the part size, the bytes are those of the whole graph, and a
    /// shared node (licence, format, the department's homepage) used by many
    /// parts is described once, in the part that first uses it.
    func serialize(_ graph: RDFGraph, _ syntax: String) -> Data {
        switch syntax {
        case "ttl": TurtleSerializer().serialize(graph)
        case "rdf": RDFXMLSerializer().serialize(graph)
        default: JSONLDSerializer().serialize(graph)
        }
    }

    func testPrintingInPartsGivesTheWholeGraphsBytes() throws {
        var datasets = ExportTestCatalog.mixed().datasets
        for number in 4...9 {
            var extra = ExportTestCatalog.dataset(id: "330100-JT-000\(number)", slug: "extra-\(number)", title: "数据集 \(number)",
                                                   resources: number % 2 == 0 ? [ExportTestCatalog.csvResource] : [ExportTestCatalog.apiResource])
            extra.license = number % 3 == 0 ? "CC-BY-4.0" : nil
            datasets.append(extra)
        }
        let catalog = ExportTestCatalog.catalog(datasets).publishable
        let builder = DCATGraphBuilder(catalog: catalog)
        let whole = builder.build()
        for syntax in DCATExporter.syntaxes {
            let expected = serialize(whole, syntax.extension)
            for size in [1, 2, 4, 100] {
                var partCount = 0, lastCount = 0
                let sink = ByteSink()
                let printer = syntax.printer([], sink)
                builder.parts(datasets: catalog.datasets.indices, size: size) { part, isLast in
                    partCount += 1
                    if isLast { lastCount += 1 }
                    printer.print(part)
                }
                printer.finish()
                XCTAssertEqual(String(decoding: sink.data, as: UTF8.self), String(decoding: expected, as: UTF8.self), "\(syntax.extension), \(size) per part")
                XCTAssertEqual(partCount, (catalog.datasets.count + size - 1) / size)
                XCTAssertEqual(lastCount, 1)
            }
        }
        let turtle = String(decoding: TurtleSerializer().serialize(whole), as: UTF8.self)
        for shared in ["<https://creativecommons.org/licenses/by/4.0/> a dct:LicenseDocument", "<https://jtt.example.gov.cn/> a foaf:Document"] {
            XCTAssertEqual(turtle.components(separatedBy: "\n" + shared).count - 1, 1, shared)
        }
        // The catalogue files written by the exporter, each dataset described
        // once for all of them, are the whole graph's bytes in every syntax.
        let texts = ExportTestCatalog.texts(DCATExporter().export(catalog))
        XCTAssertEqual(texts["catalog.ttl"], turtle)
        for syntax in DCATExporter.syntaxes {
            XCTAssertEqual(texts["catalog." + syntax.extension], String(decoding: serialize(whole, syntax.extension), as: UTF8.self), syntax.extension)
        }
        // And each page is its datasets' graph with its paging links, as printed part by part.
        var paged = catalog
        paged.site.dcatPageSize = 4
        let pageTexts = ExportTestCatalog.texts(DCATExporter().export(paged))
        let pagedBuilder = DCATGraphBuilder(catalog: paged)
        let pageCount = (paged.datasets.count + 3) / 4
        XCTAssertEqual(pageCount, 3)
        XCTAssertNil(pageTexts[DCATExporter.pagePath(pageCount + 1, extension: "ttl")])
        for page in 1...pageCount {
            let range = (page - 1) * 4..<min(paged.datasets.count, page * 4)
            for syntax in DCATExporter.syntaxes {
                let sink = ByteSink()
                let printer = syntax.printer([RDFNamespace.hydra], sink)
                pagedBuilder.parts(datasets: range, size: 3) { part, isLast in
                    var part = part
                    if isLast {
                        DCATExporter.describePage(page, of: pageCount, total: paged.datasets.count, size: 4, extension: syntax.extension,
                                                  catalog: paged, into: &part)
                    }
                    printer.print(part)
                }
                printer.finish()
                let path = DCATExporter.pagePath(page, extension: syntax.extension)
                XCTAssertEqual(pageTexts[path], String(decoding: sink.data, as: UTF8.self), path)
            }
        }
        // Each dataset's own files start from its department's printed start; they are its whole graph's bytes.
        for (index, dataset) in catalog.datasets.enumerated() {
            let single = builder.build(datasetAt: index)
            XCTAssertEqual(texts[DCATExporter.datasetPath(dataset, in: catalog, extension: "ttl")],
                           String(decoding: TurtleSerializer().serialize(single), as: UTF8.self), dataset.slug)
            XCTAssertEqual(texts[DCATExporter.datasetPath(dataset, in: catalog, extension: "jsonld")],
                           String(decoding: JSONLDSerializer().serialize(single), as: UTF8.self), dataset.slug)
        }
    }
}
