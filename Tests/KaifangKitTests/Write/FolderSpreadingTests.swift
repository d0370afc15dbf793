import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import KaifangKit

/// The writer marks the folders it makes as tops of unrelated subfolders
/// (ext4's `T` attribute), so a site written right after the previous one was
/// deleted does not step over every recently freed inode (docs/performance.md).
final class FolderSpreadingTests: XCTestCase {
    /// ext4's flags of a folder (FS_IOC_GETFLAGS); nil where the file system keeps none.
    static func flags(_ path: String) -> Int32? {
        let folder = open(path, O_RDONLY | O_DIRECTORY)
        guard folder >= 0 else { return nil }
        defer { close(folder) }
        var flags: Int32 = 0
        return ioctl(folder, 0x8008_6601, &flags) == 0 ? flags : nil
    }

    static let topOfHierarchy: Int32 = 0x0002_0000

    func testEveryFolderTheWriterMakesSpreadsItsSubfolders() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try FileManager.default.createDirectory(at: portal.root.appendingPathComponent("probe"), withIntermediateDirectories: true)
        guard let plain = Self.flags(portal.root.appendingPathComponent("probe").path) else {
            throw XCTSkip("the file system under \(portal.root.path) keeps no folder attributes")
        }
        XCTAssertEqual(plain & Self.topOfHierarchy, 0, "a folder made otherwise is not marked")

        let writer = try OutputWriter(output: portal.output)
        try writer.write(Artifact(path: "datasets/a/index.html", text: "a"))
        try writer.write(Artifact(path: "search/docs/0.json", text: "{}"))
        for folder in ["", "/datasets", "/datasets/a", "/search", "/search/docs"] {
            let flags = try XCTUnwrap(Self.flags(writer.staging.path + folder), folder)
            XCTAssertNotEqual(flags & Self.topOfHierarchy, 0, "staging\(folder)")
        }
        try writer.commit()
        XCTAssertEqual(try portal.read("datasets/a/index.html"), "a", "the files are as written")
        XCTAssertNotEqual((Self.flags(portal.output.appendingPathComponent("datasets").path) ?? 0) & Self.topOfHierarchy, 0)
    }

    /// A folder that is there already keeps its attributes; one that cannot
    /// take them (not a folder) is left alone without an error.
    func testOnlyNewFoldersAreMarkedAndFailuresAreIgnored() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let existing = portal.root.appendingPathComponent("existing").path
        try FileSystem.makeFolder(existing)
        guard let before = Self.flags(existing) else { throw XCTSkip("the file system keeps no folder attributes") }
        try FileSystem.makeFolder(existing, spreading: true)
        XCTAssertEqual(Self.flags(existing), before)
        try FileSystem.makeFolder(existing + "/new/deeper", spreading: true)
        XCTAssertNotEqual((Self.flags(existing + "/new") ?? 0) & Self.topOfHierarchy, 0, "a missing parent made on the way")
        XCTAssertNotEqual((Self.flags(existing + "/new/deeper") ?? 0) & Self.topOfHierarchy, 0)
        FileSystem.spreadSubfolders(portal.root.appendingPathComponent("no-such-folder").path)
        FileSystem.spreadSubfolders("/proc/self/status")
    }
}
