import XCTest
@testable import KaifangKit

/// The yearly evaluation report: figures per department from what the portal
/// publishes, advice drawn from the datasets themselves, the same in the page
/// and both files, and nothing of a closed dataset anywhere.
final class YearlyReportTests: XCTestCase {
    func testFiguresAndAdviceComeFromTheDatasetsAndClosedOnesAreNotCounted() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        // The fixture's build day is 2025-11-29.
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try portal.read("reports/2025/report.json").utf8)) as? [String: Any])
        XCTAssertEqual(json["year"] as? Int, 2025)
        XCTAssertEqual(json["history"] as? Bool, false)
        let departments = try XCTUnwrap(json["departments"] as? [[String: Any]])
        XCTAssertEqual(departments.map { $0["organization"] as? String }, ["jtt", "xyzx"])
        let jtt = departments[0], xyzx = departments[1]
        XCTAssertEqual(jtt["provided"] as? Int, 1)
        XCTAssertEqual(jtt["shared"] as? Int, 1)
        XCTAssertEqual(jtt["scheduled"] as? Int, 1)
        XCTAssertEqual(jtt["on_time"] as? Int, 0, "updated 2025-06-30 on a monthly cycle: overdue on 2025-11-29")
        XCTAssertEqual(xyzx["provided"] as? Int, 1, "the closed dataset is not counted")
        XCTAssertEqual(xyzx["conditional"] as? Int, 1)
        func kinds(_ department: [String: Any]) -> [String] {
            ((department["advice"] as? [[String: Any]]) ?? []).map { $0["kind"] as! String }
        }
        XCTAssertEqual(kinds(jtt), ["overdue"])
        // 守信激励名单: a CSV without field schema, no update cycle, no keywords (its contact is the portal's).
        XCTAssertEqual(kinds(xyzx), ["no_schema", "no_update_frequency", "no_keywords"])
        let overdue = try XCTUnwrap((jtt["advice"] as? [[String: Any]])?.first)
        XCTAssertEqual(overdue["count"] as? Int, 1)
        XCTAssertEqual((overdue["datasets"] as? [[String: Any]])?.first?["title"] as? String, "公交站点信息")

        let page = try portal.read("reports/2025/index.html")
        XCTAssertTrue(page.contains("<h1>2025 年度公共数据开放评估报告</h1>"), page)
        XCTAssertTrue(page.contains("本报告仅涵盖 2025 年"), page)
        XCTAssertTrue(page.contains("<li>1 个数据集未在更新周期内更新：《公交站点信息》。"), page)
        XCTAssertTrue(page.contains("<li>1 个数据集的表格数据没有字段说明：《守信激励名单》。"), page)
        let csv = try portal.read("reports/2025/report.csv")
        XCTAssertTrue(csv.contains("\r\njtt,测试交通运输厅,1,1,0,1,1,0,0,"), csv)
        XCTAssertTrue(csv.contains(",no_schema 1;no_update_frequency 1;no_keywords 1,2025,2025-11-29,,,,,\r\n"), "no change without history: \(csv)")
        for file in ["reports/2025/index.html", "reports/2025/report.json", "reports/2025/report.csv"] {
            let text = try portal.read(file)
            XCTAssertFalse(text.contains("绝密布点登记簿"), file)
            XCTAssertFalse(text.contains("370000-XYZX-999999"), file)
        }
        XCTAssertTrue(try portal.read("stats/index.html").contains("href=\"../reports/2025/\""), "the stats page links the report")
        XCTAssertTrue(try portal.read("sitemap.xml").contains("reports/2025/"))
    }

    func testManyConcernedDatasetsAreNamedUpToFiveAndCounted() throws {
        var archive = PortalFixture.minimal
        for number in 1...7 {
            archive += """

                -- Content/datasets/extra-\(number).md --
                ---
                id: 370000-JTT-10000\(number)
                title: 补充数据\(number)
                organization: jtt
                open_type: open
                keywords: [补充]
                update_frequency: monthly
                contact: {name: 科技信息处, email: data@jtt.example.gov.cn}
                resources:
                  - {name: 表, format: PDF, url: "https://files.example.gov.cn/\(number).pdf"}
                ---
                短。
                """
        }
        let portal = try PortalFixture(archive)
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("reports/2025/index.html")
        XCTAssertTrue(page.contains("<li>7 个数据集提供了非机器可读格式（如 PDF、DOC、XLS）：《补充数据1》、《补充数据2》、《补充数据3》、《补充数据4》、《补充数据5》等 7 个。"), page)
        XCTAssertTrue(page.contains("<li>7 个数据集的摘要少于 50 字："), page)
    }

    func testBrokenLinksFromTheLastLinkCheckAreCountedPerDepartment() throws {
        let archive = PortalFixture.minimal + """

            -- Content/datasets/parking.md --
            ---
            id: 370000-JTT-000077
            title: 停车场信息
            organization: jtt
            open_type: open
            keywords: [停车]
            update_frequency: irregular
            resources:
              - {name: 停车场表, format: CSV, url: "https://files.example.gov.cn/parking.csv", schema: [{name: 名称, type: string}]}
            ---
            全市公共停车场的名称、位置、泊位数和收费标准，由交通运输厅汇总各区上报数据后发布，供公众查询。
            """
        let portal = try PortalFixture(archive)
        let cache = LinkCache(links: ["https://files.example.gov.cn/parking.csv":
            LinkResult(status: 404, failure: nil, method: "HEAD", attempts: 1, finalURL: nil, checked: Date(timeIntervalSince1970: 1_764_300_000))])
        let cacheFile = portal.root.appendingPathComponent(".kaifang-cache/links.json")
        try FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try cache.save(cacheFile)
        XCTAssertTrue(portal.build().succeeded)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try portal.read("reports/2025/report.json").utf8)) as? [String: Any])
        let jtt = try XCTUnwrap((json["departments"] as? [[String: Any]])?.first)
        XCTAssertEqual(jtt["broken_links"] as? Int, 1)
        XCTAssertEqual(((jtt["advice"] as? [[String: Any]]) ?? []).map { $0["kind"] as? String }.last, "broken_links")
        let page = try portal.read("reports/2025/index.html")
        XCTAssertTrue(page.contains("<li>最近一次链接检查发现 1 个资源地址失效（见开放统计页）。"), page)
        XCTAssertTrue(page.contains("<th scope=\"col\">失效链接</th>"), page)
        // Without a link check the column and the figure stay out.
        let unchecked = try PortalFixture(archive)
        XCTAssertTrue(unchecked.build().succeeded)
        XCTAssertFalse(try unchecked.read("reports/2025/index.html").contains("失效链接"))
    }

    /// A catalogue committed in 2023 (a dataset file and a catalog.csv row), grown in
    /// 2024 (a second department's dataset, the row retitled), built in 2025.
    func testEarlierYearsAreEvaluatedFromTheCatalogueAtEachYearEnd() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        let credit = portal.root.appendingPathComponent("Content/datasets/credit-list.md")
        let creditText = try String(contentsOf: credit, encoding: .utf8)
        try FileManager.default.removeItem(at: credit)
        let header = "id,title,organization,themes,open_type,share_type,update_frequency,issued,modified,resource_name,resource_format,resource_url,description\n"
        func row(_ title: String) -> String {
            "370000-JTT-000050,\(title),jtt,transport,open,有条件共享,yearly,2023-03-01,2023-03-01,线路表,CSV,https://jtt.example.gov.cn/routes.csv,"
                + "全市公交线路的编号、起止站点、途经站点和首末班时间，由交通运输厅科技信息处每年整理发布一次。\n"
        }
        try portal.write("Content/catalog.csv", header + row("公交线路"))
        // Open in 2023, closed since: withdrawn, perhaps on purpose, so in no report of any year.
        let withdrawn = """
            ---
            id: 370000-JTT-000077
            title: 撤回台账Q7W
            organization: jtt
            themes: [transport]
            open_type: OPEN_TYPE
            issued: 2023-02-01
            resources:
              - {name: 台账, format: PDF, url: "https://jtt.example.gov.cn/q7w.pdf"}
            ---
            短。
            """
        try portal.write("Content/datasets/withdrawn.md", withdrawn.replacingOccurrences(of: "OPEN_TYPE", with: "open"))
        try ChangeHistoryTests.git(["init", "-q"], in: portal.root)
        try ChangeHistoryTests.git(["add", "-A"], in: portal.root)
        try ChangeHistoryTests.git(["commit", "-q", "-m", "2023"], in: portal.root, date: "2023-06-01T10:00:00+08:00")
        try creditText.write(to: credit, atomically: true, encoding: .utf8)
        try portal.write("Content/catalog.csv", header + row("公交线路（含夜班）"))
        try portal.write("Content/datasets/withdrawn.md", withdrawn.replacingOccurrences(of: "OPEN_TYPE", with: "closed"))
        try ChangeHistoryTests.git(["add", "-A"], in: portal.root)
        try ChangeHistoryTests.git(["commit", "-q", "-m", "2024"], in: portal.root, date: "2024-05-01T10:00:00+08:00")

        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        func json(_ year: Int) throws -> [String: Any] {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try portal.read("reports/\(year)/report.json").utf8)) as? [String: Any])
        }
        func departments(_ report: [String: Any]) -> [String: [String: Any]] {
            Dictionary(uniqueKeysWithValues: ((report["departments"] as? [[String: Any]]) ?? []).map { ($0["organization"] as! String, $0) })
        }
        let y2023 = try json(2023), y2024 = try json(2024), y2025 = try json(2025)
        XCTAssertEqual(y2023["as_of"] as? String, "2023-12-31")
        XCTAssertEqual(y2023["history"] as? Bool, false, "the history begins in 2023")
        XCTAssertEqual(departments(y2023).keys.sorted(), ["jtt"], "the closed dataset does not count; 信用中心 had nothing open in 2023")
        XCTAssertEqual(departments(y2023)["jtt"]?["provided"] as? Int, 2, "the dataset file and the catalog.csv row")
        XCTAssertEqual(departments(y2023)["jtt"]?["shared"] as? Int, 2)
        XCTAssertEqual(y2024["history"] as? Bool, true)
        XCTAssertEqual(departments(y2024)["xyzx"]?["provided"] as? Int, 1)
        XCTAssertTrue(departments(y2024)["xyzx"]?["change"] is NSNull, "a department new in 2024 has nothing to compare with")
        let jttChange = try XCTUnwrap(departments(y2024)["jtt"]?["change"] as? [String: Any])
        XCTAssertEqual(jttChange["provided"] as? Int, 0)
        XCTAssertEqual(y2025["history"] as? Bool, true, "the build's year compares with the end of 2024")
        XCTAssertNotNil(departments(y2025)["xyzx"]?["change"] as? [String: Any])
        // The row, updated yearly, was on time at the end of 2023 and overdue at the end of 2024.
        XCTAssertEqual(departments(y2023)["jtt"]?["on_time"] as? Int, 2)
        XCTAssertEqual(departments(y2024)["jtt"]?["on_time"] as? Int, 1)
        XCTAssertEqual((departments(y2024)["jtt"]?["change"] as? [String: Any])?["on_time_percent"] as? Int, -50)

        let page2024 = try portal.read("reports/2024/index.html")
        XCTAssertTrue(page2024.contains("<h1>2024 年度公共数据开放评估报告</h1>"), page2024)
        XCTAssertTrue(page2024.contains("2024 年的数字来自版本库中该年最后一次提交时的目录"), page2024)
        XCTAssertTrue(page2024.contains("<td>新增部门</td>"), page2024)
        XCTAssertTrue(page2024.contains("<td>提供 0，开放 0，共享 0，按期更新率 -50 个百分点，质量 "), page2024)
        XCTAssertTrue(page2024.contains("<a href=\"../../reports/2025/\">2025</a>"), page2024)
        XCTAssertTrue(page2024.contains("<a href=\"../../reports/2023/\">2023</a>"), "each year links the others by their own year")
        XCTAssertTrue(try portal.read("reports/2023/index.html").contains("版本库中的目录历史从 2023 年开始"))
        XCTAssertTrue(try portal.read("reports/2025/index.html").contains("较上年变化与版本库中 2024 年末的目录比较。"))
        XCTAssertTrue(try portal.read("reports/2023/report.csv").contains(",2023,2023-12-31,,,,,\r\n"))
        XCTAssertTrue(try portal.read("sitemap.xml").contains("reports/2023/"))
        for year in [2023, 2024] {
            for file in ["index.html", "report.json", "report.csv"] {
                let text = try portal.read("reports/\(year)/\(file)")
                for secret in ["绝密布点登记簿", "撤回台账Q7W", "370000-JTT-000077"] {
                    XCTAssertFalse(text.contains(secret), "\(secret) in \(year)/\(file)")
                }
            }
        }
        // The 2023 advice names the row by today's title, not the one it had then.
        XCTAssertTrue(try portal.read("reports/2023/report.json").contains("公交线路（含夜班）"))
        XCTAssertFalse(try portal.read("reports/2023/report.json").contains("\"公交线路\""))

        // The row of catalog.csv has its own change log.
        let rowPage = try portal.read("datasets/370000-jtt-000050/index.html")
        XCTAssertTrue(rowPage.contains("<li><time>2024-05-01</time> 修改：信息资源名称</li>"), rowPage)
        XCTAssertTrue(rowPage.contains("<li><time>2023-06-01</time> 新增数据集</li>"), rowPage)
        let first = try portal.snapshot()
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertEqual(try portal.snapshot(), first, "the same repository builds the same bytes")
    }
}
