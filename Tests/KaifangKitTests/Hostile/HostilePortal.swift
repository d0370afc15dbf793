import Foundation
import XCTest
@testable import KaifangKit

/// Fixture portals for the hostile-input tests that remove themselves when
/// the test ends, and the build-change-rebuild pattern of `HostileInputTests`.
extension XCTestCase {
    func temporaryPortal(_ archive: String = PortalFixture.minimal) throws -> PortalFixture {
        let portal = try PortalFixture(archive)
        addTeardownBlock { try? FileManager.default.removeItem(at: portal.root) }
        return portal
    }

    /// Builds the minimal portal, applies `change`, builds again; says whether the site stayed byte-identical.
    func rebuildPortal(_ change: (PortalFixture) throws -> Void) throws -> (PortalFixture, BuildReport, unchanged: Bool) {
        let portal = try temporaryPortal()
        let first = portal.build()
        XCTAssertTrue(first.succeeded, PortalFixture.lines(first).joined(separator: "\n"))
        let before = try portal.snapshot()
        try change(portal)
        let report = portal.build()
        return (portal, report, try portal.snapshot() == before)
    }

    /// The build failed with exactly these lines and left the previous site as it was.
    func assertPortalRefused(_ change: (PortalFixture) throws -> Void, _ expected: [String],
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let (_, report, unchanged) = try rebuildPortal(change)
        XCTAssertFalse(report.succeeded, file: file, line: line)
        XCTAssertEqual(PortalFixture.lines(report), expected, file: file, line: line)
        XCTAssertTrue(unchanged, "the previous site must be untouched", file: file, line: line)
    }

    /// The minimal portal's site.yaml with `change` applied to its text.
    func minimalSiteYAML(_ change: (String) -> String) -> String {
        let site = PortalFixture.files(in: PortalFixture.minimal).first { $0.0 == "Content/site.yaml" }!.1
        return change(site)
    }
}
