import XCTest
@testable import KaifangKit

/// Whole portals in, files out: the pipeline as publishers and citizens use it.
final class PortalBuildTests: XCTestCase {
    func testMinimalPortalBuildsEveryPageKind() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        for path in ["index.html", "datasets/index.html", "datasets/bus-stops/index.html", "datasets/credit-list/index.html",
                     "organizations/index.html", "organizations/jtt/index.html", "themes/index.html",
                     "themes/transport/index.html", "pages/about/index.html", "stats/index.html", "404.html",
                     "assets/kaifang.css", "data/jtt/stops.csv"] {
            XCTAssertTrue(portal.exists(path), "missing \(path)")
        }
        XCTAssertEqual(report.datasetCount, 2)
        XCTAssertEqual(report.withheldDatasetCount, 1)
    }

    func testDatasetPageShowsMetadataResourcesAndSchema() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("datasets/bus-stops/index.html")
        XCTAssertTrue(page.contains("<h1>公交站点信息</h1>"))
        XCTAssertTrue(page.contains("<th scope=\"row\">信息资源代码</th><td>370000-JTT-000001</td>"))
        XCTAssertTrue(page.contains("<td>无条件共享</td>"), "Chinese share_type is shown with its label")
        XCTAssertTrue(page.contains("<td>每月</td>"))
        XCTAssertTrue(page.contains("href=\"../../data/jtt/stops.csv\""))
        // SHA-256 of "站点名称,经度\n市民中心,117.12\n"
        let bytes = Data("站点名称,经度\n市民中心,117.12\n".utf8)
        XCTAssertTrue(page.contains("(\(bytes.count) 字节)") || page.contains("（\(bytes.count) 字节）"))
        XCTAssertTrue(page.contains("<th scope=\"row\">经度</th><td>数值</td><td>度</td>"))
        XCTAssertTrue(page.contains("<h3>数据简介</h3>"), "description headings nest under the page's sections")
        XCTAssertTrue(page.contains("href=\"../../pages/about/\""), "site-root links work under a base sub-path")
        XCTAssertTrue(page.contains("<link rel=\"canonical\" href=\"https://data.example.gov.cn/portal/datasets/bus-stops/\">"))
    }

    func testConditionalDatasetShowsHowToApplyAndNoFile() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("datasets/credit-list/index.html")
        XCTAssertTrue(page.contains("<strong>数据使用申请</strong>"), "the site.yaml text on how to apply")
        XCTAssertFalse(page.contains("list.csv"))
        XCTAssertFalse(portal.exists("data/xyzx/list.csv"), "conditional files are not copied")
    }

    func testClosedDatasetReachesNoOutputFile() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertFalse(portal.exists("datasets/secret-register/index.html"))
        XCTAssertFalse(portal.exists("data/xyzx/secret.csv"))
        for file in portal.outputFiles() {
            let data = try Data(contentsOf: portal.output.appendingPathComponent(file))
            let text = String(decoding: data, as: UTF8.self)
            for secret in ["370000-XYZX-999999", "绝密布点登记簿", "secret-register", "secret.csv"] {
                XCTAssertFalse(text.contains(secret), "\(secret) leaked into \(file)")
            }
        }
    }

    func testCatalogIsPaginatedNewestFirst() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let first = try portal.read("datasets/index.html")
        let newest = try XCTUnwrap(first.range(of: "守信激励名单")), older = try XCTUnwrap(first.range(of: "公交站点信息"))
        XCTAssertLessThan(newest.lowerBound, older.lowerBound, "issued 2024-03-01 lists before 2024-01-15")
        XCTAssertFalse(portal.exists("datasets/page/index.html"))
    }

    func testFailedBuildLeavesThePreviousSiteUntouched() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let before = try portal.snapshot()
        try portal.write("Content/datasets/broken.md", "---\nid: X-1\ntitle: 坏数据\norganization: nobody\nopen_type: open\n---\n")
        let report = portal.build()
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(PortalFixture.lines(report), ["Content/datasets/broken.md:4:15: error: unknown organization \"nobody\""])
        XCTAssertEqual(try portal.snapshot(), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: portal.root.path).filter { $0.contains("kaifang-") }
        XCTAssertEqual(leftovers, [], "no staging folder is left behind")
    }

    func testTwoBuildsAreByteIdentical() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        XCTAssertTrue(portal.build().succeeded)
        let first = try portal.snapshot()
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertEqual(try portal.snapshot(), first)
    }

    func testCatalogCSVRowsJoinMarkdownAndAddCSVOnlyDatasets() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/catalog.csv", "\u{FEFF}id,title,organization,themes,open_type,issued,resource_name,resource_format,resource_url,description\r\n"
            + "370000-JTT-000001,公交站点信息,jtt,transport,无条件开放,2024-01-15,,,,\r\n"
            + "370000-JTT-000777,\"道路\"\"里程\"\"统计\",jtt,transport;credit,open,2023-05-01,年报,XLSX,https://files.example.gov.cn/a.xlsx,\"全省公路里程，\n按等级统计。\"\r\n")
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(report.datasetCount, 3)
        let page = try portal.read("datasets/370000-jtt-000777/index.html")
        XCTAssertTrue(page.contains("道路&quot;里程&quot;统计"))
        XCTAssertTrue(page.contains("全省公路里程"))
        XCTAssertTrue(page.contains("https://files.example.gov.cn/a.xlsx"))
    }

    func testCatalogCSVConflictingWithMarkdownIsAnError() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/catalog.csv", "id,title\n370000-JTT-000001,另一个标题\n")
        let report = portal.check()
        XCTAssertEqual(PortalFixture.lines(report),
                       ["Content/catalog.csv:2:19: error: title differs from Content/datasets/bus-stops.md (line 3) for dataset \"370000-JTT-000001\""])
    }

    func testGB18030CatalogWithChineseHeadersIsRead() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let text = "信息资源代码,信息资源名称,信息资源提供方,信息资源分类,开放属性,发布日期\r\n370000-JTT-000900,客运班线,jtt,transport,无条件开放,2022-02-02\r\n"
        try portal.write("Content/catalog.csv", data: try XCTUnwrap(TestEncoding.gb18030(text)))
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(try portal.read("datasets/370000-jtt-000900/index.html").contains("客运班线"))
    }

    func testEveryProblemIsReportedAtOnceWithItsPosition() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/bad.md", """
            ---
            id: 370000-JTT-000001
            title: 重复
            organization: jtt
            themes: [transprot]
            open_type: maybe
            issued: 2024-02-30
            tittle: 拼写错误
            resources:
              - name: 越界
                format: CSV
                path: ../../etc/passwd
            ---
            正文
            """)
        let lines = PortalFixture.lines(portal.check())
        XCTAssertEqual(lines, [
            "Content/datasets/bad.md:5:9: error: unknown theme \"transprot\"",
            "Content/datasets/bad.md:6:12: error: open_type \"maybe\" is not one of the catalogue's values",
            "Content/datasets/bad.md:7:9: error: issued \"2024-02-30\" is not a real date",
            "Content/datasets/bad.md:8:1: warning: unknown field \"tittle\" is ignored",
            "Content/datasets/bad.md:12:11: error: path \"../../etc/passwd\" leaves Content/data/",
            "Content/datasets/bus-stops.md:2:5: error: id \"370000-JTT-000001\" is used twice: by Content/datasets/bad.md (line 2) and by this file",
        ])
    }

    func testJKANFrontMatterIsRead() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/jkan.md", """
            ---
            schema: default
            id: JKAN-1
            title: 迁移来的数据集
            organization: 测试交通运输厅
            category: [交通]
            notes: 从 JKAN 迁移。
            maintainer: 王工
            maintainer_email: wang@example.gov.cn
            open_type: open
            license: https://creativecommons.org/licenses/by/4.0/
            resources:
              - name: 文件
                url: https://files.example.gov.cn/jkan.csv
                format: csv
            ---
            """)
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let page = try portal.read("datasets/jkan/index.html")
        XCTAssertTrue(page.contains("从 JKAN 迁移。"))
        XCTAssertTrue(page.contains("测试交通运输厅"))
        XCTAssertTrue(page.contains("wang@example.gov.cn"))
        XCTAssertTrue(page.contains(">交通</a>"))
    }

}
