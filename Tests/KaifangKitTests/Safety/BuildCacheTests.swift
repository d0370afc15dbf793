import Foundation
import XCTest
@testable import KaifangKit

/// A build with nothing changed leaves the site as it is; any change to what
/// the build reads, or to the site itself, builds it again, and the result is
/// byte for byte the site a full build makes. A stale site is the failure
/// that matters here, so every kind of input is changed in turn.
final class BuildCacheTests: XCTestCase {
    private func cachedOptions(_ portal: PortalFixture, tool: String? = "kaifang-test-1") -> BuildOptions {
        var options = portal.options
        options.buildCache = .use
        options.buildCacheTool = tool
        options.readHistory = false
        return options
    }

    private func inode(_ url: URL) -> UInt64 {
        var info = stat()
        XCTAssertEqual(stat(url.path, &info), 0)
        return UInt64(info.st_ino)
    }

    /// The site a full build (no cache) of the same inputs makes, in a folder of its own.
    private func fullBuildSnapshot(_ portal: PortalFixture, _ options: BuildOptions) throws -> [String: Data] {
        var full = options
        full.buildCache = .off
        full.output = portal.root.appendingPathComponent("_full")
        defer { try? FileManager.default.removeItem(at: full.output) }
        let report = Build.build(full)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        return try portal.snapshot(of: full.output)
    }

    /// The paths whose bytes differ between two sites (or that only one has).
    private func differences(_ a: [String: Data], _ b: [String: Data]) -> [String] {
        Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }

    func testARebuildWithNothingChangedLeavesTheSiteAndGivesTheSameReport() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let source = try String(contentsOf: portal.root.appendingPathComponent("Content/datasets/bus-stops.md"), encoding: .utf8)
        let short = source[..<source.range(of: "## 数据简介")!.lowerBound] + "简介很短。\n"
        try short.replacingOccurrences(of: "370000-JTT-000001", with: "370000-JTT-000007")
            .write(to: portal.root.appendingPathComponent("Content/datasets/short.md"), atomically: false, encoding: .utf8)
        let options = cachedOptions(portal)
        let first = Build.build(options)
        XCTAssertTrue(first.succeeded, PortalFixture.lines(first).joined(separator: "\n"))
        XCTAssertFalse(first.upToDate)
        XCTAssertTrue(FileManager.default.fileExists(atPath: BuildCache(options: options, tool: "kaifang-test-1").file.path))
        let site = try portal.snapshot()
        let index = portal.output.appendingPathComponent("index.html")
        let indexInode = inode(index)

        let second = Build.build(options)
        XCTAssertTrue(second.succeeded)
        XCTAssertTrue(second.upToDate, "nothing changed, so nothing is built")
        XCTAssertEqual(second.diagnostics, first.diagnostics, "the warnings of the last build are given again")
        XCTAssertTrue(first.diagnostics.contains { $0.code == "dataset.description-short" && $0.location.file == "Content/datasets/short.md" },
                      "a warning, so that its return is tested")
        XCTAssertEqual([second.datasetCount, second.withheldDatasetCount, second.pageCount, second.fileCount],
                       [first.datasetCount, first.withheldDatasetCount, first.pageCount, first.fileCount])
        XCTAssertEqual(second.byteCount, first.byteCount)
        XCTAssertEqual(inode(index), indexInode, "the site was not written again")
        XCTAssertEqual(differences(try portal.snapshot(), site), [])
        XCTAssertEqual(differences(try fullBuildSnapshot(portal, options), site), [], "the kept site is the one a full build makes")
    }

    func testEveryKindOfInputChangeBuildsAgainAsAFullBuildWould() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let changes: [(String, (inout BuildOptions) throws -> Void)] = [
            ("a dataset's text", { _ in
                let path = portal.root.appendingPathComponent("Content/datasets/bus-stops.md")
                let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "全市公交站点", with: "全省公交站点")
                try text.write(to: path, atomically: false, encoding: .utf8)
            }),
            ("one byte of a data file, same size", { _ in
                let path = portal.root.appendingPathComponent("Content/data/jtt/stops.csv")
                var bytes = try Data(contentsOf: path)
                let last = bytes.index(before: bytes.index(before: bytes.endIndex))
                bytes[last] = bytes[last] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
                try bytes.write(to: path)
            }),
            ("a new dataset", { _ in
                let source = try String(contentsOf: portal.root.appendingPathComponent("Content/datasets/bus-stops.md"), encoding: .utf8)
                try source.replacingOccurrences(of: "370000-JTT-000001", with: "370000-JTT-000009").replacingOccurrences(of: "公交站点信息", with: "公交线路信息")
                    .write(to: portal.root.appendingPathComponent("Content/datasets/bus-lines.md"), atomically: false, encoding: .utf8)
            }),
            ("a file renamed, bytes unchanged", { _ in
                try FileManager.default.moveItem(at: portal.root.appendingPathComponent("Content/datasets/bus-lines.md"),
                                                 to: portal.root.appendingPathComponent("Content/datasets/bus-routes.md"))
            }),
            ("site.yaml", { _ in
                let path = portal.root.appendingPathComponent("Content/site.yaml")
                try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: "page_size: 2", with: "page_size: 3")
                    .write(to: path, atomically: false, encoding: .utf8)
            }),
            ("a template", { _ in
                let path = portal.root.appendingPathComponent("Templates/dataset.mustache")
                try (String(contentsOf: path, encoding: .utf8) + "\n").write(to: path, atomically: false, encoding: .utf8)
            }),
            ("a public file", { _ in try "User-agent: *\n".write(to: portal.root.appendingPathComponent("Public/extra.txt"), atomically: false, encoding: .utf8) }),
            ("a harvested catalogue folder", { _ in
                try FileManager.default.createDirectory(at: portal.root.appendingPathComponent("Harvest"), withIntermediateDirectories: true)
            }),
            ("the build day", { options in options.buildDay = Day(year: 2025, month: 11, day: 30) }),
            ("the link cache", { _ in
                let path = LinkCache.defaultLocation(content: portal.root.appendingPathComponent("Content"))
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try "{}".write(to: path, atomically: false, encoding: .utf8)
            }),
            ("the Kaifang executable", { options in options.buildCacheTool = "kaifang-test-2" }),
        ]
        var options = cachedOptions(portal)
        XCTAssertTrue(Build.build(options).succeeded)
        for (name, change) in changes {
            try change(&options)
            let rebuilt = Build.build(options)
            XCTAssertTrue(rebuilt.succeeded, "\(name): " + PortalFixture.lines(rebuilt).joined(separator: "\n"))
            XCTAssertFalse(rebuilt.upToDate, "\(name) changed, so the site must be built again")
            XCTAssertEqual(differences(try portal.snapshot(), try fullBuildSnapshot(portal, options)), [], "\(name): not the site a full build makes")
            XCTAssertTrue(Build.build(options).upToDate, "\(name): a second build with nothing changed is skipped")
        }
    }

    func testASiteChangedByHandIsBuiltAgain() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let options = cachedOptions(portal)
        XCTAssertTrue(Build.build(options).succeeded)
        let site = try portal.snapshot()
        let edits: [(String, () throws -> Void)] = [
            ("a page edited", { try "<p>defaced</p>".write(to: portal.output.appendingPathComponent("index.html"), atomically: false, encoding: .utf8) }),
            ("a file deleted", { try FileManager.default.removeItem(at: portal.output.appendingPathComponent("catalog.json")) }),
            ("a file added", { try "x".write(to: portal.output.appendingPathComponent("stray.html"), atomically: false, encoding: .utf8) }),
            ("the site deleted", { try FileManager.default.removeItem(at: portal.output) }),
        ]
        for (name, edit) in edits {
            try edit()
            let rebuilt = Build.build(options)
            XCTAssertTrue(rebuilt.succeeded)
            XCTAssertFalse(rebuilt.upToDate, name)
            XCTAssertEqual(differences(try portal.snapshot(), site), [], "\(name): the site is whole again")
        }
    }

    func testAFailedBuildIsNeverSkippedAndKeepsTheSite() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let options = cachedOptions(portal)
        XCTAssertTrue(Build.build(options).succeeded)
        let site = try portal.snapshot()
        let broken = portal.root.appendingPathComponent("Content/datasets/zz-bad.md")
        try "---\nid: ZZ-1\ntitle: 坏\norganization: nobody\nopen_type: sometimes\n---\n".write(to: broken, atomically: false, encoding: .utf8)
        for _ in 0..<2 {
            let failed = Build.build(options)
            XCTAssertFalse(failed.succeeded)
            XCTAssertFalse(failed.upToDate)
            XCTAssertTrue(PortalFixture.lines(failed).contains { $0.hasPrefix("Content/datasets/zz-bad.md:4:15: error: unknown organization") },
                          PortalFixture.lines(failed).joined(separator: "\n"))
        }
        XCTAssertEqual(differences(try portal.snapshot(), site), [])
        try FileManager.default.removeItem(at: broken)
        XCTAssertTrue(Build.build(options).upToDate, "back to the inputs of the site that is there")
    }

    func testAFullBuildIsNeverSkippedButIsRecordedForTheNext() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        var options = cachedOptions(portal)
        options.buildCache = .refresh
        XCTAssertTrue(Build.build(options).succeeded)
        let index = portal.output.appendingPathComponent("index.html")
        let before = inode(index)
        XCTAssertFalse(Build.build(options).upToDate, "--full always builds")
        XCTAssertNotEqual(inode(index), before, "and writes the site again")
        options.buildCache = .use
        XCTAssertTrue(Build.build(options).upToDate, "the full build was recorded")
        options.buildCache = .off
        XCTAssertFalse(Build.build(options).upToDate)
        options.buildCache = .use
        XCTAssertFalse(Build.build(options).upToDate, "a build without the cache replaced the recorded site")
    }

    func testWithoutAnIdentityForKaifangNothingIsSkipped() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let options = cachedOptions(portal, tool: "")
        XCTAssertTrue(Build.build(options).succeeded)
        XCTAssertFalse(Build.build(options).upToDate)
        XCTAssertFalse(FileManager.default.fileExists(atPath: BuildCache(options: options, tool: "").file.path))
    }

    func testWhatCannotBeDigestedIsNeverVouchedFor() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let options = cachedOptions(portal)
        let cache = BuildCache(options: options, tool: "kaifang-test-1")
        XCTAssertNotNil(cache.inputDigest(git: nil))
        let loop = portal.root.appendingPathComponent("Public/loop")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "..")
        XCTAssertNil(cache.inputDigest(git: nil), "a link back into its own folder")
        try FileManager.default.removeItem(at: loop)
        XCTAssertNotNil(cache.inputDigest(git: nil))
        let fifo = portal.root.appendingPathComponent("Content/data/pipe")
        XCTAssertEqual(mkfifo(fifo.path, 0o644), 0)
        XCTAssertNil(cache.inputDigest(git: nil), "a FIFO")
    }

    func testACommitToTheDatasetsBuildsAgainAndOtherCommitsDoNot() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try ChangeHistoryTests.git(["init", "-q"], in: portal.root)
        try ChangeHistoryTests.git(["add", "Content"], in: portal.root)
        try ChangeHistoryTests.git(["commit", "-q", "-m", "first"], in: portal.root)
        var options = cachedOptions(portal)
        options.readHistory = true
        XCTAssertTrue(Build.build(options).succeeded)
        XCTAssertTrue(Build.build(options).upToDate)

        try "运维说明\n".write(to: portal.root.appendingPathComponent("README.md"), atomically: false, encoding: .utf8)
        try ChangeHistoryTests.git(["add", "README.md"], in: portal.root)
        try ChangeHistoryTests.git(["commit", "-q", "-m", "readme"], in: portal.root, date: "2025-02-03T10:00:00+08:00")
        XCTAssertTrue(Build.build(options).upToDate, "a commit outside datasets/ and catalog.csv changes no history")
        XCTAssertEqual(differences(try portal.snapshot(), try fullBuildSnapshot(portal, options)), [])

        // Edited but not committed: rebuilt for the new bytes; then committed with the same bytes: rebuilt for the history.
        let dataset = portal.root.appendingPathComponent("Content/datasets/bus-stops.md")
        try String(contentsOf: dataset, encoding: .utf8).replacingOccurrences(of: "公交站点信息", with: "公交站点和线路信息")
            .write(to: dataset, atomically: false, encoding: .utf8)
        XCTAssertFalse(Build.build(options).upToDate)
        try ChangeHistoryTests.git(["commit", "-q", "-am", "title"], in: portal.root, date: "2025-03-04T10:00:00+08:00")
        let committed = Build.build(options)
        XCTAssertTrue(committed.succeeded)
        XCTAssertFalse(committed.upToDate, "the dataset's change history has a new entry")
        XCTAssertEqual(differences(try portal.snapshot(), try fullBuildSnapshot(portal, options)), [])
        XCTAssertTrue(try portal.read("datasets/bus-stops/index.html").contains("<time>2025-03-04</time>"), "the new entry is on the page")
    }

    func testTheRunningExecutableIsNamedByItsBytes() throws {
        let tool = try XCTUnwrap(BuildCache.runningTool)
        let executable = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe"))
        XCTAssertEqual(tool, "sha256:" + SHA256Hasher.hex({ let hasher = SHA256Hasher(); hasher.update(executable); return hasher.finalize() }()))
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertEqual(BuildCache(options: portal.options).tool, tool, "nil names the running executable")
    }

    func testTheCacheLivesBesideTheContentAndIsNamedForTheOutput() {
        let content = URL(fileURLWithPath: "/srv/portal/Content")
        let site = BuildCache.location(content: content, output: URL(fileURLWithPath: "/srv/portal/_site"))
        let share = BuildCache.location(content: content, output: URL(fileURLWithPath: "/srv/portal/_share"))
        XCTAssertEqual(site.deletingLastPathComponent().path, "/srv/portal/.kaifang-cache")
        XCTAssertNotEqual(site, share, "two outputs of one project keep two records")
        XCTAssertTrue(site.lastPathComponent.hasPrefix("build-") && site.lastPathComponent.hasSuffix(".json"))
    }
}
