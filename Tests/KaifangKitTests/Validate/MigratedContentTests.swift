import XCTest
@testable import KaifangKit

/// Content migrated from other portals builds as it is: JKAN's fields and
/// file names, a portal's defaults and its own wordings of controlled values,
/// URLs pasted with spaces. Each liberty is said in a note or warning.
final class MigratedContentTests: XCTestCase {
    private func siteYAML(_ portal: PortalFixture) throws -> String {
        try String(contentsOf: portal.root.appendingPathComponent("Content/site.yaml"), encoding: .utf8)
    }

    private func addToSite(_ portal: PortalFixture, _ yaml: String) throws {
        try portal.write("Content/site.yaml", try siteYAML(portal) + yaml)
    }

    private func catalogDataset(_ portal: PortalFixture, slug: String) throws -> [String: Any] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try portal.read("catalog.json").utf8)) as? [String: Any])
        let datasets = try XCTUnwrap(json["datasets"] as? [[String: Any]])
        return try XCTUnwrap(datasets.first { ($0["slug"] as? String) == slug }, "no dataset \(slug) in catalog.json")
    }

    private func notes(_ report: BuildReport) -> [String] {
        PortalFixture.lines(report).filter { $0.contains(": note: ") }
    }

    /// A JKAN dataset and department, copied as JKAN writes them.
    private static let jkanDataset = """
        ---
        title: 犯罪案件统计
        notes: 公安部门发布的案件统计，按月汇总。
        organization: 公安厅
        maintainer: 数据科
        maintainer_email: data@gat.example.gov.cn
        maintainer_phone: 0531-12345678
        category: [交通]
        tags: [案件, 统计]
        date_created: 2023-04-01
        date_updated: 2024-02-01
        license: Creative Commons Attribution
        schema: default
        resources:
          - name: 案件统计表
            url: https://data.example.gov.cn/files/cases.csv
            format: CSV
        ---
        """

    func testAJKANPortalBuildsAsItIsWithDefaultsForWhatJKANHasNot() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "defaults:\n  open_type: open\n  update_frequency: monthly\n")
        try portal.write("Content/organizations/gat.md", "---\ntitle: 公安厅\ndescription: 负责公共安全数据。\nlogo: /img/gat.png\n---\n")
        try portal.write("Content/datasets/crime-incidents.md", Self.jkanDataset)
        let report = portal.build()
        XCTAssertEqual(report.diagnostics.filter { $0.severity != .note && $0.code != "dataset.description-short" }.count, 0, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(notes(report), [
            "Content/datasets/crime-incidents.md:2:1: note: dataset has no id: its file name \"crime-incidents\" is used",
            "Content/datasets/crime-incidents.md:12:10: note: licence \"Creative Commons Attribution\" is read as CC-BY-4.0",
        ])
        let dataset = try catalogDataset(portal, slug: "crime-incidents")
        XCTAssertEqual(dataset["id"] as? String, "crime-incidents")
        XCTAssertEqual(dataset["open_type"] as? String, "open")
        XCTAssertEqual(dataset["update_frequency"] as? String, "monthly")
        XCTAssertEqual(dataset["keywords"] as? [String], ["案件", "统计"])
        XCTAssertEqual(dataset["issued"] as? String, "2023-04-01")
        XCTAssertEqual(dataset["modified"] as? String, "2024-02-01")
        XCTAssertEqual((dataset["organization"] as? [String: Any])?["slug"] as? String, "gat")
        XCTAssertEqual((dataset["themes"] as? [[String: Any]])?.compactMap { $0["slug"] as? String }, ["transport"])
        let contact = try XCTUnwrap(dataset["contact"] as? [String: Any])
        XCTAssertEqual(contact["phone"] as? String, "0531-12345678")
        XCTAssertEqual(contact["name"] as? String, "数据科")
        XCTAssertEqual((dataset["license"] as? [String: Any])?["id"] as? String, "CC-BY-4.0")
        XCTAssertTrue(try portal.read("organizations/gat/index.html").contains("负责公共安全数据。"))
        XCTAssertTrue(try portal.read("datasets/crime-incidents/index.html").contains("公安部门发布的案件统计"))
    }

    func testLicenceNamesComeFromThePortalsOwnLicencesFile() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "defaults: {open_type: open}\n")
        try portal.write("Content/_data/licenses.yml", """
            items:
              - name: Creative Commons Attribution
                url: https://creativecommons.org/licenses/by/4.0/
              - name: 政府数据开放许可
                url: https://data.example.gov.cn/license/
              - name: Not Applicable
                url: ""
            """)
        try portal.write("Content/organizations/gat.md", "---\ntitle: 公安厅\n---\n")
        try portal.write("Content/datasets/crime-incidents.md", Self.jkanDataset.replacingOccurrences(of: "license: Creative Commons Attribution", with: "license: 政府数据开放许可"))
        try portal.write("Content/datasets/none.md", Self.jkanDataset.replacingOccurrences(of: "license: Creative Commons Attribution", with: "license: Not Applicable"))
        let report = portal.build()
        XCTAssertFalse(report.diagnostics.contains { $0.severity != .note && $0.code != "dataset.description-short" }, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertFalse(notes(report).contains { $0.contains("licence") }, "a name the portal listed needs no note")
        let named = try catalogDataset(portal, slug: "crime-incidents")
        XCTAssertTrue(String(describing: named).contains("https://data.example.gov.cn/license/"), "\(named)")
        // "Not Applicable" names no licence: the portal's default (site.yaml `license: CC-BY-4.0`) applies.
        XCTAssertTrue(String(describing: try catalogDataset(portal, slug: "none")).contains("CC-BY-4.0"))
    }

    func testAnUnknownLicenceNameSaysWhereNamesComeFrom() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/bus-stops.md", try String(contentsOf: portal.root.appendingPathComponent("Content/datasets/bus-stops.md"), encoding: .utf8)
            .replacingOccurrences(of: "open_type: open", with: "open_type: open\nlicense: 本平台许可"))
        let report = portal.check()
        XCTAssertEqual(PortalFixture.lines(report), ["Content/datasets/bus-stops.md:8:10: error: unknown licence \"本平台许可\""])
        XCTAssertTrue(report.diagnostics[0].hint?.contains("_data/licenses.yml") == true)
    }

    func testWithARequiredCodePatternAFileWithoutIdIsAnError() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "resource_code_pattern: \"370000-[A-Z]+-[0-9]{6}\"\ndefaults: {open_type: open}\n")
        try portal.write("Content/organizations/gat.md", "---\ntitle: 公安厅\n---\n")
        try portal.write("Content/datasets/crime-incidents.md", Self.jkanDataset)
        XCTAssertEqual(PortalFixture.lines(portal.check()).filter { !$0.contains(": note: ") },
                       ["Content/datasets/crime-incidents.md:2:1: error: dataset has no id"])
    }

    func testDefaultsFillOnlyWhatIsMissingAndAWrongDefaultIsSaidOnce() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "defaults:\n  share_type: 有条件共享\n  update_frequency: weekly\n")
        let report = portal.build()
        XCTAssertFalse(report.diagnostics.contains { $0.severity == .error }, PortalFixture.lines(report).joined(separator: "\n"))
        // bus-stops says 无条件共享 and 每月 itself; credit-list says neither.
        XCTAssertEqual(try catalogDataset(portal, slug: "bus-stops")["share_type"] as? String, "unconditional")
        XCTAssertEqual(try catalogDataset(portal, slug: "bus-stops")["update_frequency"] as? String, "monthly")
        XCTAssertEqual(try catalogDataset(portal, slug: "credit-list")["share_type"] as? String, "conditional")
        XCTAssertEqual(try catalogDataset(portal, slug: "credit-list")["update_frequency"] as? String, "weekly")

        let wrong = try PortalFixture(PortalFixture.minimal)
        try addToSite(wrong, "defaults:\n  update_frequency: fortnightly\n  open_typ: open\n")
        let lines = PortalFixture.lines(wrong.check())
        XCTAssertEqual(lines.filter { $0.hasPrefix("Content/site.yaml") }, [
            "Content/site.yaml:23:21: error: update_frequency \"fortnightly\" is not one of the catalogue's values",
            "Content/site.yaml:24:3: error: defaults cannot set \"open_typ\"",
        ])
        XCTAssertEqual(lines.count, 2, lines.joined(separator: "\n"))
    }

    func testLocalWordingsAndISOIntervalsAreReadWithANoteAndThePortalsOwnSilently() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "synonyms:\n  update_frequency: {半月: monthly}\n")
        let original = try String(contentsOf: portal.root.appendingPathComponent("Content/datasets/bus-stops.md"), encoding: .utf8)
        try portal.write("Content/datasets/bus-stops.md", original.replacingOccurrences(of: "open_type: open", with: "open_type: 普遍开放")
            .replacingOccurrences(of: "update_frequency: 每月", with: "update_frequency: R/P1M"))
        try portal.write("Content/datasets/half.md", "---\nid: H-1\ntitle: 半年数据\norganization: jtt\nthemes: [transport]\nopen_type: 依申请开放\n"
            + "update_frequency: 每半年\nissued: 2024-01-01\n---\n")
        try portal.write("Content/datasets/own.md", "---\nid: H-2\ntitle: 半月数据\norganization: jtt\nthemes: [transport]\nopen_type: open\n"
            + "update_frequency: 半月\nissued: 2024-01-01\n---\n")
        let report = portal.build()
        XCTAssertEqual(notes(report), [
            "Content/datasets/bus-stops.md:7:12: note: open_type \"普遍开放\" is read as open (无条件开放)",
            "Content/datasets/bus-stops.md:9:19: note: update_frequency \"R/P1M\" is read as monthly (每月)",
            "Content/datasets/half.md:6:12: note: open_type \"依申请开放\" is read as conditional (有条件开放)",
        ])
        // 每半年 is the catalogue's own word for semiannual: no note.
        XCTAssertEqual(try catalogDataset(portal, slug: "half")["update_frequency"] as? String, "semiannual")
        XCTAssertEqual(try catalogDataset(portal, slug: "own")["update_frequency"] as? String, "monthly")
        XCTAssertTrue(try portal.read("data.json").contains("\"R/P6M\""))
        XCTAssertTrue(try portal.read("catalog.ttl").contains("frequency/ANNUAL_2"))
    }

    func testASynonymForAValueThatDoesNotExistIsAnError() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try addToSite(portal, "synonyms:\n  update_frequency: {半月: fortnightly}\n  title: {a: b}\n")
        XCTAssertEqual(PortalFixture.lines(portal.check()), [
            "Content/site.yaml:23:26: error: \"fortnightly\" is not one of the catalogue's update_frequency values",
            "Content/site.yaml:24:3: error: synonyms cannot be given for \"title\"",
        ])
    }

    func testFileNamesThatAreNoAddressGetOneWithANote() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/Bus Stops+2015.md", "---\nid: B-1\ntitle: 公交站点2015\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n")
        try portal.write("Content/organizations/o'neill dept.md", "---\nname: 测试奥尼尔局\n---\n")
        try portal.write("Content/datasets/oneill.md", "---\nid: B-2\ntitle: 奥尼尔数据\norganization: o'neill dept\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n")
        let report = portal.build()
        XCTAssertFalse(report.diagnostics.contains { $0.severity != .note && $0.code != "dataset.description-short" }, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(notes(report), [
            "Content/datasets/Bus Stops+2015.md:1:1: note: the file name \"Bus Stops+2015\" cannot be a web address: the page is at \"Bus-Stops-2015\"",
            "Content/organizations/o'neill dept.md:1:1: note: the file name \"o'neill dept\" cannot be a web address: the page is at \"o-neill-dept\"",
        ])
        XCTAssertTrue(portal.exists("datasets/Bus-Stops-2015/index.html"))
        XCTAssertEqual((try catalogDataset(portal, slug: "oneill")["organization"] as? [String: Any])?["slug"] as? String, "o-neill-dept")
    }

    func testURLsWithSpacesArePercentEncodedAndBadOnesSayWhatIsWrong() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        func dataset(_ url: String) -> String {
            "---\nid: U-1\ntitle: 链接\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\nresources:\n  - name: 文件\n    format: CSV\n    url: \"\(url)\"\n---\n"
        }
        try portal.write("Content/datasets/url.md", dataset("https://files.example.gov.cn/2024 年/公交 站点.csv"))
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/url.md:11:10: warning: url \"https://files.example.gov.cn/2024 年/公交 站点.csv\" is published as "
                + "https://files.example.gov.cn/2024%20年/公交%20站点.csv: spaces and characters such as <> \" { } | were percent-encoded",
        ])
        let resources = try XCTUnwrap(try catalogDataset(portal, slug: "url")["resources"] as? [[String: Any]])
        // The exports write the URI form: the Chinese is percent-encoded there as well.
        XCTAssertEqual(resources.first?["download_url"] as? String,
                       "https://files.example.gov.cn/2024%20%E5%B9%B4/%E5%85%AC%E4%BA%A4%20%E7%AB%99%E7%82%B9.csv")

        let cases: [(String, String)] = [
            ("www.example.gov.cn/a.csv", "it has no scheme: write https://www.example.gov.cn/a.csv"),
            ("files/a.csv", "it is not a full address: it needs https:// and a host name"),
            ("https:///a.csv", "it has no host name after https://"),
            ("file:///etc/passwd", "file: addresses are never published; only http, https, ftp"),
            ("https://files example.gov.cn/a.csv", "the host name \"files example.gov.cn\" contains a space or a character no host name has"),
        ]
        for (url, problem) in cases {
            try portal.write("Content/datasets/url.md", dataset(url))
            XCTAssertEqual(PortalFixture.lines(portal.check()), ["Content/datasets/url.md:11:10: error: url \"\(url)\" cannot be published: \(problem)"])
        }
    }
}
