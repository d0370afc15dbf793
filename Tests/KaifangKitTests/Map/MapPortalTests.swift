import XCTest
@testable import KaifangKit

/// Whole builds of a small portal: a GeoJSON resource gets a map with its
/// caption and table on the dataset page, the outline of site.yaml behind
/// it, and a broken file is a warning that publishes the site anyway.
final class MapPortalTests: XCTestCase {
    static let portal = PortalFixture.minimal.replacingOccurrences(of: "build:\n  page_size: 2", with: "build:\n  page_size: 2\nmap:\n  outline: data/outline.geojson")
        .replacingOccurrences(of: "-- Content/pages/about.md --", with: """
        -- Content/datasets/seats.md --
        ---
        id: 370000-JTT-000009
        title: 驻地位置
        organization: jtt
        themes: [transport]
        open_type: open
        issued: 2024-05-01
        resources:
          - name: 驻地点位
            format: GeoJSON
            path: jtt/seats.geojson
        ---
        各设区市人民政府驻地的点位，每个要素一个驻地，属性为名称和行政区划代码，坐标为 WGS-84 经纬度。
        -- Content/data/jtt/seats.geojson --
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"名称": "济南", "代码": "370100"}, "geometry": {"type": "Point", "coordinates": [117.1205, 36.651]}},
          {"type": "Feature", "properties": {"名称": "青岛", "代码": "370200"}, "geometry": {"type": "Point", "coordinates": [120.3826, 36.0671]}},
          {"type": "Feature", "properties": {"名称": "环线"}, "geometry": {"type": "LineString", "coordinates": [[117.0, 36.6], [117.2, 36.7]]}}
        ]}
        -- Content/data/outline.geojson --
        {"type": "Feature", "properties": {"name": "测试省"}, "geometry": {"type": "Polygon", "coordinates": [[[114.8, 34.4], [122.7, 34.4], [122.7, 38.3], [114.8, 34.4]]]}}
        -- Content/pages/about.md --
        """)

    func testADatasetPageShowsTheMapItsCaptionAndItsTable() throws {
        let portal = try PortalFixture(Self.portal)
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(PortalFixture.lines(report), [])
        let html = try portal.read("datasets/seats/index.html")
        XCTAssertTrue(html.contains("<figure class=\"map-figure\" id=\"map-1-figure\">"), html)
        XCTAssertTrue(html.contains("<svg class=\"map\" viewBox=\"0 0 640 "))
        XCTAssertTrue(html.contains("<title id=\"map-1-title\">驻地点位的地图</title>"))
        XCTAssertTrue(html.contains("范围为经度 117～120.3826、纬度 36.0671～36.7"), "the extent of the data, not of the outline")
        XCTAssertTrue(html.contains("共 3 个要素（线、点）"), "types in the order of their GeoJSON names")
        XCTAssertTrue(html.contains("浅灰色背景为测试省轮廓"))
        XCTAssertTrue(html.contains("class=\"map__outline\""))
        XCTAssertEqual(html.components(separatedBy: "<circle ").count - 1, 2)
        XCTAssertTrue(html.contains("<th scope=\"col\">名称</th><th scope=\"col\">代码</th>"))
        XCTAssertTrue(html.contains("<td>点</td><td>117.1205, 36.651</td><td>济南</td><td>370100</td>"))
        XCTAssertTrue(html.contains("<td>线</td><td>117～117.2, 36.6～36.7</td><td>环线</td><td></td>"))
        XCTAssertTrue(html.contains("（共 3 个）"))
        // The CSV of the same portal has a longitude but no latitude: no map.
        XCTAssertFalse(try portal.read("datasets/bus-stops/index.html").contains("map-figure"))
        XCTAssertFalse(portal.outputFiles().contains("data/outline.geojson"), "the outline is a background, not a published file")
    }

    func testAMalformedGeoJSONFileIsAWarningAndTheSiteIsStillBuilt() throws {
        let broken = Self.portal.replacingOccurrences(of: "[120.3826, 36.0671]}},", with: "[120.3826, 36.0671]}}")
        let portal = try PortalFixture(broken)
        let report = portal.build()
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/data/jtt/seats.geojson:4:3: warning: the GeoJSON file is not valid JSON: \(try XCTUnwrap(report.diagnostics.first?.message.components(separatedBy: "JSON: ").last?.components(separatedBy: ";").first)); no map is drawn for it",
        ])
        XCTAssertEqual(report.diagnostics.map(\.code), ["map.geojson-syntax"])
        let html = try portal.read("datasets/seats/index.html")
        XCTAssertFalse(html.contains("map-figure"))
        XCTAssertTrue(html.contains("驻地点位"), "the resource is still listed and downloadable")
        XCTAssertTrue(portal.exists("data/jtt/seats.geojson"))
        var strict = portal.options
        strict.strict = true
        XCTAssertFalse(Build.check(strict).report.succeeded, "--strict makes the warning stop the build")
    }

    func testAnOutlineOutsideContentIsAnErrorLikeAnyContentPath() throws {
        let portal = try PortalFixture(Self.portal.replacingOccurrences(of: "outline: data/outline.geojson", with: "outline: ../outline.geojson"))
        let report = portal.check()
        XCTAssertFalse(report.succeeded)
        XCTAssertTrue(PortalFixture.lines(report).contains { $0.hasPrefix("Content/site.yaml:") && $0.hasSuffix("error: path \"../outline.geojson\" leaves Content/") },
                      PortalFixture.lines(report).joined(separator: "\n"))
        let missing = try PortalFixture(Self.portal.replacingOccurrences(of: "outline: data/outline.geojson", with: "outline: data/none.geojson"))
        XCTAssertEqual(missing.check().diagnostics.filter { $0.severity == .error }.map(\.code), ["map.outline"])
    }

    func testTheSamplePortalDrawsMapsForItsGeoJSONAndCoordinateColumns() throws {
        let root = PortalFixture.repositoryRoot
        var options = BuildOptions.project(at: root, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2026, month: 11, day: 29)
        let checked = Build.check(options)
        let catalog = try XCTUnwrap(checked.catalog)
        XCTAssertNotNil(catalog.mapOutline)
        let seats = try XCTUnwrap(catalog.datasets.first { $0.slug == "city-government-seats" })
        XCTAssertEqual(seats.resources[0].map?.featureCount, 16)
        let stops = try XCTUnwrap(catalog.datasets.first { $0.slug == "bus-routes-jinan" }?.resources.first { $0.map != nil })
        XCTAssertEqual(stops.map?.pointColumns, PointColumns(lon: "经度", lat: "纬度"))
        XCTAssertFalse(checked.report.diagnostics.contains { $0.code.hasPrefix("map.") || $0.code.hasPrefix("view.") },
                       "\(checked.report.diagnostics.filter { $0.code.hasPrefix("map.") || $0.code.hasPrefix("view.") })")
    }
}
