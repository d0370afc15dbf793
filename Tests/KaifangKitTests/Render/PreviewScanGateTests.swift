import XCTest
@testable import KaifangKit

/// Issue 8 §3: a file that was not scanned is never previewed. The sample
/// portal is rendered twice: as resolved (its CSV files scanned, previewed),
/// and with one CSV file marked as not scanned, which must lose its preview.
final class PreviewScanGateTests: XCTestCase {
    func testOnlyAFileTheScanReadWholeIsPreviewed() throws {
        let root = PortalFixture.repositoryRoot
        var options = BuildOptions.project(at: root, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2026, month: 11, day: 29)
        let checked = Build.check(options)
        var catalog = try XCTUnwrap(checked.catalog, "\(checked.report.diagnostics)")
        let templates = try XCTUnwrap(checked.templates)
        let index = try XCTUnwrap(catalog.datasets.firstIndex { dataset in
            dataset.openType == .open && dataset.resources.contains { $0.file?.scanned == true && Formats.isTabular($0.format) }
        })
        let resource = try XCTUnwrap(catalog.datasets[index].resources.firstIndex { $0.file?.scanned == true && Formats.isTabular($0.format) })

        func page() throws -> String {
            let pages = PreviewRenderTests.Pages()
            _ = try SiteRenderer(templates: templates, dataFolder: options.content.appendingPathComponent("data"))
                .render(catalog) { pages.add($0) }
            return try XCTUnwrap(pages.texts[catalog.datasetPath(catalog.datasets[index]).removingPercentEncoding! + "index.html"])
        }
        XCTAssertTrue(try page().contains("preview-table"))
        catalog.datasets[index].resources[resource].file?.scanned = false
        for other in catalog.datasets[index].resources.indices where other != resource {
            catalog.datasets[index].resources[other].file?.scanned = false
        }
        XCTAssertFalse(try page().contains("preview-table"), "a file the scan did not read whole must not be previewed")
    }
}
