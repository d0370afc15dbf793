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
        XCTAssertTrue(html.contains("/__kaifang/status"))
    }

    func testStatusCarriesTheFailedBuildsProblemsAsText() throws {
        let problem = Diagnostic.error(at: SourceLocation(file: "Content/datasets/a.md", line: 4, column: 15),
                                       "unknown organization \"<b>x</b>\"", code: "dataset.organization")
        let note = Diagnostic(.note, at: SourceLocation(file: "Content/data/x.csv"), "reviewed", code: "privacy.exception")
        let data = PreviewSupport.statusJSON(build: 3, succeeded: false, diagnostics: [problem, note])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(object["build"] as? Int, 3)
        XCTAssertEqual(object["succeeded"] as? Bool, false)
        XCTAssertEqual(object["diagnostics"] as? [String],
                       ["Content/datasets/a.md:4:15: error: unknown organization \"<b>x</b>\" [dataset.organization]"])
        // Shown with textContent, so markup in a message stays text.
        XCTAssertTrue(PreviewSupport.reloadScript.contains("box.textContent="))
        XCTAssertFalse(PreviewSupport.reloadScript.contains("innerHTML"))
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
