import XCTest
@testable import KaifangKit

final class PreviewSupportTests: XCTestCase {
    func testPathsMapToFilesAndNeverLeaveTheSite() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let site = portal.output
        XCTAssertEqual(PreviewSupport.file(for: "/", in: site)?.lastPathComponent, "index.html")
        XCTAssertEqual(PreviewSupport.file(for: "/datasets/bus-stops/?q=1", in: site)?.path,
                       site.appendingPathComponent("datasets/bus-stops/index.html").path)
        XCTAssertNotNil(PreviewSupport.file(for: "/assets/kaifang.css", in: site))
        XCTAssertNil(PreviewSupport.file(for: "/../Content/site.yaml", in: site))
        XCTAssertNil(PreviewSupport.file(for: "/%2e%2e/Content/site.yaml", in: site))
        XCTAssertNil(PreviewSupport.file(for: "/.kaifang-site", in: site))
        XCTAssertNil(PreviewSupport.file(for: "/nope/", in: site))
    }

    func testReloadScriptGoesBeforeTheEndOfTheBody() {
        let html = PreviewSupport.injectingReload(into: "<html><body><p>x</p></body></html>")
        XCTAssertTrue(html.hasSuffix("</script></body></html>"))
        XCTAssertTrue(html.contains("/__kaifang/build"))
    }

    func testFingerprintChangesWhenAFileChanges() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let folders = [portal.root.appendingPathComponent("Content")]
        let before = PreviewSupport.fingerprint(of: folders)
        XCTAssertEqual(PreviewSupport.fingerprint(of: folders), before)
        try portal.write("Content/pages/new.md", "---\ntitle: 新\n---\n")
        XCTAssertNotEqual(PreviewSupport.fingerprint(of: folders), before)
    }
}
