import Foundation
import XCTest
@testable import KaifangKit

/// The minimal portal with a share profile and datasets of every
/// open × share combination that matters, built as the public portal and as
/// the share site (`--profile share`) into two folders.
final class SharePortal {
    let portal: PortalFixture

    /// Distinctive pieces of what only the share site may show: titles and
    /// sharing terms of closed datasets, their files' paths, their resources' URLs.
    static let shareOnly = ["共享专用台账x9k", "SHARECOND-q7z", "USAGE-m3p", "closed-share-k3", "ledger-w5", "hidden-share-v8",
                            "share-endpoint-j2", "共享专用名录r4t", "closed-uncond-r2", "table-h4"]
    /// Pieces of a conditionally shared dataset's data that not even the share site may show.
    static let requestOnly = ["closed-share-k3", "ledger-w5", "hidden-share-v8", "share-endpoint-j2"]

    static let shareProfile = """
        profiles:
          share:
            title: 测试政务信息资源共享网站
            base_url: https://share.example.gov.cn/gx/
            description: 面向政务外网各部门的共享网站。
            request_procedure: 请通过**共享交换平台**提交共享申请，提供部门在 10 个工作日内答复。
        """

    init(profile: Bool = true) throws {
        portal = try PortalFixture(PortalFixture.minimal)
        if profile {
            let site = try String(contentsOf: portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
            try portal.write("Content/site.yaml", site + Self.shareProfile + "\n")
        }
        try portal.write("Content/data/closed-share-k3/ledger-w5.csv", "单位名称,核验结果\n某公司,已参保\n")
        try portal.write("Content/data/closed-uncond-r2/table-h4.csv", "机构名称,类别\n某中心,事业单位\n")
        try portal.write("Content/data/jtt/open-none.csv", "线路,站点数\n1路,20\n")
        try portal.write("Content/datasets/closed-shared.md", """
            ---
            id: 370000-XYZX-800001
            title: 共享专用台账x9k
            organization: xyzx
            themes: [credit]
            open_type: closed
            share_type: 有条件共享
            share_condition: 仅限市场监管部门用于信用监管 SHARECOND-q7z
            share_method: 接口
            share_requirements: 不得转提供 USAGE-m3p
            issued: 2024-04-01
            resources:
              - name: 核验接口
                format: API
                url: https://hidden-share-v8.example.gov.cn/share-endpoint-j2/v1
              - name: 台账文件
                format: CSV
                path: closed-share-k3/ledger-w5.csv
            ---
            不予开放，仅向有关部门有条件共享的信用核验台账，列出单位名称和核验结果，由公共信用信息中心维护。
            """)
        try portal.write("Content/datasets/closed-unconditional.md", """
            ---
            id: 370000-XYZX-800002
            title: 共享专用名录r4t
            organization: xyzx
            themes: [credit]
            open_type: 不予开放
            share_type: unconditional
            share_method: file
            issued: 2024-04-02
            resources:
              - name: 名录文件
                format: CSV
                path: closed-uncond-r2/table-h4.csv
            ---
            不予开放，向各部门无条件共享的事业单位名录，列出机构名称和类别，由公共信用信息中心每年更新。
            """)
        try portal.write("Content/datasets/closed-none.md", """
            ---
            id: 370000-XYZX-800003
            title: 绝不共享清单z8v
            organization: xyzx
            themes: [credit]
            open_type: closed
            share_type: none
            issued: 2024-04-03
            ---
            不予开放，也不予共享。
            """)
        try portal.write("Content/datasets/open-none.md", """
            ---
            id: 370000-JTT-800004
            title: 公开但不共享线路表w2q
            organization: jtt
            themes: [transport]
            open_type: open
            share_type: 不予共享
            issued: 2024-04-04
            resources:
              - name: 线路表
                format: CSV
                path: jtt/open-none.csv
            ---
            向社会开放、但不在共享网站列出的公交线路表，每条记录为一条线路及其站点数，由交通运输厅维护。
            """)
    }

    var shareOutput: URL { portal.root.appendingPathComponent("_share") }

    var shareOptions: BuildOptions {
        var options = portal.options
        options.profile = .share
        options.output = shareOutput
        return options
    }

    func buildShare() -> BuildReport { Build.build(shareOptions) }

    func readShare(_ path: String) throws -> String {
        try String(contentsOf: shareOutput.appendingPathComponent(path), encoding: .utf8)
    }

    func existsInShare(_ path: String) -> Bool { FileManager.default.fileExists(atPath: shareOutput.appendingPathComponent(path).path) }

    /// Every file of a built folder, relative paths, sorted.
    static func files(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [String] = []
        while let url = enumerator.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
            }
        }
        return files.sorted()
    }

    /// A file's text lowercased, also percent-decoded and with JSON's `\/` undone: the forms a string takes in URLs and JSON.
    static func searchableText(_ url: URL) throws -> String {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self).lowercased()
        return (text.removingPercentEncoding ?? text).replacingOccurrences(of: "\\/", with: "/") + "\n" + text
    }
}

final class ShareProfileTests: XCTestCase {
    func testAClosedConditionallySharedDatasetIsOnTheShareSiteWithItsConditionButNotItsData() throws {
        let share = try SharePortal()
        let report = share.buildShare()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))

        let page = try share.readShare("datasets/closed-shared/index.html")
        XCTAssertTrue(page.contains("共享专用台账x9k"))
        XCTAssertTrue(page.contains("SHARECOND-q7z"), "the share condition is on the dataset page")
        XCTAssertTrue(page.contains("USAGE-m3p"), "the usage requirements are on the dataset page")
        XCTAssertTrue(page.contains("<strong>共享交换平台</strong>"), "the page says how to request the data")

        let catalog = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(share.readShare("catalog.json").utf8)) as? [String: Any])
        XCTAssertEqual(catalog["homepage"] as? String, "https://share.example.gov.cn/gx/")
        XCTAssertEqual(catalog["title"] as? String, "测试政务信息资源共享网站")
        let records = try XCTUnwrap(catalog["datasets"] as? [[String: Any]])
        let record = try XCTUnwrap(records.first { $0["id"] as? String == "370000-XYZX-800001" })
        XCTAssertEqual(record["open_type"] as? String, "closed")
        XCTAssertEqual(record["share_type"] as? String, "conditional")
        XCTAssertEqual(record["share_condition"] as? String, "仅限市场监管部门用于信用监管 SHARECOND-q7z")
        XCTAssertEqual(record["share_method"] as? String, "api")
        XCTAssertEqual(record["share_requirements"] as? String, "不得转提供 USAGE-m3p")
        let resources = try XCTUnwrap(record["resources"] as? [[String: Any]])
        XCTAssertEqual(resources.count, 2)
        XCTAssertTrue(resources.allSatisfy { $0["download_url"] is NSNull }, "conditional share data is given only on request")

        // The share site's schema describes exactly the keys its records have.
        let schema = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(share.readShare("schema/catalog.schema.json").utf8)) as? [String: Any])
        let datasetSchema = try XCTUnwrap((schema["$defs"] as? [String: Any])?["dataset"] as? [String: Any])
        let required = try XCTUnwrap(datasetSchema["required"] as? [String])
        let properties = try XCTUnwrap(datasetSchema["properties"] as? [String: Any])
        XCTAssertEqual(Set(required), Set(record.keys), "required keys")
        XCTAssertTrue(Set(record.keys).isSubset(of: Set(properties.keys)))
        XCTAssertEqual((properties["open_type"] as? [String: Any])?["enum"] as? [String], ["open", "conditional", "closed"])
        XCTAssertFalse(CatalogJSONSchema.text.contains("share_condition"), "the public schema has no sharing terms")

        let csv = try share.readShare("catalog.csv")
        XCTAssertTrue(csv.split(separator: "\r\n").first!.hasSuffix("datapackage,share_condition,share_method,share_requirements"))
        XCTAssertTrue(csv.contains("SHARECOND-q7z"))
        XCTAssertTrue(try share.readShare("catalog.zh-CN.csv").contains("SHARECOND-q7z"))
        let turtle = try share.readShare("catalog.ttl")
        XCTAssertTrue(turtle.contains("SHARECOND-q7z"), "DCAT carries the share condition")
        XCTAssertTrue(turtle.contains("USAGE-m3p"), "DCAT carries the usage requirements")
        XCTAssertTrue(turtle.contains("\"conditional\""), "DCAT carries the share type's value")

        // Not even the share site gives the data of a conditional share: not its URL, not its file.
        for file in SharePortal.files(in: share.shareOutput) {
            let text = try SharePortal.searchableText(share.shareOutput.appendingPathComponent(file))
            for secret in SharePortal.requestOnly {
                XCTAssertFalse(text.contains(secret), "\"\(secret)\" of a conditional share leaks into \(file) of the share site")
                XCTAssertFalse(file.lowercased().contains(secret), "\"\(secret)\" names \(file) of the share site")
            }
        }
    }

    func testTheFilesOfAClosedUnconditionallySharedDatasetArePublishedOnTheShareSite() throws {
        let share = try SharePortal()
        let report = share.buildShare()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(try share.readShare("data/closed-uncond-r2/table-h4.csv"), "机构名称,类别\n某中心,事业单位\n")
        let page = try share.readShare("datasets/closed-unconditional/index.html")
        XCTAssertTrue(page.contains("../../data/closed-uncond-r2/table-h4.csv"), "the page links the file")
        XCTAssertTrue(share.existsInShare("datasets/closed-unconditional/datapackage.json"))
    }

    func testDatasetsThatMayNotBeSharedAreNotOnTheShareSite() throws {
        let share = try SharePortal()
        let report = share.buildShare()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        // closed + none, closed without share_type (secret-register), open + none, conditional open without share_type.
        XCTAssertEqual(report.withheldDatasetCount, 4)
        for slug in ["closed-none", "secret-register", "open-none", "credit-list"] {
            XCTAssertFalse(share.existsInShare("datasets/\(slug)/index.html"), "\(slug) is on the share site")
        }
        for file in SharePortal.files(in: share.shareOutput) {
            let text = try SharePortal.searchableText(share.shareOutput.appendingPathComponent(file))
            for unshared in ["绝不共享清单z8v", "370000-xyzx-800003", "公开但不共享线路表w2q", "370000-jtt-800004", "open-none.csv"] {
                XCTAssertFalse(text.contains(unshared.lowercased()), "\"\(unshared)\" appears in \(file) of the share site")
            }
        }
        // The open dataset that is not shared is still on the public site.
        let publicReport = share.portal.build()
        XCTAssertTrue(publicReport.succeeded, PortalFixture.lines(publicReport).joined(separator: "\n"))
        XCTAssertTrue(share.portal.exists("datasets/open-none/index.html"))
        XCTAssertFalse(share.portal.exists("datasets/closed-none/index.html"))
        XCTAssertTrue(share.existsInShare("datasets/bus-stops/index.html"), "an unconditionally shared open dataset is on both")
    }

    func testTheShareSiteIsNeverIndexed() throws {
        let share = try SharePortal()
        XCTAssertTrue(share.buildShare().succeeded)
        let robots = try share.readShare("robots.txt")
        XCTAssertTrue(robots.contains("User-agent: *\nDisallow: /\n"), robots)
        XCTAssertFalse(robots.split(separator: "\n").contains("Allow: /"), robots)
        XCTAssertFalse(robots.contains("Sitemap:"), "the share site announces no sitemap to crawlers")
        let pages = SharePortal.files(in: share.shareOutput).filter { $0.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 15)
        for page in pages {
            let html = try share.readShare(page)
            let head = try XCTUnwrap(html.range(of: "</head>").map { html[..<$0.lowerBound] }, page)
            XCTAssertTrue(head.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "\(page) may be indexed")
        }
        // The public portal stays indexable.
        XCTAssertTrue(share.portal.build().succeeded)
        XCTAssertFalse(try share.portal.read("index.html").contains("noindex"))
        XCTAssertTrue(try share.portal.read("robots.txt").contains("Allow: /"))
    }

    func testTheOverviewCountsEachKeyDomainBySharingAndEachDepartmentByDomain() throws {
        let share = try SharePortal()
        XCTAssertTrue(share.buildShare().succeeded)
        let overview = try share.readShare("share/index.html")
        let text = overview.replacingOccurrences(of: #"<[^>]+>"#, with: " ", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // 信用: one unconditional (closed-unconditional), one conditional (closed-shared); two not shared
        // (closed-none, secret-register; credit-list has no share attribute).
        XCTAssertTrue(text.contains("信用 1 1 2 3"), text)
        // 交通: bus-stops shared unconditionally; open-none not shared.
        XCTAssertTrue(text.contains("交通 1 0 1 1"), text)
        // Departments × domains: 交通运输厅 shares one transport dataset, 信用中心 two credit ones.
        XCTAssertTrue(text.contains("测试交通运输厅 1 – 1"), text)
        XCTAssertTrue(text.contains("测试公共信用信息中心 – 2 2"), text)
        XCTAssertTrue(try share.readShare("index.html").contains("href=\"share/\""), "the home page leads to the overview")
        XCTAssertTrue(share.portal.build().succeeded)
        XCTAssertFalse(share.portal.exists("share/index.html"), "the public portal has no share overview")
    }

    func testAShareBuildWithoutAShareProfileIsRefused() throws {
        let share = try SharePortal(profile: false)
        let report = share.buildShare()
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(PortalFixture.lines(report), ["Content/site.yaml:1:1: error: a share build needs profiles.share in site.yaml"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: share.shareOutput.path))
        XCTAssertTrue(share.portal.build().succeeded, "the public build does not need the profile")
    }

    func testSharingFieldsAreChecked() throws {
        let share = try SharePortal()
        try share.portal.write("Content/datasets/bad-sharing.md", """
            ---
            id: 370000-JTT-800005
            title: 共享字段有误
            organization: jtt
            open_type: open
            share_type: conditional
            share_method: 邮寄
            ---
            正文
            """)
        try share.portal.write("Content/datasets/table-sharing.md", """
            ---
            id: 370000-JTT-800006
            title: 库表共享
            organization: jtt
            open_type: open
            share_type: unconditional
            share_method: 库表
            ---
            正文
            """)
        // The public portal shows no sharing terms, so only their values are checked there.
        XCTAssertEqual(PortalFixture.lines(share.portal.check()), [
            "Content/datasets/bad-sharing.md:7:15: error: share_method \"邮寄\" is not one of the catalogue's values",
        ])
        let report = Build.check(share.shareOptions).report
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/bad-sharing.md:6:13: warning: the dataset is shared on conditions (有条件共享) but has no share_condition",
            "Content/datasets/bad-sharing.md:7:15: error: share_method \"邮寄\" is not one of the catalogue's values",
        ])
        XCTAssertEqual(report.diagnostics.map(\.code), ["dataset.share-condition", "dataset.share_method"])
        XCTAssertTrue(report.diagnostics[1].hint?.contains("database-table (库表)") == true, report.diagnostics[1].hint ?? "")
        try FileManager.default.removeItem(at: share.portal.root.appendingPathComponent("Content/datasets/bad-sharing.md"))
        XCTAssertTrue(share.buildShare().succeeded)
        let catalog = try share.readShare("catalog.json")
        XCTAssertTrue(catalog.contains("\"share_method\": \"database-table\"") || catalog.contains("\"share_method\":\"database-table\""), "库表 is read as database-table")
    }

    func testAShareProfileWithoutTitleOrAddressIsAnError() throws {
        let share = try SharePortal(profile: false)
        let site = try String(contentsOf: share.portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
        try share.portal.write("Content/site.yaml", site + "profiles:\n  share:\n    base_url: share.example.gov.cn\n")
        let lines = PortalFixture.lines(share.portal.check())
        XCTAssertTrue(lines.contains { $0.hasSuffix("error: share profile has no title") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasSuffix("error: base_url \"share.example.gov.cn\" is not an http(s) URL") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasSuffix("warning: the share profile does not say how departments request conditionally shared data") },
                      lines.joined(separator: "\n"))
    }
}

/// The two sites built from one catalogue never land on each other: not in one
/// output folder, not at one address.
final class ShareSeparationTests: XCTestCase {
    func testAShareBuildRefusesTheFolderOfThePublicSiteAndTheOtherWayRound() throws {
        let share = try SharePortal()
        XCTAssertTrue(share.portal.build().succeeded)
        let before = try share.portal.snapshot()
        var intoPublic = share.shareOptions
        intoPublic.output = share.portal.output
        let report = Build.build(intoPublic)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(PortalFixture.lines(report), ["_site:1:1: error: _site holds the public portal (https://data.example.gov.cn/portal/); this share build would replace it"])
        XCTAssertTrue(report.diagnostics.contains { $0.code == "output.profile" })
        XCTAssertEqual(try share.portal.snapshot(), before, "the public site is left as it was")

        XCTAssertTrue(share.buildShare().succeeded)
        var intoShare = share.portal.options
        intoShare.output = share.shareOutput
        let back = Build.build(intoShare)
        XCTAssertFalse(back.succeeded)
        XCTAssertTrue(back.diagnostics.contains { $0.code == "output.profile" }, PortalFixture.lines(back).joined(separator: "\n"))
        XCTAssertTrue(try share.readShare("robots.txt").contains("Disallow: /"), "the sharing site is left as it was")
        // Each into its own folder again: both build, and each folder's marker names its site.
        XCTAssertTrue(share.portal.build().succeeded)
        XCTAssertTrue(share.buildShare().succeeded)
        XCTAssertEqual(try share.portal.read(".kaifang-site"), "kaifang\n")
        XCTAssertEqual(try share.readShare(".kaifang-site"), "kaifang share\n")
        // Without its catalog.json the sharing site is still known by its marker.
        try FileManager.default.removeItem(at: share.shareOutput.appendingPathComponent("catalog.json"))
        var publicIntoShare = share.portal.options
        publicIntoShare.output = share.shareOutput
        let marked = Build.build(publicIntoShare)
        XCTAssertTrue(marked.diagnostics.contains { $0.code == "output.profile" }, PortalFixture.lines(marked).joined(separator: "\n"))
    }

    func testTheSharingSiteCannotLiveAtOrUnderThePublicAddress() throws {
        for address in ["https://data.example.gov.cn/portal/", "https://DATA.example.gov.cn/portal", "https://data.example.gov.cn/portal/share/"] {
            let share = try SharePortal(profile: false)
            let site = try String(contentsOf: share.portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
            try share.portal.write("Content/site.yaml", site + "profiles:\n  share:\n    title: 共享网站\n    base_url: \(address)\n    request_procedure: 申请。\n")
            let report = Build.check(share.shareOptions).report
            XCTAssertFalse(report.succeeded, address)
            XCTAssertTrue(report.diagnostics.contains { $0.code == "profile.base_url" && $0.message.contains("the public portal's address or lies under it") },
                          PortalFixture.lines(report).joined(separator: "\n"))
        }
        XCTAssertFalse(SiteDecoder.isWithin("https://data.example.gov.cn/portal-share/", "https://data.example.gov.cn/portal/"))
        XCTAssertFalse(SiteDecoder.isWithin("https://share.example.gov.cn/", "https://data.example.gov.cn/"))
    }
}

/// The public portal built from a catalogue with a share profile shows
/// nothing that only the share site may show, in any file, in any form.
final class ShareLeakTests: XCTestCase {
    func testThePublicBuildHoldsNothingOnlyTheShareSiteMayShow() throws {
        let share = try SharePortal()
        let report = share.portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        var checked = 0
        for file in share.portal.outputFiles() {
            let text = try SharePortal.searchableText(share.portal.output.appendingPathComponent(file))
            for secret in SharePortal.shareOnly {
                XCTAssertFalse(text.contains(secret.lowercased()), "\"\(secret)\" leaks into \(file) of the public site")
                XCTAssertFalse(file.lowercased().contains(secret.lowercased()), "\"\(secret)\" names the public site's file \(file)")
            }
            for id in ["370000-xyzx-800001", "370000-xyzx-800002", "370000-xyzx-800003"] {
                XCTAssertFalse(text.contains(id), "the closed dataset \(id) appears in \(file) of the public site")
            }
            // The sharing terms belong to the share site, whatever the dataset.
            XCTAssertFalse(text.contains("share_condition") || text.contains("共享条件"), "\(file) of the public site carries sharing terms")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
        // The same catalogue does give them to the share site, so the needles are real.
        XCTAssertTrue(share.buildShare().succeeded)
        let shareText = try SharePortal.files(in: share.shareOutput).map {
            try SharePortal.searchableText(share.shareOutput.appendingPathComponent($0))
        }.joined()
        for needle in ["共享专用台账x9k", "sharecond-q7z", "usage-m3p", "共享专用名录r4t", "closed-uncond-r2/table-h4"] {
            XCTAssertTrue(shareText.contains(needle), "\(needle) is not on the share site either")
        }
    }
}
