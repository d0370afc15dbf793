import XCTest
@testable import KaifangKit

/// `views:` on a resource: checked against the file's header with the
/// columns in the hint, and drawn in place of the automatic choice.
final class ResourceViewTests: XCTestCase {
    static func portal(views: String, csv: String = "月份,客运量,货运量\n2025-01,120,30\n2025-02,135,32\n2025-03,128,35\n") -> String {
        PortalFixture.minimal.replacingOccurrences(of: "-- Content/pages/about.md --", with: """
        -- Content/datasets/flow.md --
        ---
        id: 370000-JTT-000010
        title: 月度客流
        organization: jtt
        themes: [transport]
        open_type: open
        issued: 2024-05-01
        resources:
          - name: 月度客流
            path: jtt/flow.csv
            views:
        \(views.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        ---
        全省每月的公路客运量和货运量，单位为万人次和万吨，由交通运输厅综合规划处按月汇总发布，供研究出行规律使用。
        -- Content/data/jtt/flow.csv --
        \(csv)
        -- Content/pages/about.md --
        """)
    }

    func testALineViewDrawsTheNamedColumnsWithItsTitle() throws {
        let portal = try PortalFixture(Self.portal(views: "- type: line\n  x: 月份\n  y: [客运量]\n  title: 月度客运量\n  description: 春节后回升。"))
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [])
        let html = try portal.read("datasets/flow/index.html")
        XCTAssertTrue(html.contains("<title id=\"chart-1-title\">月度客运量</title>"), html)
        XCTAssertTrue(html.contains("<desc id=\"chart-1-desc\">春节后回升。 客运量"))
        XCTAssertEqual(html.components(separatedBy: "data-value=").count - 1, 3, "only 客运量, not the automatic three-measure line")
        XCTAssertTrue(html.contains("<figcaption>月度客运量 春节后回升。"))
    }

    func testNoneTurnsOffTheAutomaticChartAndThePreview() throws {
        let automatic = try PortalFixture(Self.portal(views: "- type: table"))
        XCTAssertEqual(PortalFixture.lines(automatic.build()), [])
        let table = try automatic.read("datasets/flow/index.html")
        XCTAssertFalse(table.contains("data-chart"), "views replace the automatic chart")
        XCTAssertTrue(table.contains("preview-table"))
        let none = try PortalFixture(Self.portal(views: "- type: none"))
        XCTAssertEqual(PortalFixture.lines(none.build()), [])
        let html = try none.read("datasets/flow/index.html")
        XCTAssertFalse(html.contains("data-chart"))
        XCTAssertFalse(html.contains("preview-table"))
        let without = try PortalFixture(Self.portal(views: "[]"))
        _ = without.build()
        XCTAssertTrue(try without.read("datasets/flow/index.html").contains("data-chart"), "without views the chart is automatic")
    }

    func testAMapViewUsesXAndYAsLongitudeAndLatitude() throws {
        let csv = "站名,东经,北纬\n甲,117.0239,36.6613\n乙,117.1000,36.7000\n"
        let portal = try PortalFixture(Self.portal(views: "- type: map\n  x: 东经\n  y: 北纬\n  title: 站点分布", csv: csv))
        XCTAssertEqual(PortalFixture.lines(portal.build()), [])
        let html = try portal.read("datasets/flow/index.html")
        XCTAssertTrue(html.contains("<title id=\"map-1-title\">站点分布</title>"), html)
        XCTAssertTrue(html.contains("点位取自“东经”“北纬”两列"))
        XCTAssertEqual(html.components(separatedBy: "<circle ").count - 1, 2)
    }

    func testUnknownTypesAndColumnsAreErrorsThatListTheColumns() throws {
        let portal = try PortalFixture(Self.portal(views: "- type: pie\n- type: line\n  x: 月\n  y: [客运量, 客流量]\n- type: bar\n  x: 月份"))
        let report = portal.check()
        XCTAssertFalse(report.succeeded)
        let found = report.diagnostics.filter { $0.code.hasPrefix("view.") }
        // Sorted by position: the x and y of the line view come before the bar view's missing y.
        XCTAssertEqual(found.map(\.code), ["view.type", "view.column", "view.column", "view.y"])
        XCTAssertEqual(found[0].message, "view type \"pie\" is unknown")
        XCTAssertEqual(found[0].hint, "allowed: line | bar | map | table | none")
        XCTAssertEqual(found[0].location.line, 12)
        XCTAssertEqual(found[1].message, "x column \"月\" of the line view is not in the file's header")
        XCTAssertEqual(found[1].hint, "did you mean \"月份\"? the columns are: \"月份\", \"客运量\", \"货运量\"")
        XCTAssertEqual(found[2].message, "y column \"客流量\" of the line view is not in the file's header")
        XCTAssertEqual(found[3].message, "a bar view has no y")
    }

    func testViewsThatCannotDrawTheirResourceAreErrors() throws {
        let link = try PortalFixture(Self.portal(views: "- type: line\n  x: 月份\n  y: [客运量]")
            .replacingOccurrences(of: "path: jtt/flow.csv", with: "url: https://files.example.gov.cn/flow.csv"))
        XCTAssertEqual(link.check().diagnostics.filter { $0.code.hasPrefix("view.") }.map(\.message),
                       ["a line view draws a file under Content/data/, but this resource is a link"])
        let combined = try PortalFixture(Self.portal(views: "- type: none\n- type: table"))
        XCTAssertEqual(combined.check().diagnostics.filter { $0.code.hasPrefix("view.") }.map(\.message),
                       ["view type none cannot be combined with other views"])
        let noCoordinates = try PortalFixture(Self.portal(views: "- type: map"))
        XCTAssertEqual(noCoordinates.check().diagnostics.filter { $0.code.hasPrefix("view.") }.map(\.code), ["view.x"])
    }

    func testAViewWhoseColumnsHoldNoNumbersIsAWarning() throws {
        let portal = try PortalFixture(Self.portal(views: "- type: bar\n  x: 客运量\n  y: [月份]"))
        let report = portal.build()
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(report.diagnostics.filter { $0.code.hasPrefix("view.") }.map(\.message),
                       ["the bar view draws nothing: fewer than two rows have numbers in 月份"])
        XCTAssertFalse(try portal.read("datasets/flow/index.html").contains("data-chart"))
    }

    func testDecodingChecksTheFieldsEachKindTakes() throws {
        func decode(_ yaml: String) throws -> (views: [ResourceView], codes: [String]) {
            let node = try YAMLReader.parse(yaml, file: "views.yaml").get()
            var diagnostics = Diagnostics()
            let views = ResourceViewDecoder.decode(node, into: &diagnostics)
            return (views, diagnostics.all.map(\.code))
        }
        XCTAssertEqual(try decode("- type: line\n  x: a\n  y: b").views.first?.y, ["b"], "one y may be written without brackets")
        XCTAssertEqual(try decode("- type: Line\n  x: a\n  y: [b, c, d]").codes, [])
        XCTAssertEqual(try decode("- type: line\n  x: a\n  y: [b, c, d, e]").codes, ["view.y"])
        XCTAssertEqual(try decode("- type: bar\n  x: a\n  y: [b, c]").codes, ["view.y"])
        XCTAssertEqual(try decode("- type: line\n  y: [b]").codes, ["view.x"])
        XCTAssertEqual(try decode("- type: map\n  x: a").codes, ["view.x"])
        XCTAssertEqual(try decode("- type: table\n  x: a").codes, ["view.x"])
        XCTAssertEqual(try decode("- type: map\n- type: map").codes, ["view.type"])
        XCTAssertEqual(try decode("- type: line\n  x: a\n  y: b\n  colour: red").codes, ["view.unknown-field"])
        XCTAssertEqual(try decode("type: line").codes, ["view.shape"])
        XCTAssertEqual(try decode("- line").codes, ["view.shape"])
    }
}
