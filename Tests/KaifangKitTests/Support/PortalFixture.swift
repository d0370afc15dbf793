import Foundation
import XCTest
@testable import KaifangKit

/// A whole portal written inline, Hugo-style:
///
///     -- Content/site.yaml --
///     title: …
///     -- Content/datasets/a.md --
///     ---
///     …
///
/// It is laid out in a fresh temporary folder with the repository's default
/// theme, so tests feed real bytes through the real pipeline. The folder is
/// removed when the fixture goes away, so tests leave nothing in /tmp.
final class PortalFixture {
    let root: URL

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    init(_ archive: String, withDefaultTheme: Bool = true) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, contents) in Self.files(in: archive) {
            try write(path, contents)
        }
        if withDefaultTheme {
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("Templates"),
                                             to: root.appendingPathComponent("Templates"))
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("Public"),
                                             to: root.appendingPathComponent("Public"))
        }
    }

    static func files(in archive: String) -> [(String, String)] {
        var files: [(String, String)] = []
        var current: String?
        var lines: [Substring] = []
        for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                if let current { files.append((current, lines.joined(separator: "\n") + "\n")) }
                current = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else if current != nil {
                lines.append(line)
            }
        }
        if let current {
            while lines.last == "" { lines.removeLast() }
            files.append((current, lines.joined(separator: "\n") + "\n"))
        }
        return files
    }

    func write(_ path: String, _ contents: String) throws {
        try write(path, data: Data(contents.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    var options: BuildOptions {
        var options = BuildOptions.project(at: root, environment: ["SOURCE_DATE_EPOCH": "1764374400"])  // 2025-11-29
        options.buildDay = Day(year: 2025, month: 11, day: 29)
        return options
    }

    var output: URL { root.appendingPathComponent("_site") }

    func build() -> BuildReport { Build.build(options) }

    func check() -> BuildReport { Build.check(options).report }

    func read(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every file of the built site (or of another folder), relative paths, sorted.
    func outputFiles(in folder: URL? = nil) -> [String] {
        let root = folder ?? output
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    /// Every output file's bytes by path (of the site, or of another folder): compared to prove a build changed nothing.
    func snapshot(of folder: URL? = nil) throws -> [String: Data] {
        let root = folder ?? output
        var files: [String: Data] = [:]
        for path in outputFiles(in: root) {
            files[path] = try Data(contentsOf: root.appendingPathComponent(path))
        }
        return files
    }

    /// The diagnostics as the CLI prints them, without hints: `file:line:column: severity: message [code]`.
    /// The diagnostics as printed, less the description-length warning:
    /// fixture datasets are short on purpose, and that warning has its own
    /// tests (ConsumerWarningTests), which read `report.diagnostics`.
    static func lines(_ report: BuildReport) -> [String] {
        report.diagnostics.filter { $0.code != "dataset.description-short" }.map { d in
            let file = d.location.file
            return "\(file):\(d.location.line):\(d.location.column): \(d.severity.rawValue): \(d.message)"
        }
    }
}

extension PortalFixture {
    /// A small valid portal: two departments, two themes, an open dataset
    /// with a CSV file, a conditional one and a closed one.
    static let minimal = """
    -- Content/site.yaml --
    title: 测试开放平台
    description: 用于测试的开放数据门户。
    base_url: https://data.example.gov.cn/portal/
    language: zh-CN
    publisher:
      name: 测试大数据局
    license: CC-BY-4.0
    contact:
      name: 运维组
      email: opendata@example.gov.cn
    conditional_access: 请在线提交**数据使用申请**。
    build:
      page_size: 2
    themes:
      - slug: transport
        title: 交通
        description: 公路、公交和出行。
        eu_theme: TRAN
      - slug: credit
        title: 信用
        eu_theme: GOVE
    -- Content/organizations/jtt.md --
    ---
    name: 测试交通运输厅
    code: 11370000MB2858386F
    homepage: https://jtt.example.gov.cn/
    ---
    负责**交通**数据。
    -- Content/organizations/xyzx.md --
    ---
    name: 测试公共信用信息中心
    ---
    信用数据。
    -- Content/datasets/bus-stops.md --
    ---
    id: 370000-JTT-000001
    title: 公交站点信息
    organization: jtt
    themes: [transport]
    keywords: [公交, 站点]
    open_type: open
    share_type: 无条件共享
    update_frequency: 每月
    issued: 2024-01-15
    modified: 2025-06-30
    contact:
      name: 科技信息处
      email: data@jtt.example.gov.cn
    resources:
      - name: 站点表
        format: CSV
        path: jtt/stops.csv
        schema:
          - name: 站点名称
            type: string
          - name: 经度
            type: number
            unit: 度
    ---
    ## 数据简介

    全市公交站点，见[许可](/pages/about/)。每条记录为一个公交站点，包括站点名称和经度，由交通运输厅科技信息处维护。
    -- Content/datasets/credit-list.md --
    ---
    id: 370000-XYZX-000002
    title: 守信激励名单
    organization: xyzx
    themes: [credit]
    open_type: 有条件开放
    issued: 2024-03-01
    resources:
      - name: 名单文件
        format: CSV
        path: xyzx/list.csv
    ---
    有条件开放的名单，列出守信激励对象的名称、统一社会信用代码、认定部门和认定日期，经申请获批后方可获取全部数据。
    -- Content/datasets/secret-register.md --
    ---
    id: 370000-XYZX-999999
    title: 绝密布点登记簿
    organization: xyzx
    themes: [credit]
    open_type: closed
    issued: 2024-02-01
    resources:
      - name: 登记簿
        format: CSV
        path: xyzx/secret.csv
    ---
    不予开放。
    -- Content/data/jtt/stops.csv --
    站点名称,经度
    市民中心,117.12
    -- Content/data/xyzx/list.csv --
    单位名称
    某公司
    -- Content/data/xyzx/secret.csv --
    布点
    某地
    -- Content/pages/about.md --
    ---
    title: 关于本平台
    ---
    关于。
    """
}
