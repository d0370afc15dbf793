import XCTest
@testable import KaifangKit

final class MetadataQualityTests: XCTestCase {
    func testTheModelIsWorth405PointsOverFiveDimensions() {
        XCTAssertEqual(QualityIndicator.maximum, 405)
        XCTAssertEqual(QualityDimension.allCases.map(\.maximum), [100, 100, 110, 75, 20])
    }

    func testBandsFollowTheMQAThresholds() {
        XCTAssertEqual(QualityBand(points: 405), .excellent)
        XCTAssertEqual(QualityBand(points: 351), .excellent)
        XCTAssertEqual(QualityBand(points: 350), .good)
        XCTAssertEqual(QualityBand(points: 221), .good)
        XCTAssertEqual(QualityBand(points: 220), .sufficient)
        XCTAssertEqual(QualityBand(points: 121), .sufficient)
        XCTAssertEqual(QualityBand(points: 120), .bad)
        XCTAssertEqual(QualityBand(points: 0), .bad)
    }

    func testAFullyDescribedOpenCSVDatasetScoresEverythingButNothingMore() {
        let catalog = ExportTestCatalog.catalog([ExportTestCatalog.dataset(id: "A-1", slug: "a", title: "公交站点")])
        let quality = MetadataQualityAssessor.assess(catalog.datasets[0], in: catalog)
        // The test catalogue has a contact (the portal's), a known licence (the default) and a measured file.
        XCTAssertEqual(quality.total, 405, "missed: \(quality.missed)")
        XCTAssertEqual(quality.band, .excellent)
    }

    func testPerDistributionIndicatorsScoreTheShareOfResourcesThatPass() {
        let api = ExportTestCatalog.apiResource
        let pdf = Resource(name: "报告", format: "PDF", location: .url("ftp://files.example.gov.cn/r.pdf"), description: nil,
                           mediaType: nil, schema: [], file: nil)
        var dataset = ExportTestCatalog.dataset(id: "A-2", slug: "b", title: "报告", resources: [api, pdf])
        dataset.keywords = []
        dataset.spatial = nil
        let catalog = ExportTestCatalog.catalog([dataset])
        let quality = MetadataQualityAssessor.assess(catalog.datasets[0], in: catalog)
        XCTAssertEqual(quality.earned[.keywords], 0)
        XCTAssertEqual(quality.earned[.spatial], 0)
        // The API is reachable (https), the ftp file is not: half of 50.
        XCTAssertEqual(quality.earned[.accessURLReachable], 25)
        // The API is a service, not a download; the PDF is a download: half of 20; neither reachable download.
        XCTAssertEqual(quality.earned[.downloadURL], 10)
        XCTAssertEqual(quality.earned[.downloadURLReachable], 0)
        // Machine-readable: the API (JSON) yes, the PDF no.
        XCTAssertEqual(quality.earned[.machineReadable], 10)
        XCTAssertEqual(quality.earned[.nonProprietary], 20)
        XCTAssertEqual(quality.earned[.dcatAPCompliance], 0, "a resource without a reachable access URL")
        XCTAssertEqual(quality.earned[.byteSize], 0)
        XCTAssertEqual(quality.points(in: .findability), 50)
        XCTAssertTrue(quality.missed.contains(.keywords))
    }

    func testAConditionalDatasetIsReachedThroughItsPageButOffersNoDownload() {
        let catalog = ExportTestCatalog.mixed()
        let quality = MetadataQualityAssessor.assess(catalog.datasets[1], in: catalog)
        XCTAssertEqual(catalog.datasets[1].openType, .conditional)
        XCTAssertEqual(quality.earned[.accessURLReachable], 50)
        XCTAssertEqual(quality.earned[.downloadURL], 0)
        XCTAssertEqual(quality.earned[.downloadURLReachable], 0)
        XCTAssertEqual(quality.earned[.rights], 5, "the application conditions are its rights statement")
    }

    func testDepartmentFiguresAddUpAndCountOverdueDatasetsAsOfTheBuildDay() {
        let catalog = ExportTestCatalog.mixed()   // build day 2024-03-01, monthly datasets
        let statistics = PublishingStatistics(catalog: catalog, totalLabel: "合计")
        let jtt = statistics.departments[0]
        XCTAssertEqual(jtt.datasets, 3)
        XCTAssertEqual(jtt.open, 2)
        XCTAssertEqual(jtt.conditional, 1)
        XCTAssertEqual(jtt.resources, 4)
        XCTAssertEqual(jtt.stars.reduce(0, +), jtt.resources)
        XCTAssertEqual(jtt.stars[0], 1, "the conditional dataset's file is not openly licensed")
        // Modified 2024-02-20 (on time), 2024-01-10 and 2023-05-01 (more than 32 days before 2024-03-01).
        XCTAssertEqual(statistics.overdue, [1, 2])
        XCTAssertEqual(jtt.overdue, 2)
        XCTAssertEqual(jtt.quality, Int((Double(statistics.quality.map(\.total).reduce(0, +)) / 3).rounded()))
        XCTAssertEqual(statistics.total.datasets, 3)
    }

    func testStatsCSVHasOneRowPerDepartmentAndATotalWithNeutralisedCells() throws {
        var catalog = ExportTestCatalog.mixed()
        catalog.organizations[0].name = "=危险部门"
        let artifacts = StatsExporter().export(Catalog(site: catalog.site, datasets: catalog.datasets, organizations: catalog.organizations,
                                                       pages: [], buildDay: catalog.buildDay, publishedFiles: catalog.publishedFiles))
        let texts = ExportTestCatalog.texts(artifacts)
        let csv = try XCTUnwrap(texts["stats.csv"])
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}organization,"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[1].hasPrefix("jtt,'=危险部门,3,2,1,4,"), lines[1])
        let json = try XCTUnwrap(texts["stats.json"])
        XCTAssertTrue(json.contains("\"maximum\": 405"))
        XCTAssertTrue(json.contains("\"overdue\": 2"))
    }
}
