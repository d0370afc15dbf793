import XCTest
@testable import KaifangKit

/// The sample portal in `Content/` must always build cleanly, and its closed
/// datasets must appear in no file of the site.
final class SamplePortalTests: XCTestCase {
    func testSamplePortalBuildsWithoutErrorsAndClosedDatasetsStayOut() throws {
        let repository = PortalFixture.repositoryRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-sample-\(UUID().uuidString)/_site")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        var options = BuildOptions.project(at: repository)
        options.output = output
        options.projectRoot = output.deletingLastPathComponent()
        let report = Build.build(options)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }.count, 0)
        XCTAssertGreaterThanOrEqual(report.datasetCount, 40)

        let raw = ContentLoader(root: options.content).load()
        let closed = Validator(today: options.buildDay).validate(raw).datasets.filter { $0.openType == .closed }
        XCTAssertGreaterThanOrEqual(closed.count, 1)
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: output.path))
        var checked = 0
        while let path = enumerator.nextObject() as? String {
            let url = output.appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for dataset in closed {
                XCTAssertFalse(text.contains(dataset.id), "\(dataset.id) appears in \(path)")
                XCTAssertFalse(text.contains(dataset.title), "\(dataset.title) appears in \(path)")
                XCTAssertFalse(path.contains(dataset.slug), "\(dataset.slug) is a path of the site")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// The sample's share site lists the datasets closed to the public but
    /// shared on conditions, with their conditions, and none that may not be shared.
    func testSampleShareSiteListsClosedDatasetsSharedOnConditions() throws {
        let repository = PortalFixture.repositoryRoot
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-sample-share-\(UUID().uuidString)/_share")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        var options = BuildOptions.project(at: repository)
        options.output = output
        options.projectRoot = output.deletingLastPathComponent()
        options.profile = .share
        let report = Build.build(options)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(PortalFixture.lines(report), [], "the sample share build has no warnings")

        let raw = ContentLoader(root: options.content).load()
        let datasets = Validator(today: options.buildDay).validate(raw).datasets
        let closedButShared = datasets.filter { $0.openType == .closed && $0.shareType == .conditional }
        XCTAssertGreaterThanOrEqual(closedButShared.count, 1)
        for dataset in closedButShared {
            let page = try String(contentsOf: output.appendingPathComponent("datasets/\(dataset.slug)/index.html"), encoding: .utf8)
            XCTAssertTrue(page.contains(dataset.title))
            let condition = try XCTUnwrap(dataset.shareCondition, "\(dataset.slug) has a share condition")
            XCTAssertTrue(page.contains(condition), "\(dataset.slug)'s page shows its share condition")
        }
        for dataset in datasets where dataset.shareType == ShareType.none {
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("datasets/\(dataset.slug)").path),
                           "\(dataset.slug) may not be shared")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("share/index.html").path))
        XCTAssertTrue(try String(contentsOf: output.appendingPathComponent("robots.txt"), encoding: .utf8).contains("Disallow: /"))
    }
}
