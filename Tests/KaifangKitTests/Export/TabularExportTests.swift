import XCTest
@testable import KaifangKit

final class CatalogCSVExporterTests: XCTestCase {
    func testHeaderRowsBOMAndCRLF() throws {
        let artifacts = CatalogCSVExporter().export(ExportTestCatalog.mixed())
        let data = try XCTUnwrap(artifacts.first?.bytes)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("id,title,description,organization,themes,keywords,open_type,share_type,update_frequency,issued,modified,license,contact_name,contact_email,contact_phone,spatial,temporal_start,temporal_end,organization_name,"))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "only CRLF record ends (the tricky description has a bare \\n, quoted)")
    }

    func testTrickyTitleIsNeutralisedAndQuoted() {
        let text = ExportTestCatalog.text(CatalogCSVExporter(), ExportTestCatalog.mixed(), path: "catalog.csv")
        XCTAssertTrue(text.contains("330100-JT-0003,\"'=HYPERLINK(\"\"http://x\"\"), 引号\"\"与<标签>&\",\"第一行\n第二行 \\ 反斜杠 </script> ]]> 😀\",jtt,transport,公交;站点,open,"))
    }

    func testResourcesCSVHasNoDownloadURLForConditionalDatasets() {
        let text = ExportTestCatalog.text(ResourcesCSVExporter(), ExportTestCatalog.mixed(), path: "resources.csv")
        let lines = text.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "\u{FEFF}dataset_id,dataset_title,position,name,format,media_type,description,download_url,byte_size,sha256,fields,dataset_url")
        let conditional = lines.first { $0.hasPrefix("330100-JT-0002,") } ?? ""
        XCTAssertEqual(conditional, "330100-JT-0002,驾驶证核发记录,1,驾驶证记录（CSV）,CSV,text/csv,,,99,\(String(repeating: "cd", count: 32)),,https://data.example.gov.cn/datasets/driver-licences/")
        XCTAssertTrue(text.contains(",https://api.example.gov.cn/bus?city=%E7%A4%BA%E4%BE%8B,"))
    }
}

final class DataJSONExporterTests: XCTestCase {
    func testDatasetsCarryThePODFieldsAndAccessLevels() throws {
        let text = ExportTestCatalog.text(DataJSONExporter(), ExportTestCatalog.mixed(), path: "data.json")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(document["conformsTo"] as? String, "https://project-open-data.cio.gov/v1.1/schema")
        let datasets = try XCTUnwrap(document["dataset"] as? [[String: Any]])
        XCTAssertEqual(datasets.map { $0["accessLevel"] as? String }, ["public", "restricted public", "public"])
        let first = datasets[0]
        XCTAssertEqual(first["accrualPeriodicity"] as? String, "R/P1M")
        XCTAssertEqual(first["temporal"] as? String, "2024-01-01/2024-12-31")
        XCTAssertEqual((first["contactPoint"] as? [String: Any])?["hasEmail"] as? String, "mailto:open@example.gov.cn")
        let distributions = try XCTUnwrap(first["distribution"] as? [[String: Any]])
        XCTAssertEqual(distributions[0]["downloadURL"] as? String, "https://data.example.gov.cn/data/jtt/bus-stops.csv")
        XCTAssertEqual(distributions[0]["mediaType"] as? String, "text/csv")
        XCTAssertNil(distributions[1]["downloadURL"], "an API is accessed, not downloaded")
        let conditional = try XCTUnwrap(datasets[1]["distribution"] as? [[String: Any]])
        XCTAssertNil(conditional[0]["downloadURL"])
        XCTAssertEqual(conditional[0]["accessURL"] as? String, "https://data.example.gov.cn/datasets/driver-licences/")
    }

    func testFrequenciesAreISO8601Repeats() {
        XCTAssertEqual(UpdateFrequency.allCases.map(DataJSONExporter.accrualPeriodicity),
                       ["R/PT1S", "R/P1D", "R/P1W", "R/P1M", "R/P3M", "R/P6M", "R/P1Y", "R/P2Y", "irregular"])
    }
}

final class DataPackageExporterTests: XCTestCase {
    func package(_ catalog: Catalog, _ path: String) throws -> [String: Any] {
        let text = ExportTestCatalog.text(DataPackageExporter(), catalog, path: path)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func testOpenPackagePointsAtTheFileBesideItWithSizeHashAndSchema() throws {
        let texts = ExportTestCatalog.texts(DataPackageExporter().export(ExportTestCatalog.mixed()))
        // Written where the page is: the folder's name decoded, as on disk.
        XCTAssertEqual(texts.keys.sorted(), ["datasets/driver-licences/datapackage.json", "datasets/tricky/datapackage.json",
                                             "datasets/公交站点/datapackage.json"])
        let package = try package(ExportTestCatalog.mixed(), "datasets/公交站点/datapackage.json")
        XCTAssertEqual(package["name"] as? String, "e585ace4baa4e7ab99e782b9")
        let resources = try XCTUnwrap(package["resources"] as? [[String: Any]])
        XCTAssertEqual(resources.count, 1, "only what a copy of the site holds")
        XCTAssertEqual(resources[0]["path"] as? String, "data/jtt/bus-stops.csv", "relative: works offline, from any copy")
        XCTAssertEqual(resources[0]["hash"] as? String, "sha256:" + String(repeating: "ab", count: 32))
        XCTAssertEqual(resources[0]["bytes"] as? Int, 1234)
        XCTAssertEqual(resources[0]["encoding"] as? String, "utf-8")
        let fields = (resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]]
        XCTAssertEqual(fields?.first?["type"] as? String, "integer")
        let external = try XCTUnwrap(package["external_resources"] as? [[String: Any]])
        XCTAssertEqual(external.first?["path"] as? String, "https://api.example.gov.cn/bus?city=%E7%A4%BA%E4%BE%8B")
        XCTAssertEqual(ExportTestCatalog.mixed().dataPackageFileCopies.map(\.sitePath), ["datasets/公交站点/data/jtt/bus-stops.csv",
                                                                                      "datasets/tricky/data/jtt/bus-stops.csv"])
    }

    func testConditionalPackageHasNoDataPathsAndOneInlineRowAboutTheDataset() throws {
        let text = ExportTestCatalog.text(DataPackageExporter(), ExportTestCatalog.mixed(), path: "datasets/driver-licences/datapackage.json")
        XCTAssertFalse(text.contains("data/jtt"))
        XCTAssertFalse(text.contains("\"bytes\""))
        let package = try package(ExportTestCatalog.mixed(), "datasets/driver-licences/datapackage.json")
        let resources = try XCTUnwrap(package["resources"] as? [[String: Any]])
        XCTAssertEqual(resources.map { $0["name"] as? String }, ["dataset"])
        XCTAssertNil(resources[0]["path"])
        let rows = try XCTUnwrap(resources[0]["data"] as? [[String]])
        XCTAssertEqual(rows[0], ["id", "title", "page", "open_type", "access"])
        XCTAssertEqual(Array(rows[1].prefix(4)), ["330100-JT-0002", "驾驶证核发记录", "https://data.example.gov.cn/datasets/driver-licences/", "conditional"])
        let conditional = try XCTUnwrap(package["conditional_resources"] as? [[String: Any]])
        XCTAssertEqual(conditional.map { $0["format"] as? String }, ["csv"])
        XCTAssertNil(conditional[0]["path"])
    }

    func testAnInferredSchemaIsUsedWhenNoneIsDeclared() throws {
        var resource = ExportTestCatalog.csvResource
        resource.schema = []
        resource.inferredSchema = [SchemaField(name: "编号", type: "integer"), SchemaField(name: "名称", type: "string")]
        let catalog = ExportTestCatalog.catalog([ExportTestCatalog.dataset(id: "X-1", slug: "plain", title: "无结构", resources: [resource])])
        let resources = try XCTUnwrap(try package(catalog, "datasets/plain/datapackage.json")["resources"] as? [[String: Any]])
        let fields = try XCTUnwrap((resources[0]["schema"] as? [String: Any])?["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.map { $0["name"] as? String }, ["编号", "名称"])
        XCTAssertEqual(fields.map { $0["type"] as? String }, ["integer", "string"])
    }

    func testNamesMatchTheSpecPattern() {
        XCTAssertEqual(DataPackageExporter.packageName("Bus_Stops.2024"), "bus_stops.2024")
        XCTAssertEqual(DataPackageExporter.packageName("a b/c"), "a20b2fc")
        XCTAssertEqual(DataPackageExporter.packageName(""), "dataset")
    }
}
