import XCTest
@testable import KaifangKit

final class SVGBarChartTests: XCTestCase {
    func numbers(_ svg: String, attribute: String) -> [Int] {
        let pattern = try! NSRegularExpression(pattern: "\(attribute)=\"(\\d+)\"")
        let text = svg as NSString
        return pattern.matches(in: svg, range: NSRange(location: 0, length: text.length)).map { Int(text.substring(with: $0.range(at: 1)))! }
    }

    func testEveryBarCarriesItsNumberAndIsDrawnInProportion() {
        let chart = SVGBarChart(id: "c", title: "各部门数据集", description: "说明", series: ["无条件", "有条件"], colors: ["#111", "#222"],
                                rows: [.init(label: "交通运输厅", values: [6, 2]), .init(label: "统计局", values: [4, 0])])
        let svg = chart.svg()
        XCTAssertEqual(numbers(svg, attribute: "data-value"), [6, 2, 4, 0])
        XCTAssertEqual(numbers(svg, attribute: "data-total"), [8, 4])
        // The longest row fills the bar area; the others are in proportion.
        XCTAssertEqual(chart.segmentWidths(), [[277.5, 92.5], [185, 0]])
        XCTAssertTrue(svg.contains("role=\"img\""))
        XCTAssertTrue(svg.contains("<title id=\"c-title\">各部门数据集</title><desc id=\"c-desc\">说明</desc>"))
        XCTAssertTrue(svg.contains("aria-labelledby=\"c-title c-desc\""))
    }

    func testNormalisedBarsShowSharesOfTheirOwnTotal() {
        let chart = SVGBarChart(id: "s", title: "星级", description: "", series: ["0", "1"], colors: ["#000"],
                                rows: [.init(label: "甲", values: [1, 3]), .init(label: "乙", values: [0, 0])], normalized: true)
        XCTAssertEqual(chart.segmentWidths(), [[92.5, 277.5], [0, 0]])
    }

    func testLabelsAreEscaped() {
        let chart = SVGBarChart(id: "e", title: "<a>&", description: "\"", series: ["x"], colors: ["#000"],
                                rows: [.init(label: "</svg><script>", values: [1])])
        let svg = chart.svg()
        XCTAssertFalse(svg.contains("<script>"))
        XCTAssertTrue(svg.contains("&lt;a&gt;&amp;"))
    }

    func testTheStatsChartsShowTheSameNumbersAsTheStatistics() {
        let catalog = ExportTestCatalog.mixed()
        let views = ViewBuilder(catalog: catalog, strings: [:], nestedStrings: [:])
        let builder = StatsViewBuilder(views: views)
        let figures = views.statistics.departments
        let volume = builder.volumeChart(figures, id: "v")
        XCTAssertEqual(volume.rows.map(\.values), figures.map { [$0.open, $0.conditional] })
        XCTAssertEqual(numbers(volume.svg(), attribute: "data-value"), [2, 1])
        let stars = builder.starsChart(figures, id: "s")
        XCTAssertEqual(numbers(stars.svg(), attribute: "data-value"), figures[0].stars)
        let quality = builder.qualityChart(figures, id: "q")
        XCTAssertEqual(numbers(quality.svg(), attribute: "data-total"), [figures[0].quality])
        XCTAssertEqual(quality.maximum, 405)
        let timeliness = builder.timelinessChart(figures, id: "t")
        XCTAssertEqual(timeliness.rows[0].values, [figures[0].scheduled - figures[0].overdue, figures[0].overdue])
    }
}

final class CSVPreviewTests: XCTestCase {
    func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-preview-\(UUID().uuidString).csv")
        try data.write(to: url)
        return url
    }

    func testReadsTheHeaderAndTwentyRowsOfALargeFileOnly() throws {
        var text = "\u{FEFF}站点,经度\n"
        for row in 1...50_000 { text += "站点\(row),117.\(row)\n" }
        let url = try temporaryFile(Data(text.utf8))
        defer { try? FileManager.default.removeItem(at: url) }
        let preview = try XCTUnwrap(CSVPreview.read(url))
        XCTAssertEqual(preview.header, ["站点", "经度"])
        XCTAssertEqual(preview.rows.count, 20)
        XCTAssertEqual(preview.rows[19], ["站点20", "117.20"])
        XCTAssertTrue(preview.truncated)
    }

    func testReadsGB18030AndQuotedCellsSpanningLines() throws {
        // The same text in GB18030 (as iconv writes it).
        let data = Data([0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xCB, 0xB5, 0xC3, 0xF7, 0x0A, 0x22, 0xBC, 0xD7, 0x22, 0x2C, 0x22, 0xB5, 0xDA, 0xD2, 0xBB, 0xD0, 0xD0, 0x0A, 0xB5, 0xDA, 0xB6, 0xFE, 0xD0, 0xD0, 0x22, 0x0A, 0xD2, 0xD2, 0x2C, 0x22, 0xBA, 0xAC, 0x2C, 0xB6, 0xBA, 0xBA, 0xC5, 0x22, 0x0A])
        let url = try temporaryFile(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let preview = try XCTUnwrap(CSVPreview.read(url))
        XCTAssertEqual(preview.header, ["名称", "说明"])
        XCTAssertEqual(preview.rows, [["甲", "第一行\n第二行"], ["乙", "含,逗号"]])
        XCTAssertFalse(preview.truncated)
    }

    func testShortRowsArePaddedAndLongOnesCut() {
        let preview = CSVPreview.parse("a,b,c\n1\n1,2,3,4\n")
        XCTAssertEqual(preview?.rows, [["1", "", ""], ["1", "2", "3"]])
    }
}

final class ResourceSnippetsTests: XCTestCase {
    func testSnippetsUseTheDownloadURLAndTheRightReader() {
        let csv = ResourceSnippets.snippets(for: ExportTestCatalog.csvResource, url: "https://data.example.gov.cn/data/jtt/bus-stops.csv")
        XCTAssertEqual(csv.map(\.language), ["curl", "python", "javascript"])
        XCTAssertEqual(csv[0].code, "curl -L -o 'bus-stops.csv' 'https://data.example.gov.cn/data/jtt/bus-stops.csv'")
        XCTAssertTrue(csv[1].code.contains("pd.read_csv(\"https://data.example.gov.cn/data/jtt/bus-stops.csv\")"))
        let api = ResourceSnippets.snippets(for: ExportTestCatalog.apiResource, url: "https://api.example.gov.cn/bus?city=x'y")
        XCTAssertEqual(api[0].code, "curl -L -o 'data.json' 'https://api.example.gov.cn/bus?city=x'\\''y'")
        XCTAssertTrue(api[2].code.contains("response.json()"))
    }

    /// Every quote is escaped, also one a combining mark follows (one
    /// character to Swift, still a quote to the shell and to Python).
    func testEveryQuoteIsEscapedEvenWithACombiningMark() {
        XCTAssertEqual(ResourceSnippets.shellQuote("a'\u{301}b"), #"'a'\''"# + "\u{301}b'")
        XCTAssertEqual(ResourceSnippets.pythonString("x\"\u{301}\\y"), #""x\""# + "\u{301}" + #"\\y""#)
        XCTAssertEqual(ResourceSnippets.pythonString("数据.csv"), #""数据.csv""#)
        XCTAssertEqual(#""中""#.replacingEvery("\"", with: #""""#), #"""中"""#)
        XCTAssertEqual("中\u{E000}文".replacingEvery("\u{E000}", with: "*"), "中*文")
    }
}
