import XCTest
@testable import KaifangKit

/// The sample portal rendered with `Content/data/` given to the renderer:
/// open CSV resources get a preview table, conditional datasets none.
final class PreviewRenderTests: XCTestCase {
    final class Pages: @unchecked Sendable {
        let lock = NSLock()
        var texts: [String: String] = [:]
        func add(_ artifact: Artifact) {
            guard let data = artifact.bytes else { return }
            lock.lock(); texts[artifact.path] = String(decoding: data, as: UTF8.self); lock.unlock()
        }
    }

    func testOpenCSVResourcesOfTheSamplePortalShowTheirFirstRows() throws {
        let root = PortalFixture.repositoryRoot
        var options = BuildOptions.project(at: root, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2026, month: 11, day: 29)
        let checked = Build.check(options)
        let catalog = try XCTUnwrap(checked.catalog, "\(checked.report.diagnostics)")
        let templates = try XCTUnwrap(checked.templates)
        let pages = Pages()
        _ = try SiteRenderer(templates: templates, dataFolder: options.content.appendingPathComponent("data"))
            .render(catalog) { pages.add($0) }
        var previews = 0
        for dataset in catalog.datasets {
            let html = try XCTUnwrap(pages.texts[catalog.datasetPath(dataset).removingPercentEncoding! + "index.html"])
            let hasCSVFile = dataset.resources.contains { if case .path = $0.location { return Formats.isTabular($0.format) }; return false }
            if dataset.openType == .open && hasCSVFile {
                XCTAssertTrue(html.contains("<table class=\"preview-table\">"), "\(dataset.slug) has no preview")
                previews += 1
            } else {
                XCTAssertFalse(html.contains("preview-table"), "\(dataset.slug) must not preview")
            }
        }
        XCTAssertGreaterThan(previews, 5)
        // For looking at it: KAIFANG_PREVIEW_OUT=<folder> writes the pages there.
        if let out = ProcessInfo.processInfo.environment["KAIFANG_PREVIEW_OUT"] {
            for (path, text) in pages.texts {
                let url = URL(fileURLWithPath: out).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        }
    }
}
