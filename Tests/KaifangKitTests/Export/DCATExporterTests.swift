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
}
