import Foundation
import XCTest
@testable import KaifangKit

/// Change history from git: a fixture portal made into a repository with
/// commits at fixed dates, then built as it is, as a shallow clone, and without git.
final class ChangeHistoryTests: XCTestCase {
    @discardableResult
    static func git(_ arguments: [String], in folder: URL, date: String = "2025-01-02T10:00:00+08:00") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path, "-c", "user.name=测试", "-c", "user.email=test@example.gov.cn",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "protocol.file.allow=always"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_AUTHOR_DATE"] = date
        environment["GIT_COMMITTER_DATE"] = date
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = try output.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The minimal portal committed on 2025-01-02, then on 2025-03-04 a new
    /// title, description and resource for bus-stops, and a change to the closed dataset.
    func repository() throws -> PortalFixture {
        let portal = try PortalFixture(PortalFixture.minimal)
        try Self.git(["init", "-q"], in: portal.root)
        try Self.git(["add", "-A"], in: portal.root)
        try Self.git(["commit", "-q", "-m", "第一版"], in: portal.root)
        let file = portal.root.appendingPathComponent("Content/datasets/bus-stops.md")
        var text = try String(contentsOf: file, encoding: .utf8)
        text = text.replacingOccurrences(of: "title: 公交站点信息", with: "title: 公交站点信息（2025 版）")
        text = text.replacingOccurrences(of: "全市公交站点", with: "全市公交站点和线路")
        text = text.replacingOccurrences(of: "resources:\n", with: "resources:\n  - name: 线路图\n    format: HTML\n    url: https://jtt.example.gov.cn/map\n")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let secret = portal.root.appendingPathComponent("Content/datasets/secret-register.md")
        let secretText = try String(contentsOf: secret, encoding: .utf8).replacingOccurrences(of: "title: 绝密布点登记簿", with: "title: 绝密布点登记簿二")
        try secretText.write(to: secret, atomically: true, encoding: .utf8)
        try Self.git(["commit", "-q", "-am", "内部备注：不应公开的提交说明"], in: portal.root, date: "2025-03-04T09:30:00+08:00")
        return portal
    }

    func testChangesAreListedOnTheDatasetPageAndInTheFeed() throws {
        let portal = try repository()
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let page = try portal.read("datasets/bus-stops/index.html")
        XCTAssertTrue(page.contains("<h2 id=\"ds-history\">变更记录</h2>"), page)
        XCTAssertTrue(page.contains("<li><time>2025-03-04</time> 修改：数据摘要、信息资源名称；新增资源：线路图</li>"), page)
        XCTAssertTrue(page.contains("<li><time>2025-01-02</time> 新增数据集</li>"))
        XCTAssertTrue(page.contains("变更记录来自版本库中涉及数据集文件的 2 次提交，最早 2025-01-02。"))
        let feed = try portal.read("changes.xml")
        XCTAssertTrue(feed.contains("<updated>2025-03-04T09:30:00+08:00</updated>"), feed)
        XCTAssertTrue(feed.contains("<summary>修改：数据摘要、信息资源名称；新增资源：线路图</summary>"))
        let newest = try XCTUnwrap(feed.range(of: "2025-03-04T09:30:00+08:00</updated>\n    <link")), oldest = try XCTUnwrap(feed.range(of: "新增数据集"))
        XCTAssertLessThan(newest.lowerBound, oldest.lowerBound, "newest first")
        // Neither the closed dataset nor commit messages reach any file.
        for file in portal.outputFiles() {
            let text = String(decoding: try Data(contentsOf: portal.output.appendingPathComponent(file)), as: UTF8.self)
            for secret in ["绝密布点登记簿", "secret-register", "内部备注", "第一版"] {
                XCTAssertFalse(text.contains(secret), "\(secret) leaked into \(file)")
            }
        }
        // The same repository builds the same bytes.
        let first = try portal.snapshot()
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertEqual(try portal.snapshot(), first)
    }

    func testAShallowCloneSaysHowMuchHistoryItSaw() throws {
        let portal = try repository()
        let clone = portal.root.appendingPathComponent("clone")
        try Self.git(["clone", "-q", "--depth", "1", "file://" + portal.root.path, clone.path], in: portal.root)
        var options = BuildOptions.project(at: clone, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2025, month: 11, day: 29)
        XCTAssertTrue(Build.build(options).succeeded)
        let page = try String(contentsOf: clone.appendingPathComponent("_site/datasets/bus-stops/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<li><time>2025-03-04</time> 已有此数据集（更早的记录不在本次构建可见的历史中）</li>"), page)
        XCTAssertTrue(page.contains("1 次提交（浅克隆，只含 2025-03-04 以来的记录）。"))
    }

    func testWithoutGitThereIsNoHistoryAndNoError() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let report = portal.build()
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(report.diagnostics.filter { $0.severity != .note }.count, 0)
        XCTAssertFalse(portal.exists("changes.xml"))
        XCTAssertFalse(try portal.read("datasets/bus-stops/index.html").contains("ds-history"))
    }

    func testResourcesTheDatasetNoLongerHasAreCountedNotNamed() throws {
        let portal = try repository()
        let file = portal.root.appendingPathComponent("Content/datasets/bus-stops.md")
        let text = try String(contentsOf: file, encoding: .utf8)
            .replacingOccurrences(of: "  - name: 线路图\n    format: HTML\n    url: https://jtt.example.gov.cn/map\n", with: "")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try Self.git(["commit", "-q", "-am", "撤下"], in: portal.root, date: "2025-05-06T09:30:00+08:00")
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("datasets/bus-stops/index.html")
        XCTAssertTrue(page.contains("<li><time>2025-05-06</time> 删除资源：1 个</li>"), page)
        XCTAssertTrue(page.contains("<li><time>2025-03-04</time> 修改：数据摘要、信息资源名称；新增资源：1 个</li>"))
        XCTAssertFalse(page.contains("线路图"), "a withdrawn resource's name is not shown")
    }

    func testComparingVersionsIgnoresLayoutAndNamesResources() {
        var change = DatasetChange(commit: "c", time: "t", day: Day(year: 2025, month: 1, day: 1), kind: .changed)
        let old = "---\ntitle: 甲\nkeywords: [a, b]\nresources:\n  - name: 表一\n    format: CSV\n    path: x.csv\n  - name: 表二\n    format: CSV\n    path: y.csv\n---\n正文\n"
        let new = "---\nkeywords:\n  - a\n  - b\ntitle: 甲\nresources:\n  - name: 表一\n    format: XLSX\n    path: x.xlsx\n  - name: 表三\n    format: CSV\n    path: z.csv\n---\n正文\n"
        ChangeHistory.compare(old: old, new: new, into: &change)
        XCTAssertEqual(change.fields, [], "a list written another way, fields in another order: no change")
        XCTAssertEqual(change.resourcesAdded, ["表三"])
        XCTAssertEqual(change.resourcesRemoved, ["表二"])
        XCTAssertEqual(change.resourcesChanged, ["表一"])
    }
}
