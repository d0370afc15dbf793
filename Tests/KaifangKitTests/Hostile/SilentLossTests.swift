import Foundation
import XCTest
@testable import KaifangKit

/// Nothing is ever silently lost: a part of `Content/` that cannot be read is
/// an error (never "nothing there"), a build that would publish far fewer
/// datasets stops, the output swap never leaves the path empty or half
/// written, and file-system errors reach the user as sentences.
final class SilentLossTests: XCTestCase {
    private func builtPortal() throws -> (PortalFixture, [String: Data]) {
        let portal = try PortalFixture(PortalFixture.minimal)
        let first = portal.build()
        XCTAssertTrue(first.succeeded, PortalFixture.lines(first).joined(separator: "\n"))
        return (portal, try portal.snapshot())
    }

    private func path(_ portal: PortalFixture, _ relative: String) -> String {
        portal.root.appendingPathComponent(relative).path
    }

    /// Replaces a part of Content/ with something unreadable; the build and
    /// `check --strict` must both fail with exactly `expected`, and the previous site must stay.
    private func assertUnreadable(_ relative: String, becomes replace: (String) throws -> Void, _ expected: [String],
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.removeItem(atPath: path(portal, relative))
        try replace(path(portal, relative))
        var options = portal.options
        options.strict = true
        let checked = Build.check(options).report
        XCTAssertFalse(checked.succeeded, "check --strict must fail", file: file, line: line)
        let report = portal.build()
        XCTAssertFalse(report.succeeded, file: file, line: line)
        XCTAssertEqual(PortalFixture.lines(report), expected, file: file, line: line)
        XCTAssertEqual(try portal.snapshot(), before, "the previous site must be untouched", file: file, line: line)
    }

    private func danglingLink(_ path: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "../nowhere-\(UUID().uuidString.prefix(4))")
    }

    private func fifo(_ path: String) throws {
        XCTAssertEqual(mkfifo(path, 0o644), 0)
    }

    // MARK: Unreadable parts of Content/

    func testEveryContentFolderAsADanglingLinkIsAnError() throws {
        for folder in ["datasets", "organizations", "pages"] {
            let (portal, before) = try builtPortal()
            try FileManager.default.removeItem(atPath: path(portal, "Content/\(folder)"))
            try FileManager.default.createSymbolicLink(atPath: path(portal, "Content/\(folder)"), withDestinationPath: "../moved-away")
            let report = portal.build()
            XCTAssertFalse(report.succeeded, folder)
            XCTAssertTrue(PortalFixture.lines(report).contains(
                "Content/\(folder):1:1: error: \(folder)/ cannot be read: it is a symbolic link to ../moved-away, which does not exist"),
                PortalFixture.lines(report).joined(separator: "\n"))
            XCTAssertEqual(try portal.snapshot(), before, folder)
        }
    }

    func testDanglingDataFolderIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.removeItem(atPath: path(portal, "Content/data"))
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Content/data"), withDestinationPath: "/mnt/share/data")
        let report = portal.build()
        XCTAssertFalse(report.succeeded)
        XCTAssertTrue(PortalFixture.lines(report).contains(
            "Content/data:1:1: error: data/ cannot be read: it is a symbolic link to /mnt/share/data, which does not exist"),
            PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testCatalogCSVAsADanglingLinkIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Content/catalog.csv"), withDestinationPath: "exports/catalog.csv")
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report),
                       ["Content/catalog.csv:1:1: error: catalog.csv cannot be read: it is a symbolic link to exports/catalog.csv, which does not exist"])
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testSiteYAMLAsADanglingLinkIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.removeItem(atPath: path(portal, "Content/site.yaml"))
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Content/site.yaml"), withDestinationPath: "shared/site.yaml")
        let report = portal.build()
        XCTAssertFalse(report.succeeded)
        XCTAssertTrue(PortalFixture.lines(report).contains(
            "Content/site.yaml:1:1: error: site.yaml cannot be read: it is a symbolic link to shared/site.yaml, which does not exist"))
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testAFileWhereAFolderIsExpectedIsAnError() throws {
        try assertUnreadable("Content/organizations", becomes: { _ = FileManager.default.createFile(atPath: $0, contents: Data("x".utf8)) },
                             ["Content/datasets/bus-stops.md:4:15: error: unknown organization \"jtt\"",
                              "Content/datasets/credit-list.md:4:15: error: unknown organization \"xyzx\"",
                              "Content/datasets/secret-register.md:4:15: error: unknown organization \"xyzx\"",
                              "Content/organizations:1:1: error: organizations/ cannot be read: it is a file, not a folder"] as [String])
    }

    func testAFolderWhereAFileIsExpectedIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.createDirectory(atPath: path(portal, "Content/catalog.csv"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: path(portal, "Content/datasets/lost.md"), withIntermediateDirectories: false)
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/catalog.csv:1:1: error: catalog.csv cannot be read: it is a folder, not a file",
            "Content/datasets/lost.md:1:1: error: cannot read the file: it is a folder, not a file",
        ])
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testFIFOsAreRefusedWithoutBlocking() throws {
        let (portal, before) = try builtPortal()
        try fifo(path(portal, "Content/datasets/pipe.md"))
        try fifo(path(portal, "Content/catalog.csv"))
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/catalog.csv:1:1: error: catalog.csv cannot be read: it is a FIFO (named pipe), not a regular file",
            "Content/datasets/pipe.md:1:1: error: cannot read the file: it is a FIFO (named pipe), not a regular file",
        ])
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testADanglingDatasetFileIsAnError() throws {
        let (portal, before) = try builtPortal()
        try danglingLink(path(portal, "Content/datasets/linked.md"))
        let report = portal.build()
        XCTAssertEqual(report.diagnostics.map(\.code), ["file.unreadable"])
        XCTAssertTrue(report.diagnostics[0].message.hasPrefix("cannot read the file: it is a symbolic link to ../nowhere-"))
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testASubfolderOfDatasetsIsNotSilentlySkipped() throws {
        let (portal, before) = try builtPortal()
        try portal.write("Content/datasets/jtt/more.md", "---\nid: X-2\n---\n")
        try portal.write("Content/datasets/images/logo.png", "png")
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/images:1:1: warning: this file is ignored: only .md files are read here",
            "Content/datasets/jtt:1:1: error: this folder holds .md files, but only datasets/*.md is read, not subfolders",
        ])
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testUnreadablePermissionsAreAnError() throws {
        try XCTSkipIf(getuid() == 0, "root reads every file whatever its permissions")
        let (portal, before) = try builtPortal()
        let folder = path(portal, "Content/datasets")
        chmod(folder, 0o000)
        defer { chmod(folder, 0o755) }
        let report = portal.build()
        XCTAssertTrue(PortalFixture.lines(report).contains("Content/datasets:1:1: error: datasets/ cannot be read: permission denied"))
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testContentWithNoDatasetsAtAllIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.removeItem(atPath: path(portal, "Content/datasets"))
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report),
                       ["Content:1:1: error: the content has no datasets: neither datasets/ nor catalog.csv exists"])
        XCTAssertEqual(try portal.snapshot(), before)
    }

    func testADanglingPublicFolderIsAnError() throws {
        let (portal, before) = try builtPortal()
        try FileManager.default.removeItem(atPath: path(portal, "Public"))
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Public"), withDestinationPath: "theme/Public")
        let report = portal.build()
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.diagnostics.map(\.code), ["output.write"])
        XCTAssertTrue(report.diagnostics[0].message.contains("Public: it is a symbolic link to theme/Public, which does not exist"),
                      report.diagnostics[0].message)
        XCTAssertEqual(report.diagnostics[0].hint, "the previous site was left as it was")
        XCTAssertEqual(try portal.snapshot(), before)
    }

    // MARK: Shrink guard

    private func portalWithDatasets(_ count: Int) throws -> PortalFixture {
        let portal = try PortalFixture(PortalFixture.minimal)
        for index in 0..<count {
            try portal.write("Content/datasets/extra-\(index).md", """
                ---
                id: 370000-JTT-1\(String(format: "%05d", index))
                title: 附加数据集\(index)
                organization: jtt
                themes: [transport]
                open_type: open
                issued: 2024-05-01
                ---
                说明。
                """)
        }
        return portal
    }

    func testABuildThatLosesMoreThanHalfTheDatasetsStops() throws {
        let portal = try portalWithDatasets(8)   // 10 published
        XCTAssertTrue(portal.build().succeeded)
        let before = try portal.snapshot()
        for index in 0..<6 { try FileManager.default.removeItem(atPath: path(portal, "Content/datasets/extra-\(index).md")) }
        let report = portal.build()     // 4 of 10
        XCTAssertEqual(PortalFixture.lines(report), [
            "_site:1:1: error: this build would publish 4 datasets, but the site it replaces published 10: fewer than 50% of them",
        ])
        XCTAssertEqual(try portal.snapshot(), before)

        var allowed = portal.options
        allowed.allowShrink = true
        XCTAssertTrue(Build.build(allowed).succeeded)
        XCTAssertTrue(try portal.read("catalog.json").contains("\"dataset_count\": 4"))
    }

    func testTheShrinkGuardShareIsSetInSiteYAML() throws {
        let portal = try portalWithDatasets(8)
        XCTAssertTrue(portal.build().succeeded)
        for index in 0..<3 { try FileManager.default.removeItem(atPath: path(portal, "Content/datasets/extra-\(index).md")) }
        let site = try String(contentsOf: portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try portal.write("Content/site.yaml", site.replacingOccurrences(of: "  page_size: 2", with: "  page_size: 2\n  shrink_guard: 90%"))
        XCTAssertEqual(PortalFixture.lines(portal.build()), [
            "_site:1:1: error: this build would publish 7 datasets, but the site it replaces published 10: fewer than 90% of them",
        ])
        try portal.write("Content/site.yaml", site.replacingOccurrences(of: "  page_size: 2", with: "  page_size: 2\n  shrink_guard: 0"))
        XCTAssertTrue(portal.build().succeeded)
    }

    func testAShrinkGuardOutsideZeroToOneIsAnError() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let site = try String(contentsOf: portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try portal.write("Content/site.yaml", site.replacingOccurrences(of: "  page_size: 2", with: "  page_size: 2\n  shrink_guard: 2"))
        XCTAssertEqual(PortalFixture.lines(portal.check()),
                       ["Content/site.yaml:14:17: error: shrink_guard must be a share from 0 to 1 (or 0% to 100%)"])
    }

    // MARK: The swap, the lock and leftovers

    func testTheSwapExchangesTheFolderAtomically() throws {
        let (portal, _) = try builtPortal()
        // The staging folder built beside the output is exchanged with it: no
        // moment without a site. This file system must support the exchange.
        let a = portal.root.appendingPathComponent("a").path, b = portal.root.appendingPathComponent("b").path
        try FileSystem.makeFolder(a)
        try FileSystem.makeFolder(b)
        XCTAssertTrue(FileManager.default.createFile(atPath: a + "/in-a", contents: nil))
        XCTAssertTrue(try FileSystem.exchange(a, b))
        XCTAssertTrue(FileManager.default.fileExists(atPath: b + "/in-a"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: a + "/in-a"))
        // And the build leaves nothing beside the output: no staging, previous or lock.
        XCTAssertTrue(portal.build().succeeded)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: portal.root.path).filter { $0.hasPrefix("._site") }
        XCTAssertEqual(siblings, [])
    }

    func testLeftoversOfKilledBuildsAreRemoved() throws {
        let (portal, _) = try builtPortal()
        for name in ["._site.kaifang-staging-999991", "._site.kaifang-previous-999992"] {
            try portal.write("\(name)/index.html", "half a site")
        }
        try portal.write("._other.kaifang-staging-5/keep.txt", "another output's")
        XCTAssertTrue(portal.build().succeeded)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: portal.root.path).filter { $0.hasPrefix(".") }.sorted()
        XCTAssertEqual(siblings, ["._other.kaifang-staging-5"])
    }

    func testASecondBuildIntoTheSameOutputStopsWhileTheFirstHoldsTheLock() throws {
        let (portal, before) = try builtPortal()
        let lock = try OutputLock(path: portal.root.appendingPathComponent("._site.kaifang-lock").path, output: portal.output.path)
        let report = portal.build()
        XCTAssertEqual(report.diagnostics.map(\.code), ["output.write"])
        XCTAssertTrue(report.diagnostics[0].message.contains("another Kaifang build (process \(ProcessInfo.processInfo.processIdentifier)) is writing it"),
                      report.diagnostics[0].message)
        XCTAssertEqual(try portal.snapshot(), before)
        lock.release()
        XCTAssertTrue(portal.build().succeeded)
    }

    func testAStaleLockFileOfAKilledBuildDoesNotBlock() throws {
        let (portal, _) = try builtPortal()
        try portal.write("._site.kaifang-lock", "12345\n")
        XCTAssertTrue(portal.build().succeeded)
    }

    // MARK: Symbolic links and mount points as the output

    func testAnOutputThatIsALinkKeepsTheLink() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let webRoot = portal.root.appendingPathComponent("www/portal")
        try FileManager.default.createDirectory(at: webRoot, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: portal.output.path, withDestinationPath: "www/portal")
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertTrue(portal.build().succeeded, "a second build swaps again")
        let attributes = try FileManager.default.attributesOfItem(atPath: portal.output.path)
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeSymbolicLink)
        XCTAssertTrue(FileManager.default.fileExists(atPath: webRoot.appendingPathComponent("index.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: webRoot.appendingPathComponent("datasets/bus-stops/index.html").path))
    }

    func testAnOutputLinkToNowhereIsRefusedClearly() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try FileManager.default.createSymbolicLink(atPath: portal.output.path, withDestinationPath: "/srv/www/missing-portal")
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "_site:1:1: error: the site could not be written: cannot build into \(portal.output.path): "
                + "it is a symbolic link to /srv/www/missing-portal, which does not exist; create that folder, or point the link at one",
        ])
        let attributes = try FileManager.default.attributesOfItem(atPath: portal.output.path)
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeSymbolicLink)
    }

    /// A mount point cannot be renamed; its contents are swapped instead. The
    /// mode is chosen by device number, forced here since tests cannot mount.
    func testAFolderThatCannotBeReplacedHasItsContentsSwapped() throws {
        let (portal, _) = try builtPortal()
        let inode = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: portal.output.path)[.systemFileNumber] as? Int)
        try portal.write("_site/stale-from-an-old-build.html", "old")
        let writer = try OutputWriter(output: portal.output, mode: .replaceContents)
        XCTAssertEqual(writer.staging.deletingLastPathComponent().path, portal.output.path)
        try writer.write(Artifact(path: "index.html", text: "new"))
        try writer.write(Artifact(path: "datasets/a/index.html", text: "a"))
        try writer.commit()
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: portal.output.path)[.systemFileNumber] as? Int, inode,
                       "the folder itself stays")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: portal.output.path).sorted(),
                       [".kaifang-site", "datasets", "index.html"])
        XCTAssertEqual(try portal.read("index.html"), "new")
    }

    func testSwapModeFollowsTheDevice() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertEqual(OutputWriter.swapMode(for: portal.output.path, parent: portal.root.path), .replaceFolder, "nothing there yet")
        try FileManager.default.createDirectory(at: portal.output, withIntermediateDirectories: true)
        XCTAssertEqual(OutputWriter.swapMode(for: portal.output.path, parent: portal.root.path), .replaceFolder)
        if FileSystem.device(of: "/proc") != FileSystem.device(of: "/") {
            XCTAssertEqual(OutputWriter.swapMode(for: "/proc", parent: "/"), .replaceContents, "/proc is a mount point")
        }
    }

    // MARK: Data files and errors as sentences

    func testLinkedDataFilesArePublishedAsRegularFiles() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/data/jtt/real-stops.csv", "站点名称,经度\n市民中心,117.12\n")
        try FileManager.default.removeItem(atPath: path(portal, "Content/data/jtt/stops.csv"))
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Content/data/jtt/stops.csv"), withDestinationPath: "real-stops.csv")
        try portal.write("Public/assets/linked.css", "")
        try FileManager.default.removeItem(atPath: path(portal, "Public/assets/linked.css"))
        try FileManager.default.createSymbolicLink(atPath: path(portal, "Public/assets/linked.css"), withDestinationPath: "kaifang.css")
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        var symbolicLinks: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: portal.output.path)
        while let relative = enumerator?.nextObject() as? String {
            var info = stat()
            lstat(portal.output.appendingPathComponent(relative).path, &info)
            if info.st_mode & S_IFMT == S_IFLNK { symbolicLinks.append(relative) }
        }
        XCTAssertEqual(symbolicLinks, [])
        // The file in data/ and its copy beside the Data Package (docs/outputs.md).
        let published = portal.outputFiles().filter { $0.hasSuffix("stops.csv") }
        XCTAssertEqual(published.sorted(), ["data/jtt/stops.csv", "datasets/bus-stops/data/jtt/stops.csv"])
        for file in published { XCTAssertEqual(try portal.read(file), "站点名称,经度\n市民中心,117.12\n") }
    }

    func testWriteErrorsAreSentencesWithThePath() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("occupied", "a file where a folder should be")
        var options = portal.options
        options.output = portal.root.appendingPathComponent("occupied/_site")
        let report = Build.build(options)
        XCTAssertEqual(report.diagnostics.map(\.code), ["output.write"])
        let message = report.diagnostics[0].message
        XCTAssertTrue(message.contains("cannot create the folder \(portal.root.path)/occupied: a file of that name is in the way"), message)
        XCTAssertFalse(message.contains("Domain"), message)
        XCTAssertFalse(message.contains("Code="), message)
    }

    func testDiskFullReadsAsASentence() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/dev/full"))
        XCTAssertThrowsError(try FileSystem.writeFile(Data("x".utf8), to: "/dev/full")) { error in
            XCTAssertEqual("\(error)", "cannot write /dev/full: the disk is full (no space left on the device)")
        }
        let cocoa = CocoaError(.fileWriteOutOfSpace)
        XCTAssertEqual("\(FileSystemError.from(cocoa, operation: "write", path: "_site/x"))",
                       "cannot write _site/x: the disk is full (no space left on the device)")
        let readOnly = NSError(domain: NSCocoaErrorDomain, code: 642, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        XCTAssertEqual("\(FileSystemError.from(readOnly, operation: "write", path: "_site/x"))",
                       "cannot write _site/x: the file system is read-only")
    }
}
