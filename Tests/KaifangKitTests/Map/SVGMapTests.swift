import XCTest
@testable import KaifangKit

/// The projection fitted to the extent, and the SVG and caption of a map.
final class SVGMapTests: XCTestCase {
    static let labels: [String: String] = [
        "map.title": "{name}的地图", "map.extent": "经度 {min_lon}～{max_lon}、纬度 {min_lat}～{max_lat}",
        "map.features": "{n} 个要素（{types}）", "map.sampled": "每 {step} 个画 1 个，共 {drawn} 个", "map.left_out": "{n} 个坐标未画出",
        "map.outline": "背景为{name}", "map.see_table": "见表。", "map.showing": "显示 {n} 个，共 {m} 个", "map.all": "共 {n} 个",
        "map.type.point": "点", "map.type.polygon": "面", "map.geometry": "几何类型", "map.position": "位置", "map.table_caption": "{name}的要素",
        "map.point_columns": "取自{lon}/{lat}",
        "text.list_separator": "、", "text.clause_separator": "；", "text.sentence_end": "。", "text.range": "～",
    ]
    func label(_ key: String) -> String { Self.labels[key] ?? key }

    func testTheProjectionFitsTheExtentInsideTheFrameNorthUp() {
        let extent = MapExtent(minLon: 115, maxLon: 123, minLat: 34, maxLat: 38)
        let projection = MapProjection(fitting: extent)
        let northWest = projection.project(MapCoordinate(lon: 115, lat: 38)), southEast = projection.project(MapCoordinate(lon: 123, lat: 34))
        XCTAssertLessThan(northWest.y, southEast.y, "north is up")
        XCTAssertLessThan(northWest.x, southEast.x)
        for point in [northWest, southEast] {
            XCTAssertGreaterThanOrEqual(point.x, MapProjection.padding - 0.001)
            XCTAssertLessThanOrEqual(point.x, MapProjection.width - MapProjection.padding + 0.001)
            XCTAssertGreaterThanOrEqual(point.y, MapProjection.padding - 0.001)
            XCTAssertLessThanOrEqual(point.y, projection.height - MapProjection.padding + 0.001)
        }
        // A degree of longitude at 36° N is cos(36°) of a degree of latitude.
        let east = projection.project(MapCoordinate(lon: 116, lat: 36)).x - projection.project(MapCoordinate(lon: 115, lat: 36)).x
        let north = projection.project(MapCoordinate(lon: 115, lat: 35)).y - projection.project(MapCoordinate(lon: 115, lat: 36)).y
        XCTAssertEqual(east / north, cos(36 * Double.pi / 180), accuracy: 0.001)
    }

    func testOnePointIsCentredAndTallOrFlatExtentsStayInBounds() {
        let single = MapProjection(fitting: MapExtent(MapCoordinate(lon: 117, lat: 36)))
        let centre = single.project(MapCoordinate(lon: 117, lat: 36))
        XCTAssertEqual(centre.x, MapProjection.width / 2, accuracy: 0.01)
        XCTAssertEqual(centre.y, single.height / 2, accuracy: 0.01)
        XCTAssertEqual(MapProjection(fitting: MapExtent(minLon: 117, maxLon: 117.001, minLat: 30, maxLat: 40)).height, MapProjection.maxHeight)
        XCTAssertEqual(MapProjection(fitting: MapExtent(minLon: 100, maxLon: 130, minLat: 36, maxLat: 36.001)).height, MapProjection.minHeight)
    }

    func layer(_ features: [MapFeature]) throws -> MapLayer {
        try XCTUnwrap(MapLayer.make(features, outOfRange: 0, limits: MapLimits()))
    }

    func testTheSVGDrawsPointsAsCirclesAndAreasAsPathsWithOneDecimal() throws {
        let area = MapFeature(geometryType: "Polygon", shapes: [.polygon([[MapCoordinate(lon: 116, lat: 35), MapCoordinate(lon: 117, lat: 35),
                                                                            MapCoordinate(lon: 117, lat: 36), MapCoordinate(lon: 116, lat: 35)]])],
                              properties: [MapProperty(name: "名称", value: "区<一>")])
        let point = MapFeature(geometryType: "Point", shapes: [.point(MapCoordinate(lon: 116.5, lat: 35.5))], properties: [])
        let map = SVGMap(layer: try layer([area, point]), outline: nil)
        let svg = map.svg(id: "map-1", title: "标题", description: "描述")
        XCTAssertTrue(svg.hasPrefix("<svg class=\"map\" viewBox=\"0 0 640 "), svg)
        XCTAssertTrue(svg.contains("role=\"img\" aria-labelledby=\"map-1-title map-1-desc\""))
        XCTAssertTrue(svg.contains("<title id=\"map-1-title\">标题</title><desc id=\"map-1-desc\">描述</desc>"))
        XCTAssertEqual(svg.components(separatedBy: "<circle ").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "<path ").count - 1, 1)
        let numbers = try NSRegularExpression(pattern: #"(?:cx="|cy="|[ML ])(-?\d+\.\d+)"#).matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
        XCTAssertFalse(numbers.isEmpty)
        for match in numbers {
            let number = String(svg[Range(match.range(at: 1), in: svg)!])
            XCTAssertEqual(number.split(separator: ".")[1].count, 1, "\(number) has one decimal")
        }
        XCTAssertFalse(svg.contains("href"), "a map links nothing: no request leaves the page")
        XCTAssertEqual(svg, SVGMap(layer: try layer([area, point]), outline: nil).svg(id: "map-1", title: "标题", description: "描述"), "deterministic")
    }

    func testTheOutlineIsDrawnFirstAndWidensTheExtent() throws {
        let outline = try layer([MapFeature(geometryType: "Polygon", shapes: [.polygon([[MapCoordinate(lon: 114, lat: 34), MapCoordinate(lon: 123, lat: 34),
                                                                                        MapCoordinate(lon: 123, lat: 38), MapCoordinate(lon: 114, lat: 34)]])], properties: [])])
        let points = try layer([MapFeature(geometryType: "Point", shapes: [.point(MapCoordinate(lon: 117, lat: 36))], properties: [])])
        let map = SVGMap(layer: points, outline: outline)
        XCTAssertEqual(map.extent, MapExtent(minLon: 114, maxLon: 123, minLat: 34, maxLat: 38))
        let svg = map.svg(id: "m", title: "t", description: "d")
        let outlineAt = try XCTUnwrap(svg.range(of: "map__outline")).lowerBound, pointsAt = try XCTUnwrap(svg.range(of: "map__points")).lowerBound
        XCTAssertLessThan(outlineAt, pointsAt, "the outline is the background")
    }

    func testTheCaptionGivesExtentCountTypesSamplingAndTheTableSaysShowingNOfM() throws {
        var limits = MapLimits()
        limits.drawnFeatures = 10
        limits.tableRows = 3
        let features = (0..<25).map { MapFeature(geometryType: "Point", shapes: [.point(MapCoordinate(lon: 117 + Double($0) / 10, lat: 36))],
                                                 properties: [MapProperty(name: "序号", value: String($0))]) }
        var layer = try XCTUnwrap(MapLayer.make(features, outOfRange: 4, limits: limits, pointColumns: PointColumns(lon: "经度", lat: "纬度")))
        let view = SVGMap(layer: layer, outline: nil).view(id: "map-2", resourceName: "站点", title: nil, description: nil, outlineName: nil, label: label)
        let caption = try XCTUnwrap(view["map_caption"]?.string)
        XCTAssertEqual(caption, "经度 117～119.4、纬度 36～36；25 个要素（点）；取自经度/纬度；每 3 个画 1 个，共 9 个；4 个坐标未画出。")
        XCTAssertEqual(view["map_title"]?.string, "站点的地图")
        XCTAssertTrue(try XCTUnwrap(view["map_svg"]?.string).contains("<desc id=\"map-2-desc\">\(caption)见表。</desc>"))
        XCTAssertEqual(view["map_table_note"]?.string, "显示 3 个，共 25 个")
        XCTAssertEqual(view["map_rows"]?.list?.count, 3)
        XCTAssertEqual(view["map_header"]?.list?.count, 3, "type, position and the one property")
        layer.tabled = layer.tabled.prefix(3).map { $0 }
        layer.featureCount = 3
        let all = SVGMap(layer: layer, outline: nil).view(id: "m", resourceName: "站点", title: "自定", description: "说明", outlineName: nil, label: label)
        XCTAssertEqual(all["map_table_note"]?.string, "共 3 个")
        XCTAssertEqual(all["map_title"]?.string, "自定")
        XCTAssertTrue(try XCTUnwrap(all["map_svg"]?.string).contains("<desc id=\"m-desc\">说明 "))
    }
}
