import XCTest
@testable import KaifangKit

/// GeoJSON and CSV points into map layers: every geometry type, problems as
/// warnings at their line and column, and the bounds on work.
final class GeoJSONReaderTests: XCTestCase {
    func read(_ text: String, limits: MapLimits = MapLimits()) -> (MapLayer?, [Diagnostic]) {
        GeoJSONReader.read(Data(text.utf8), file: "Content/data/x.geojson", limits: limits)
    }

    func testEveryGeometryTypeIsFlattenedIntoShapes() throws {
        let (layer, diagnostics) = read("""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {"名称": "甲", "n": 3}, "geometry": {"type": "Point", "coordinates": [117, 36.5, 20]}},
          {"type": "Feature", "properties": null, "geometry": {"type": "MultiPoint", "coordinates": [[117, 36], [118, 37]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[116, 35], [117, 36]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": [[[116, 35], [117, 36]], [[118, 35], [119, 36]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[116, 35], [117, 35], [117, 36], [116, 35]], [[116.2, 35.1], [116.5, 35.1], [116.5, 35.3], [116.2, 35.1]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[120, 36], [121, 36], [121, 37], [120, 36]]]]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [115, 34]}, {"type": "LineString", "coordinates": [[115, 34], [115.5, 34.5]]}]}},
          {"type": "Feature", "properties": {"名称": "无几何"}, "geometry": null}
        ]}
        """)
        XCTAssertEqual(diagnostics.map(\.message), [], "a feature with null geometry is valid GeoJSON")
        let map = try XCTUnwrap(layer)
        XCTAssertEqual(map.featureCount, 7)
        XCTAssertEqual(map.geometryTypes, ["GeometryCollection", "LineString", "MultiLineString", "MultiPoint", "MultiPolygon", "Point", "Polygon"])
        XCTAssertEqual(map.drawn[0].shapes, [.point(MapCoordinate(lon: 117, lat: 36.5))], "an altitude is ignored")
        XCTAssertEqual(map.tabled[0].properties, [MapProperty(name: "名称", value: "甲"), MapProperty(name: "n", value: "3")])
        XCTAssertEqual(map.drawn[0].properties, [], "only the table needs properties")
        XCTAssertEqual(map.drawn[1].shapes.count, 2)
        XCTAssertEqual(map.drawn[3].shapes.count, 2)
        guard case .polygon(let rings) = map.drawn[4].shapes[0] else { return XCTFail("a polygon") }
        XCTAssertEqual(rings.count, 2, "the hole is kept")
        XCTAssertEqual(map.drawn[6].shapes.count, 2)
        XCTAssertEqual(map.extent, MapExtent(minLon: 115, maxLon: 121, minLat: 34, maxLat: 37))
    }

    func testABareGeometryOrOneFeatureIsAMapToo() throws {
        XCTAssertEqual(read(#"{"type": "Point", "coordinates": [117.1, 36.6]}"#).0?.featureCount, 1)
        XCTAssertEqual(read(#"{"type": "Feature", "properties": {"a": 1}, "geometry": {"type": "Point", "coordinates": [117.1, 36.6]}}"#).0?.propertyNames, ["a"])
    }

    func testInvalidJSONIsAWarningAtItsLineAndColumnNotACrash() {
        let (layer, diagnostics) = read("{\"type\": \"FeatureCollection\",\n  \"features\": [\n    {\"type\": \"Feature\" \"geometry\": null}\n  ]\n}")
        XCTAssertNil(layer)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].severity, .warning)
        XCTAssertEqual(diagnostics[0].code, "map.geojson-syntax")
        XCTAssertEqual(diagnostics[0].location.line, 3)
        XCTAssertEqual(diagnostics[0].location.column, 24)
        XCTAssertNotNil(diagnostics[0].hint)
    }

    func testAMinifiedFileOfOneLongLineIsReadInLinearTimeWithRightColumns() throws {
        // Minified GeoJSON is one line; counting each value's column from the line's start was quadratic.
        let points = (0..<40_000).map { #"{"type":"Feature","properties":{"名":"点\#($0)"},"geometry":{"type":"Point","coordinates":[117.\#($0),36.5]}}"# }
        let text = #"{"type":"FeatureCollection","features":["# + points.joined(separator: ",") + "]x"
        let started = Date()
        let (layer, diagnostics) = read(text)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "\(text.utf8.count) bytes on one line")
        XCTAssertNil(layer)
        XCTAssertEqual(diagnostics.first?.location.line, 1)
        XCTAssertEqual(diagnostics.first?.location.column, text.unicodeScalars.count - 1 + 1, "the stray x, counted in characters")
    }

    func testTruncatedAndHostileFilesOnlyWarn() {
        for text in ["", "[", "{\"type\": \"FeatureCollection\", \"features\": [", String(repeating: "[", count: 5_000), "null", "42",
                     #"{"type": "FeatureCollection", "features": {}}"#, #"{"type": "Point", "coordinates": "117,36"}"#,
                     #"{"type": "Polygon", "coordinates": [[[1, 2]]]}"#] {
            let (layer, diagnostics) = read(text)
            XCTAssertNil(layer, text)
            XCTAssertFalse(diagnostics.isEmpty, text)
            XCTAssertTrue(diagnostics.allSatisfy { $0.severity == .warning }, text)
        }
    }

    func testAnUnknownGeometryLeavesOnlyThatFeatureOutAndSaysWhere() throws {
        let (layer, diagnostics) = read("""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [117, 36]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Circle", "coordinates": [117, 36]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": ["117", 36]}}
        ]}
        """)
        XCTAssertEqual(try XCTUnwrap(layer).featureCount, 1)
        XCTAssertEqual(diagnostics.map(\.code), ["map.geojson-shape"])
        XCTAssertEqual(diagnostics[0].location.line, 3)
        XCTAssertTrue(diagnostics[0].message.contains("\"Circle\"") && diagnostics[0].message.contains("2 features"), diagnostics[0].message)
    }

    func testCoordinatesOffTheGlobeAreWarnedAboutAndLeftOut() throws {
        let (layer, diagnostics) = read("""
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [117, 36]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [36.6, 117.1]}},
          {"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [[116, 35], [500000, 4000000], [117, 36]]}}
        ]}
        """)
        let map = try XCTUnwrap(layer)
        XCTAssertEqual(map.featureCount, 2, "the swapped point is left out; the line keeps its valid points")
        XCTAssertEqual(map.coordinatesOutOfRange, 2)
        XCTAssertEqual(map.extent, MapExtent(minLon: 116, maxLon: 117, minLat: 35, maxLat: 36))
        XCTAssertEqual(diagnostics.map(\.code), ["map.coordinate-range"])
        XCTAssertEqual(diagnostics[0].location.line, 3)
        XCTAssertTrue(diagnostics[0].message.contains("[36.6, 117.1]"), diagnostics[0].message)
    }

    func testManyFeaturesAreSampledEveryKthAndLongLinesThinned() throws {
        let points = (0..<2_500).map { #"{"type": "Feature", "properties": {"i": \#($0)}, "geometry": {"type": "Point", "coordinates": [\#(100 + Double($0) / 100), 30]}}"# }
        let line = #"{"type": "Feature", "properties": {}, "geometry": {"type": "LineString", "coordinates": [\#((0..<30_000).map { "[\(100 + Double($0) / 1000), 31]" }.joined(separator: ","))]}}"#
        var limits = MapLimits()
        limits.drawnFeatures = 1_000
        let (layer, _) = read(#"{"type": "FeatureCollection", "features": [\#(([line] + points).joined(separator: ","))]}"#, limits: limits)
        let map = try XCTUnwrap(layer)
        XCTAssertEqual(map.featureCount, 2_501)
        XCTAssertEqual(map.sampleStep, 3)
        XCTAssertEqual(map.drawn.count, 834)
        XCTAssertEqual(map.drawn[1].shapes, [.point(MapCoordinate(lon: 100.02, lat: 30))], "every third feature, from the first")
        XCTAssertTrue(map.verticesThinned)
        let drawnVertices = map.drawn.reduce(0) { $0 + $1.shapes.reduce(0) { $0 + $1.coordinates.count } }
        XCTAssertLessThanOrEqual(drawnVertices, limits.drawnVertices + 1_000)
        guard case .line(let thinned) = map.drawn[0].shapes[0] else { return XCTFail("a line") }
        XCTAssertEqual(thinned.last, MapCoordinate(lon: 129.999, lat: 31), "the end of a line is kept")
        XCTAssertEqual(map.tabled.count, limits.tableRows)
        XCTAssertEqual(map.extent.maxLon, 129.999, "the extent is of every feature, not the sample")
    }

    func testAFileOverTheMapLimitIsNotReadAndSaysSo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-map-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("big.geojson")
        try Data(#"{"type": "Point", "coordinates": [117, 36]}"#.utf8 + [UInt8](repeating: 0x20, count: 2_048)).write(to: file)
        var limits = ContentLimits()
        limits.mapBytes = 1_024
        var resource = Resource(name: "大", format: "GeoJSON", location: .path("big.geojson"), schema: [])
        resource.file = LocalFile(byteSize: 2_100, sha256: "", scanned: true)
        XCTAssertTrue(ResourceMaps.wantsMap(resource))
        let (layer, diagnostics) = ResourceMaps(contentLimits: limits).read(resource, file: file, display: "Content/data/big.geojson")
        XCTAssertNil(layer)
        XCTAssertEqual(diagnostics.map(\.code), ["map.too-large"])
        XCTAssertEqual(diagnostics.first?.severity, .note)
        limits.mapBytes = 4_096
        XCTAssertEqual(ResourceMaps(contentLimits: limits).read(resource, file: file, display: "x").0?.featureCount, 1)
    }

    func testOnlyAScannedHostedFileGetsAMapAndViewsDecide() {
        var resource = Resource(name: "点", format: "CSV", location: .path("a.csv"), schema: [])
        XCTAssertFalse(ResourceMaps.wantsMap(resource), "not read whole by the privacy scan")
        resource.file = LocalFile(byteSize: 1, sha256: "", scanned: true)
        XCTAssertTrue(ResourceMaps.wantsMap(resource))
        let here = SourceLocation(file: "x")
        resource.views = [ResourceView(kind: .line, x: "年", y: ["量"], location: here)]
        XCTAssertFalse(ResourceMaps.wantsMap(resource), "views replace the automatic choice")
        resource.views.append(ResourceView(kind: .map, y: [], location: here))
        XCTAssertTrue(ResourceMaps.wantsMap(resource))
        resource.format = "PDF"
        XCTAssertFalse(ResourceMaps.wantsMap(resource))
    }
}

final class PointTableReaderTests: XCTestCase {
    func testNamedColumnsAreFoundAndXYOnlyWhenClearlyDegrees() {
        XCTAssertEqual(PointTableReader.detect(header: ["名称", "经度（WGS84）", "纬度（WGS84）"], rows: []),
                       PointColumns(lon: "经度（WGS84）", lat: "纬度（WGS84）"))
        XCTAssertEqual(PointTableReader.detect(header: ["name", "Longitude", "Latitude"], rows: []), PointColumns(lon: "Longitude", lat: "Latitude"))
        XCTAssertEqual(PointTableReader.detect(header: ["name", "lng", "lat"], rows: []), PointColumns(lon: "lng", lat: "lat"))
        XCTAssertNil(PointTableReader.detect(header: ["名称", "经度"], rows: []), "a longitude alone is no point")
        XCTAssertEqual(PointTableReader.detect(header: ["id", "x", "y"], rows: [["1", "117.0239", "36.6613"], ["2", "117.1000", "36.7000"]]),
                       PointColumns(lon: "x", lat: "y"))
        XCTAssertNil(PointTableReader.detect(header: ["id", "x", "y"], rows: [["1", "12", "40"], ["2", "13", "41"]]), "grid cells, not degrees")
        XCTAssertNil(PointTableReader.detect(header: ["id", "x", "y"], rows: [["1", "512345.1234", "4056789.1234"], ["2", "512346.1234", "4056790.1234"]]),
                     "projected metres")
        XCTAssertNil(PointTableReader.detect(header: ["id", "x", "y"], rows: [["1", "117.0239", "36.6613"]]), "one row proves nothing")
    }

    func testRowsBecomePointsWithTheirOtherCellsAndBadRowsAreWarnedAbout() throws {
        let csv = "站点,经度,纬度\n甲,117.0239,36.6613\n乙,,\n丙,36.66,117.02\n丁,东经117度,36.6\n戊,117.1,36.7\n"
        let (layer, diagnostics) = PointTableReader.read(Data(csv.utf8), file: "Content/data/s.csv", separator: ",", columns: nil, limits: MapLimits())
        let map = try XCTUnwrap(layer)
        XCTAssertEqual(map.featureCount, 2)
        XCTAssertEqual(map.pointColumns, PointColumns(lon: "经度", lat: "纬度"))
        XCTAssertEqual(map.tabled.map(\.properties), [[MapProperty(name: "站点", value: "甲")], [MapProperty(name: "站点", value: "戊")]])
        XCTAssertEqual(diagnostics.map(\.code), ["map.coordinate-value", "map.coordinate-range"])
        XCTAssertEqual(diagnostics.map(\.location.description), ["Content/data/s.csv:5:3", "Content/data/s.csv:4:3"])
    }

    func testAFileWithoutCoordinatesHasNoMapAndNoWarning() {
        let (layer, diagnostics) = PointTableReader.read(Data("年份,人数\n2024,3\n".utf8), file: "x", separator: ",", columns: nil, limits: MapLimits())
        XCTAssertNil(layer)
        XCTAssertTrue(diagnostics.isEmpty)
    }
}

extension GeoJSONReaderTests {
    func testATableWithoutCoordinatesIsNotReadWholeForAMap() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-map-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("counts.csv")
        // Larger than the map limit: a file that were read whole would get the too-large note.
        try Data(("年份,人数\n" + String(repeating: "2024,3\n", count: 400)).utf8).write(to: file)
        var limits = ContentLimits()
        limits.mapBytes = 1_024
        var resource = Resource(name: "人数", format: "CSV", location: .path("counts.csv"), schema: [])
        resource.file = LocalFile(byteSize: 2_800, sha256: "", scanned: true)
        let (layer, diagnostics) = ResourceMaps(contentLimits: limits).read(resource, file: file, display: "x")
        XCTAssertNil(layer)
        XCTAssertEqual(diagnostics.map(\.code), [], "no note about a map nobody would have drawn")
        try Data(("站点,经度,纬度\n" + String(repeating: "甲,117.1,36.6\n", count: 100)).utf8).write(to: file)
        XCTAssertEqual(ResourceMaps(contentLimits: limits).read(resource, file: file, display: "x").1.map(\.code), ["map.too-large"])
    }
}
