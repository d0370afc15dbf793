import XCTest
@testable import KaifangKit

final class OutputFolderGuardTests: XCTestCase {
    var folder: TemporaryFolder!
    var project: URL { folder.url.appendingPathComponent("portal") }

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        for name in ["Content/data", "Templates", "Public"] {
            try FileManager.default.createDirectory(at: project.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    override func tearDown() { folder = nil }

    func check(_ output: URL) -> Diagnostic? {
        OutputFolderGuard.check(output: output, content: project.appendingPathComponent("Content"),
                                templates: project.appendingPathComponent("Templates"),
                                public: project.appendingPathComponent("Public"), projectRoot: project)
    }

    func assertRefused(_ output: URL, because reason: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let refusal = check(output) else {
            return XCTFail("\(output.path) was accepted", file: file, line: line)
        }
        XCTAssertEqual(refusal.severity, .error, file: file, line: line)
        XCTAssertEqual(refusal.code, "output.refused", file: file, line: line)
        XCTAssertTrue(refusal.message.contains(reason), refusal.message, file: file, line: line)
    }

    func testANewFolderInTheProjectIsAccepted() {
        XCTAssertNil(check(project.appendingPathComponent("_site")))
        XCTAssertNil(check(project.appendingPathComponent("build/site")))
    }

    func testAnEmptyFolderOrOneKaifangBuiltIsAccepted() throws {
        let empty = project.appendingPathComponent("_site")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        XCTAssertNil(check(empty))
        try Data().write(to: empty.appendingPathComponent(OutputFolderGuard.markerFileName))
        try Data("<p>old</p>".utf8).write(to: empty.appendingPathComponent("index.html"))
        XCTAssertNil(check(empty))
    }

    func testTheRootAndTheHomeFolderAreRefused() {
        assertRefused(URL(fileURLWithPath: "/"), because: "root of the file system")
        let home = FileManager.default.homeDirectoryForCurrentUser
        assertRefused(home, because: "home folder")
        if home.path != "/" && home.deletingLastPathComponent().path != "/" {
            assertRefused(home.deletingLastPathComponent(), because: "contains your home folder")
        }
    }

    func testTheSourceFoldersAndTheProjectAreRefused() {
        assertRefused(project.appendingPathComponent("Content"), because: "it is Content")
        assertRefused(project.appendingPathComponent("Templates"), because: "it is Templates")
        assertRefused(project.appendingPathComponent("Public"), because: "it is Public")
        assertRefused(project, because: "it is the project folder")
        assertRefused(folder.url, because: "it contains Content")
    }

    func testAFolderInsideASourceFolderIsRefused() {
        assertRefused(project.appendingPathComponent("Content/site"), because: "inside Content")
        assertRefused(project.appendingPathComponent("Public/new/site"), because: "inside Public")
    }

    func testDotDotAndSymbolicLinksAreResolvedBeforeComparing() throws {
        assertRefused(URL(fileURLWithPath: project.path + "/_site/../Content"), because: "it is Content")
        assertRefused(URL(fileURLWithPath: project.path + "/missing/../../portal"), because: "the project folder")
        let link = folder.url.appendingPathComponent("link-to-content")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: project.appendingPathComponent("Content"))
        assertRefused(link, because: "it is Content")
        assertRefused(link.appendingPathComponent("new"), because: "inside Content")
    }

    func testANonEmptyFolderKaifangDidNotBuildIsRefused() throws {
        let other = folder.url.appendingPathComponent("someone-elses")
        try FileManager.default.createDirectory(at: other.appendingPathComponent(".git"), withIntermediateDirectories: true)
        assertRefused(other, because: "not empty and Kaifang did not build it")
    }

    func testAFileIsRefused() throws {
        let file = project.appendingPathComponent("notes.txt")
        try Data("x".utf8).write(to: file)
        assertRefused(file, because: "is a file")
    }

    func testTheRefusalNamesTheFolderRelativeToTheProject() throws {
        let refusal = try XCTUnwrap(check(project.appendingPathComponent("Content/out")))
        XCTAssertEqual(refusal.location.file, "Content/out")
    }
}
