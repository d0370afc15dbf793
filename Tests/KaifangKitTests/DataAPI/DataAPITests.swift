import XCTest
@testable import KaifangKit

/// The static data API: every open CSV file the portal hosts, as JSON pages.
final class DataAPITests: XCTestCase {
    /// An open dataset with two CSV files (one named by `id`, one by position),
    /// a link, and a PDF; a conditional and a closed one with CSV files.
    static func portal(rows: Int) -> String {
        var csv = "编号,名称,人数,均价,开放,日期,备注,编号\n"
        for row in 1...rows {
            csv += "\(row),站点\(row),\(row * 10),\(row).50,\(row % 2 == 0 ? "是" : "否"),2025-01-\(String(format: "%02d", row % 28 + 1)),,dup\(row)\n"
        }
        return #"""
        -- Content/site.yaml --
        title: 测试开放平台
        description: 用于测试的开放数据门户。
        base_url: https://data.example.gov.cn/
        language: zh-CN
        publisher:
          name: 测试大数据局
        license: CC-BY-4.0
        contact:
          name: 运维组
          email: opendata@example.gov.cn
        conditional_access: 请在线申请。
        themes:
          - slug: transport
            title: 交通
            eu_theme: TRAN
        -- Content/organizations/jtt.md --
        ---
        name: 测试交通运输厅
        ---
        交通。
        -- Content/datasets/stations.md --
        ---
        id: 370000-JTT-000001
        title: 站点统计
        organization: jtt
        themes: [transport]
        open_type: open
        issued: 2024-01-15
        resources:
          - name: 站点表
            id: stations
            format: CSV
            path: jtt/stations.csv
            schema:
              - {name: 编号, type: integer}
              - {name: 人数, type: integer, unit: 人}
              - {name: 均价, type: number}
              - {name: 开放, type: boolean}
              - {name: 日期, type: date}
          - name: 外部链接
            format: CSV
            url: https://files.example.gov.cn/x.csv
          - name: 说明
            format: CSV
            path: jtt/notes.csv
        ---
        站点。
        -- Content/datasets/applied.md --
        ---
        id: 370000-JTT-000002
        title: 申请数据
        organization: jtt
        themes: [transport]
        open_type: conditional
        issued: 2024-01-16
        resources:
          - name: 名单
            format: CSV
            path: jtt/applied.csv
        ---
        有条件。
        -- Content/datasets/sealed.md --
        ---
        id: 370000-JTT-000003
        title: 封存数据
        organization: jtt
        themes: [transport]
        open_type: closed
        issued: 2024-01-17
        resources:
          - name: 封存
            format: CSV
            path: jtt/sealed.csv
        ---
        不予开放。
        -- Content/data/jtt/stations.csv --
        \#(csv)
        -- Content/data/jtt/notes.csv --
        项目,说明
        "多行
        说明","含有,逗号和""引号"""
        -- Content/data/jtt/applied.csv --
        单位
        申请专用单位甲
        -- Content/data/jtt/sealed.csv --
        封存
        封存专用内容乙
        """#
    }

    func json(_ portal: PortalFixture, _ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: portal.output.appendingPathComponent(path))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], path)
    }

    func testRowsArePagedByAThousandWithLinksAndTotal() throws {
        let portal = try PortalFixture(Self.portal(rows: 2345))
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let base = "https://data.example.gov.cn/datasets/stations/"
        let folder = "datasets/stations/api/stations/"
        let index = try json(portal, folder + "index.json")
        XCTAssertEqual(index["total"] as? Int, 2345)
        XCTAssertEqual(index["pages"] as? Int, 3)
        XCTAssertEqual(index["page_size"] as? Int, 1000)
        XCTAssertEqual(index["first"] as? String, base + "api/stations/page-1.json")
        XCTAssertEqual(index["last"] as? String, base + "api/stations/page-3.json")
        XCTAssertEqual(index["download"] as? String, "https://data.example.gov.cn/data/jtt/stations.csv")
        let fields = try XCTUnwrap(index["fields"] as? [[String: Any]])
        XCTAssertEqual(fields.map { $0["name"] as? String }, ["编号", "名称", "人数", "均价", "开放", "日期", "备注", "编号_8"])
        XCTAssertEqual(fields.map { $0["type"] as? String }, ["integer", "string", "integer", "number", "boolean", "date", "string", "string"])
        XCTAssertEqual(fields[2]["unit"] as? String, "人")

        let first = try json(portal, folder + "page-1.json")
        let links = try XCTUnwrap(first["links"] as? [String: Any])
        XCTAssertTrue(links["previous"] is NSNull)
        XCTAssertEqual(links["next"] as? String, base + "api/stations/page-2.json")
        XCTAssertEqual(first["total"] as? Int, 2345)
        XCTAssertEqual((first["rows"] as? [Any])?.count, 1000)
        let second = try json(portal, folder + "page-2.json")
        let secondLinks = try XCTUnwrap(second["links"] as? [String: Any])
        XCTAssertEqual(secondLinks["previous"] as? String, base + "api/stations/page-1.json")
        XCTAssertEqual(secondLinks["next"] as? String, base + "api/stations/page-3.json")
        XCTAssertEqual(second["offset"] as? Int, 1000)
        let last = try json(portal, folder + "page-3.json")
        XCTAssertTrue((last["links"] as? [String: Any])?["next"] is NSNull)
        let lastRows = try XCTUnwrap(last["rows"] as? [[String: Any]])
        XCTAssertEqual(lastRows.count, 345)
        XCTAssertEqual(last["count"] as? Int, 345)
        XCTAssertEqual(lastRows.last?["编号"] as? Int, 2345, "rows keep the file's order")
        XCTAssertFalse(portal.exists(folder + "page-4.json"))
    }

    func testValuesAreTypedByTheFieldSchema() throws {
        let portal = try PortalFixture(Self.portal(rows: 2))
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("datasets/stations/api/stations/page-1.json")
        XCTAssertTrue(page.contains(#"{"编号":2,"名称":"站点2","人数":20,"均价":2.50,"开放":true,"日期":"2025-01-03","备注":null,"编号_8":"dup2"}"#),
                      "numbers as written in the file, booleans from 是/否, empty cells null:\n\(page)")
    }

    func testQuotedCellsAndPositionNamedResource() throws {
        let portal = try PortalFixture(Self.portal(rows: 1))
        XCTAssertTrue(portal.build().succeeded)
        // notes.csv is the third resource and has no id: it is named by its position.
        let page = try json(portal, "datasets/stations/api/3/page-1.json")
        let rows = try XCTUnwrap(page["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0]["项目"] as? String, "多行\n说明")
        XCTAssertEqual(rows[0]["说明"] as? String, "含有,逗号和\"引号\"")
        XCTAssertFalse(portal.exists("datasets/stations/api/2/index.json"), "a link is not hosted: no API")
        let all = try json(portal, "api/index.json")
        let listed = try XCTUnwrap(all["resources"] as? [[String: Any]])
        XCTAssertEqual(listed.map { $0["resource"] as? String }, ["stations", "3"])
        let datasetPage = try portal.read("datasets/stations/index.html")
        XCTAssertTrue(datasetPage.contains("href=\"api/stations/index.json\""), "the dataset page links each API")
        XCTAssertTrue(datasetPage.contains("href=\"api/3/index.json\""))
        XCTAssertFalse(try portal.read("datasets/applied/index.html").contains("index.json\""), "no API link for conditional data")
    }

    func testConditionalAndClosedDataHaveNoAPI() throws {
        let portal = try PortalFixture(Self.portal(rows: 1))
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertFalse(portal.exists("datasets/applied/api/1/index.json"))
        XCTAssertFalse(portal.exists("datasets/applied/api"))
        for file in portal.outputFiles() {
            let text = String(decoding: try Data(contentsOf: portal.output.appendingPathComponent(file)), as: UTF8.self)
            for secret in ["申请专用单位甲", "封存专用内容乙", "370000-JTT-000003"] {
                XCTAssertFalse(text.contains(secret), "\(secret) leaked into \(file)")
            }
        }
    }

    func testTheAPIIsByteForByteTheSameOnEveryBuild() throws {
        let portal = try PortalFixture(Self.portal(rows: 1200))
        XCTAssertTrue(portal.build().succeeded)
        let first = try portal.snapshot().filter { $0.key.contains("api/") }
        XCTAssertTrue(portal.build().succeeded)
        let second = try portal.snapshot().filter { $0.key.contains("api/") }
        XCTAssertEqual(first.count, 6, "api/index.json, stations index + 2 pages, notes index + 1 page")
        XCTAssertEqual(first, second)
    }

    func testResourceIDMustNameAFolderAndBeUnique() throws {
        var text = Self.portal(rows: 1)
        text = text.replacingOccurrences(of: "    id: stations\n", with: "    id: 站点 表\n")
        text = text.replacingOccurrences(of: "  - name: 说明\n", with: "  - name: 说明\n    id: \"7\"\n")
        let portal = try PortalFixture(text)
        let lines = PortalFixture.lines(portal.check())
        XCTAssertTrue(lines.contains { $0.contains("error: resource id \"站点 表\" cannot name a folder of the site") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("error: resource id \"7\" cannot name a folder of the site") }, "digits only would collide with positions")

        let duplicate = try PortalFixture(Self.portal(rows: 1).replacingOccurrences(of: "  - name: 说明\n", with: "  - name: 说明\n    id: stations\n"))
        let duplicateLines = PortalFixture.lines(duplicate.check())
        XCTAssertTrue(duplicateLines.contains { $0.contains("resource id \"stations\" is also used at line") }, duplicateLines.joined(separator: "\n"))
    }

    // MARK: - Pieces

    func testStreamReadsTheSameRecordsWhateverTheChunkSize() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "名称,说明\r\n甲,\"一行\r\n两行\"\r\n\r\n\"乙\"\"丙\",末尾无换行"
        let file = folder.appendingPathComponent("a.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: file)
        // A line break inside quotes is data: kept as written (CRLF), as the download holds it.
        let expected = [["名称", "说明"], ["甲", "一行\r\n两行"], ["乙\"丙", "末尾无换行"]]
        for chunk in [1, 2, 3, 5, 7, 64, 1 << 18] {
            var records: [[String]] = []
            try CSVRecordStream(url: file, chunkSize: chunk).forEachRecord { records.append($0) }
            XCTAssertEqual(records, expected, "chunk size \(chunk)")
        }
    }

    func testStreamReadsGB18030AsTheScanDoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // "名称\n济南市\n" in GB18030.
        let bytes: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x0A, 0xBC, 0xC3, 0xC4, 0xCF, 0xCA, 0xD0, 0x0A]
        let file = folder.appendingPathComponent("gb.csv")
        try Data(bytes).write(to: file)
        var records: [[String]] = []
        try CSVRecordStream(url: file, chunkSize: 3).forEachRecord { records.append($0) }
        XCTAssertEqual(records, [["名称"], ["济南市"]])
    }

    func testCellsAreEscapedExactlyAsTheSharedJSONWriterDoes() {
        for text in ["", "普通", "引\"号\\斜杠", "行\n末\r\t", "\u{01}\u{7F}", "分\u{2028}隔\u{2029}", "</script>&", "😀e\u{301}"] {
            var out: [UInt8] = []
            DataAPIValue.appendString(text, into: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), JSONWriter(style: .compact).string(.string(text)), text)
        }
    }

    func testTypedLiterals() {
        XCTAssertEqual(DataAPIValue.literal("42", as: .integer), "42")
        XCTAssertEqual(DataAPIValue.literal("+7", as: .integer), "7")
        XCTAssertNil(DataAPIValue.literal("4.2", as: .integer), "not an integer: kept as text")
        XCTAssertEqual(DataAPIValue.literal("2.70", as: .number), "2.70", "a JSON number is kept as written")
        XCTAssertEqual(DataAPIValue.literal("-0.5e3", as: .number), "-0.5e3")
        XCTAssertEqual(DataAPIValue.literal(".5", as: .number), "0.5")
        XCTAssertNil(DataAPIValue.literal("1,234", as: .number))
        XCTAssertNil(DataAPIValue.literal("nan", as: .number))
        XCTAssertEqual(DataAPIValue.literal("TRUE", as: .boolean), "true")
        XCTAssertEqual(DataAPIValue.literal("否", as: .boolean), "false")
        XCTAssertNil(DataAPIValue.literal("maybe", as: .boolean))
        XCTAssertEqual(DataAPIValue.literal("2025/3/9", as: .date), "\"2025-03-09\"")
        XCTAssertNil(DataAPIValue.literal("2025-02-30", as: .date))
        XCTAssertNil(DataAPIValue.literal("anything", as: .string))
        var out: [UInt8] = []
        DataAPIValue.write("  ", as: .integer, into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "null")
        out = []
        DataAPIValue.write("12 人", as: .integer, into: &out)
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "\"12 人\"", "a value not of its type stays the text of the file")
    }
}
