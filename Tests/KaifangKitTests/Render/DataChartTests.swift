import XCTest
@testable import KaifangKit

final class DataChartTests: XCTestCase {
    func testOneRowPerPeriodIsALineOfUpToThreeMeasuresOldestFirst() throws {
        let chart = try XCTUnwrap(DataChart.make(
            header: ["统计月份", "地区", "总指数", "食品", "衣着", "居住", "行政区划代码"],
            rows: [["2024-10", "山东省", "99.9", "98.4", "100.5", "100.5", "370000"],
                   ["2024-09", "山东省", "100.1", "102.0", "100.4", "99.8", "370000"],
                   ["2024-11", "山东省", "100.3", "99.0", "100.1", "100.0", "370000"]]))
        XCTAssertEqual(chart.kind, .line)
        XCTAssertEqual(chart.labels, ["2024-09", "2024-10", "2024-11"])
        XCTAssertEqual(chart.series.map(\.name), ["总指数", "食品", "衣着"])
        XCTAssertEqual(chart.series[0].values, [100.1, 99.9, 100.3])
    }

    func testSeveralRowsPerPeriodGiveBarsOfTheLatestPeriodByCategory() throws {
        let chart = try XCTUnwrap(DataChart.make(
            header: ["年份", "地区", "行政区划代码", "年末常住人口"],
            rows: [["2024", "济南市", "370100", "943.70"], ["2024", "青岛市", "370200", "1037.20"],
                   ["2025", "济南市", "370100", "950.10"], ["2025", "青岛市", "370200", "1044.00"]]))
        XCTAssertEqual(chart.kind, .bar)
        XCTAssertEqual(chart.period, "2025")
        XCTAssertEqual(chart.labels, ["济南市", "青岛市"])
        XCTAssertEqual(chart.series.map(\.name), ["年末常住人口"], "codes are not measures")
        XCTAssertEqual(chart.series[0].values, [950.1, 1044])
    }

    func testNoChartWithoutAMeasureOrWithTooFewRows() {
        XCTAssertNil(DataChart.make(header: ["名称", "地址"], rows: [["甲", "一路"], ["乙", "二路"]]))
        XCTAssertNil(DataChart.make(header: ["年份", "人数"], rows: [["2024", "3"]]))
        XCTAssertNil(DataChart.make(header: ["站点名称", "经度", "纬度"], rows: [["甲", "117.1", "36.6"], ["乙", "117.2", "36.7"]]),
                     "coordinates are a map's, not a chart's")
    }

    func testTheSVGHasATitleADescriptionAndEveryValue() throws {
        let chart = try XCTUnwrap(DataChart.make(header: ["年份", "总量", "增量"],
                                                 rows: [["2022", "10", "1"], ["2023", "12", "2"], ["2024", "15.5", "3.5"]]))
        let view = chart.view(number: 2) { key in ["chart.line_title": "{y}（按{x}）", "chart.series": "{name}:{first}-{last}",
                                                     "chart.see_table": "见表。", "text.list_separator": "、",
                                                     "text.clause_separator": "；", "text.sentence_end": "。"][key] ?? key }
        let svg = try XCTUnwrap(view["chart_svg"]?.string)
        XCTAssertTrue(svg.contains("<title id=\"chart-2-title\">总量、增量（按年份）</title>"), svg)
        XCTAssertTrue(svg.contains("<desc id=\"chart-2-desc\">总量:10-15.5；增量:1-3.5。见表。</desc>"), svg)
        XCTAssertEqual(svg.components(separatedBy: "data-value=").count - 1, 6)
        XCTAssertEqual(view["chart_rows"]?.list?.count, 3)
        XCTAssertFalse(svg.contains("href"), "a chart links nothing: no request leaves the page")
    }
}
