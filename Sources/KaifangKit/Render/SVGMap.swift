import Foundation

/// Fits lon/lat to the SVG's units: equirectangular, with longitude
/// shortened by the cosine of the middle latitude so a province keeps its
/// shape (at a province's size the difference from Web-Mercator is a few
/// percent, and no tile has to line up with it).
struct MapProjection: Equatable {
    static let width = 640.0
    static let padding = 12.0
    static let minHeight = 240.0
    static let maxHeight = 640.0

    var west: Double
    var north: Double
    var scale: Double
    var lonFactor: Double
    var height: Double
    var offsetX: Double
    var offsetY: Double

    init(fitting extent: MapExtent) {
        var extent = extent
        // One point, or points on one line: give the map some room around them.
        let minimumSpan = 0.01
        if extent.maxLon - extent.minLon < minimumSpan {
            let middle = (extent.maxLon + extent.minLon) / 2
            extent.minLon = middle - minimumSpan / 2; extent.maxLon = middle + minimumSpan / 2
        }
        if extent.maxLat - extent.minLat < minimumSpan {
            let middle = (extent.maxLat + extent.minLat) / 2
            extent.minLat = middle - minimumSpan / 2; extent.maxLat = middle + minimumSpan / 2
        }
        lonFactor = max(0.05, cos((extent.minLat + extent.maxLat) / 2 * .pi / 180))
        let spanX = (extent.maxLon - extent.minLon) * lonFactor, spanY = extent.maxLat - extent.minLat
        let inner = Self.width - 2 * Self.padding
        height = min(Self.maxHeight, max(Self.minHeight, (inner * spanY / spanX).rounded() + 2 * Self.padding))
        scale = min(inner / spanX, (height - 2 * Self.padding) / spanY)
        west = extent.minLon
        north = extent.maxLat
        // Centred in the frame along the axis with room to spare.
        offsetX = (Self.width - spanX * scale) / 2
        offsetY = (height - spanY * scale) / 2
    }

    func project(_ point: MapCoordinate) -> (x: Double, y: Double) {
        (offsetX + (point.lon - west) * lonFactor * scale, offsetY + (north - point.lat) * scale)
    }

    /// One decimal in SVG units: a tenth of a pixel at full width, and the same bytes on every machine.
    static func number(_ value: Double) -> String {
        let text = String(format: "%.1f", value)
        return text == "-0.0" ? "0.0" : text
    }
}

/// A map drawn as SVG at build time: the province outline (when site.yaml
/// names one) as the background, polygons and lines as paths, points as
/// circles. No tiles, scripts or links: the page makes no request for it.
struct SVGMap {
    var layer: MapLayer
    var outline: MapLayer?

    static let color = "#0b5cad"

    var extent: MapExtent { outline.map { layer.extent.union($0.extent) } ?? layer.extent }

    func svg(id: String, title: String, description: String) -> String {
        let projection = MapProjection(fitting: extent)
        var out = "<svg class=\"map\" viewBox=\"0 0 \(Int(MapProjection.width)) \(Int(projection.height))\" role=\"img\" "
        out += "aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
        out += "<title id=\"\(id)-title\">\(DataChart.escape(title))</title><desc id=\"\(id)-desc\">\(DataChart.escape(description))</desc>"
        if let outline {
            out += "<g class=\"map__outline\" fill=\"#eef2f6\" stroke=\"#7b8794\" stroke-width=\"1\">"
            for feature in outline.drawn { out += Self.paths(feature.shapes, projection) }
            out += "</g>"
        }
        let shapes = layer.drawn.flatMap(\.shapes)
        let areas = shapes.filter { if case .polygon = $0 { return true }; return false }
        let lines = shapes.filter { if case .line = $0 { return true }; return false }
        if !areas.isEmpty {
            out += "<g class=\"map__areas\" fill=\"\(Self.color)\" fill-opacity=\"0.2\" stroke=\"\(Self.color)\" stroke-width=\"1.5\">"
            out += Self.paths(areas, projection) + "</g>"
        }
        if !lines.isEmpty {
            out += "<g class=\"map__lines\" fill=\"none\" stroke=\"\(Self.color)\" stroke-width=\"2\">" + Self.paths(lines, projection) + "</g>"
        }
        var seen = Set<String>()
        var circles = ""
        for case .point(let point) in shapes {
            let (x, y) = projection.project(point)
            let cx = MapProjection.number(x), cy = MapProjection.number(y)
            // Points that round to the same place would only be drawn over each other.
            guard seen.insert(cx + "," + cy).inserted else { continue }
            circles += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\"/>"
        }
        if !circles.isEmpty {
            out += "<g class=\"map__points\" fill=\"\(Self.color)\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"1\">\(circles)</g>"
        }
        return out + "</svg>"
    }

    /// Lines and polygons as `<path>`s; polygons close each ring and use even-odd so holes stay open.
    static func paths(_ shapes: [MapShape], _ projection: MapProjection) -> String {
        var out = ""
        for shape in shapes {
            switch shape {
            case .point: continue
            case .line(let points):
                out += "<path d=\"\(pathData(points, projection, closed: false))\"/>"
            case .polygon(let rings):
                out += "<path fill-rule=\"evenodd\" d=\"\(rings.map { pathData($0, projection, closed: true) }.joined())\"/>"
            }
        }
        return out
    }

    static func pathData(_ points: [MapCoordinate], _ projection: MapProjection, closed: Bool) -> String {
        var data = ""
        var last = ""
        for (index, point) in points.enumerated() {
            let (x, y) = projection.project(point)
            let pair = MapProjection.number(x) + " " + MapProjection.number(y)
            if pair == last { continue }
            data += (index == 0 ? "M" : "L") + pair
            last = pair
        }
        return closed ? data + "Z" : data
    }
}

extension SVGMap {
    static func degrees(_ value: Double) -> String {
        var text = String(format: "%.5f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Where a feature is, for the table: a point's lon, lat; else its lon/lat ranges.
    static func position(of feature: MapFeature, range: String) -> String {
        if feature.shapes.count == 1, case .point(let point) = feature.shapes[0] {
            return "\(degrees(point.lon)), \(degrees(point.lat))"
        }
        guard let box = MapExtent.around(feature.shapes.flatMap(\.coordinates)) else { return "" }
        return "\(degrees(box.minLon))\(range)\(degrees(box.maxLon)), \(degrees(box.minLat))\(range)\(degrees(box.maxLat))"
    }

    /// The dataset page's view of the map: the SVG, a caption saying what it
    /// shows and what it leaves out, and the first features as a table.
    func view(id: String, resourceName: String, title givenTitle: String?, description givenDescription: String?, outlineName: String?,
              label: (String) -> String) -> MustacheObject {
        func fill(_ key: String, _ values: [String: String]) -> String { Formatting.fill(label(key), values) }
        let title = givenTitle ?? fill("map.title", ["name": resourceName])
        let box = layer.extent
        let typeNames = layer.geometryTypes.map { label("map.type.\($0.lowercased())") }.joined(separator: label("text.list_separator"))
        var summary = [
            fill("map.extent", ["min_lon": Self.degrees(box.minLon), "max_lon": Self.degrees(box.maxLon),
                                "min_lat": Self.degrees(box.minLat), "max_lat": Self.degrees(box.maxLat)]),
            fill("map.features", ["n": String(layer.featureCount), "types": typeNames]),
        ]
        if let columns = layer.pointColumns { summary.append(fill("map.point_columns", ["lon": columns.lon, "lat": columns.lat])) }
        if layer.sampleStep > 1 {
            summary.append(fill("map.sampled", ["step": String(layer.sampleStep), "drawn": String(layer.drawn.count)]))
        }
        if layer.verticesThinned { summary.append(label("map.thinned")) }
        if layer.coordinatesOutOfRange > 0 { summary.append(fill("map.left_out", ["n": String(layer.coordinatesOutOfRange)])) }
        if outline != nil, let outlineName { summary.append(fill("map.outline", ["name": outlineName])) }
        let caption = summary.joined(separator: label("text.clause_separator")) + label("text.sentence_end")
        let description = (givenDescription.map { $0 + " " } ?? "") + caption + label("map.see_table")
        let showing = layer.tabled.count < layer.featureCount
            ? fill("map.showing", ["n": String(layer.tabled.count), "m": String(layer.featureCount)])
            : fill("map.all", ["n": String(layer.featureCount)])
        return [
            "map_id": .string(id),
            "map_svg": .string(svg(id: id, title: title, description: description)),
            "map_title": .string(title),
            "map_caption": .string(caption),
            "map_description": .string(givenDescription ?? ""),
            "map_table_caption": .string(fill("map.table_caption", ["name": resourceName])),
            "map_table_note": .string(showing),
            "map_header": .objects(([label("map.geometry"), label("map.position")] + layer.propertyNames).map { ["map_head": .string($0)] }),
            "map_rows": .objects(layer.tabled.map { feature in
                let values = Dictionary(feature.properties.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
                return [
                    "map_type": .string(label("map.type.\(feature.geometryType.lowercased())")),
                    "map_position": .string(Self.position(of: feature, range: label("text.range"))),
                    "map_cells": .objects(layer.propertyNames.map { ["map_value": .string(values[$0] ?? "")] }),
                ]
            }),
        ]
    }
}
