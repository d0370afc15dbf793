import Foundation

/// Reads a GeoJSON file (RFC 7946) into a `MapLayer`. Nothing in it can stop
/// the build: a file that is not JSON, or not GeoJSON, or has coordinates
/// off the globe is reported as a warning at the line and column of the
/// first problem, and whatever is valid is still drawn.
enum GeoJSONReader {
    static let geometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"]

    /// What the walk over the file found besides the features.
    struct Findings {
        var features: [MapFeature] = []
        /// Geometries that are not GeoJSON, each a whole feature left out; the first is reported.
        var shapeProblems: [(location: SourceLocation, message: String)] = []
        var outOfRange = 0
        var firstOutOfRange: (location: SourceLocation, point: MapCoordinate)?
    }

    /// The layer (nil when nothing valid could be drawn) and the warnings.
    static func read(_ data: Data, file: String, limits: MapLimits) -> (MapLayer?, [Diagnostic]) {
        let root: LocatedJSON
        switch LocatedJSON.parse(data, file: file) {
        case .success(let value): root = value
        case .failure(let failure):
            return (nil, [.warning(at: failure.location, "the GeoJSON file is not valid JSON: \(failure.message); no map is drawn for it",
                                   code: "map.geojson-syntax",
                                   hint: "fix the file at this position (an editor with JSON checking shows it); the file is still published")])
        }
        var findings = Findings()
        walkRoot(root, into: &findings)
        var diagnostics: [Diagnostic] = []
        if let first = findings.shapeProblems.first {
            let count = findings.shapeProblems.count
            diagnostics.append(.warning(at: first.location, "\(first.message); \(count == 1 ? "this feature is" : "\(count) features like it are") left off the map",
                                        code: "map.geojson-shape",
                                        hint: "GeoJSON (RFC 7946) geometries are \(geometryTypes.joined(separator: ", ")), inside a Feature or FeatureCollection"))
        }
        if let first = findings.firstOutOfRange {
            let count = findings.outOfRange
            diagnostics.append(.warning(at: first.location,
                                        "coordinate [\(DataChart.format(first.point.lon)), \(DataChart.format(first.point.lat))] is outside longitude −180…180 / latitude −90…90; "
                                            + "\(count == 1 ? "it is" : "\(count) coordinates like it are") left off the map",
                                        code: "map.coordinate-range",
                                        hint: "GeoJSON writes [longitude, latitude] in WGS-84 degrees: look for swapped values or projected coordinates (metres)"))
        }
        let layer = MapLayer.make(findings.features, outOfRange: findings.outOfRange, limits: limits)
        if layer == nil, diagnostics.isEmpty {
            diagnostics.append(.warning(at: root.location, "the GeoJSON file has no feature with coordinates; no map is drawn for it",
                                        code: "map.geojson-shape", hint: "a FeatureCollection's `features` list is empty, or every geometry is null"))
        }
        return (layer, diagnostics)
    }

    static func walkRoot(_ root: LocatedJSON, into findings: inout Findings) {
        guard root.isObject, let type = root["type"]?.text else {
            findings.shapeProblems.append((root.location, "the file is not a GeoJSON object: it has no \"type\""))
            return
        }
        switch type {
        case "FeatureCollection":
            guard let features = root["features"], features.isArray else {
                findings.shapeProblems.append((root.location, "the FeatureCollection has no \"features\" list"))
                return
            }
            for feature in features.items { walkFeature(feature, into: &findings) }
        case "Feature":
            walkFeature(root, into: &findings)
        case _ where geometryTypes.contains(type):
            addFeature(geometry: root, properties: [], into: &findings)
        default:
            findings.shapeProblems.append((root["type"]!.location, "\"\(type)\" is not a GeoJSON type"))
        }
    }

    static func walkFeature(_ feature: LocatedJSON, into findings: inout Findings) {
        guard feature.isObject, feature["type"]?.text == "Feature" else {
            findings.shapeProblems.append((feature.location, "an item of \"features\" is not a Feature"))
            return
        }
        // A feature without a geometry (null) is valid GeoJSON: it has nothing to draw.
        guard let geometry = feature["geometry"], geometry.isObject else {
            if let geometry = feature["geometry"], case .null = geometry.value { return }
            findings.shapeProblems.append((feature.location, "the Feature has no \"geometry\" object"))
            return
        }
        addFeature(geometry: geometry, properties: properties(of: feature["properties"]), into: &findings)
    }

    static func addFeature(geometry: LocatedJSON, properties: [MapProperty], into findings: inout Findings) {
        var shapes: [MapShape] = []
        do {
            try collect(geometry, into: &shapes, findings: &findings)
        } catch let problem as ShapeProblem {
            findings.shapeProblems.append((problem.location, problem.message))
            return
        } catch {
            return
        }
        // All of its coordinates off the globe: counted there, nothing to draw.
        guard !shapes.isEmpty else { return }
        findings.features.append(MapFeature(geometryType: geometry["type"]?.text ?? "", shapes: shapes, properties: properties))
    }

    struct ShapeProblem: Error {
        var location: SourceLocation
        var message: String
    }

    /// The shapes of one geometry, flattening Multi* and GeometryCollection.
    static func collect(_ geometry: LocatedJSON, into shapes: inout [MapShape], findings: inout Findings) throws {
        guard geometry.isObject, let type = geometry["type"]?.text else {
            throw ShapeProblem(location: geometry.location, message: "a geometry has no \"type\"")
        }
        if type == "GeometryCollection" {
            // Collections inside collections are discouraged but legal; the JSON parser bounds the depth.
            guard let members = geometry["geometries"], members.isArray else {
                throw ShapeProblem(location: geometry.location, message: "the GeometryCollection has no \"geometries\" list")
            }
            for member in members.items { try collect(member, into: &shapes, findings: &findings) }
            return
        }
        guard geometryTypes.contains(type) else {
            throw ShapeProblem(location: geometry["type"]!.location, message: "\"\(type)\" is not a GeoJSON geometry type")
        }
        guard let coordinates = geometry["coordinates"], coordinates.isArray else {
            throw ShapeProblem(location: geometry.location, message: "the \(type) has no \"coordinates\" list")
        }
        switch type {
        case "Point":
            if let point = try position(coordinates, findings: &findings) { shapes.append(.point(point)) }
        case "MultiPoint":
            for item in coordinates.items {
                if let point = try position(item, findings: &findings) { shapes.append(.point(point)) }
            }
        case "LineString":
            if let line = try line(coordinates, minimum: 2, findings: &findings) { shapes.append(.line(line)) }
        case "MultiLineString":
            for item in try list(coordinates, of: type) {
                if let line = try line(item, minimum: 2, findings: &findings) { shapes.append(.line(line)) }
            }
        case "Polygon":
            if let polygon = try polygon(coordinates, findings: &findings) { shapes.append(polygon) }
        default:  // MultiPolygon
            for item in try list(coordinates, of: type) {
                if let polygon = try polygon(item, findings: &findings) { shapes.append(polygon) }
            }
        }
    }

    static func list(_ value: LocatedJSON, of type: String) throws -> [LocatedJSON] {
        guard value.isArray else { throw ShapeProblem(location: value.location, message: "the \(type)'s coordinates are not nested lists") }
        return value.items
    }

    /// A ring needs four positions (the first repeated last); a line two.
    static func line(_ value: LocatedJSON, minimum: Int, findings: inout Findings) throws -> [MapCoordinate]? {
        guard value.isArray else { throw ShapeProblem(location: value.location, message: "a line's coordinates are not a list of positions") }
        let points = try value.items.compactMap { try position($0, findings: &findings) }
        return points.count >= minimum ? points : nil
    }

    static func polygon(_ value: LocatedJSON, findings: inout Findings) throws -> MapShape? {
        guard value.isArray else { throw ShapeProblem(location: value.location, message: "a polygon's coordinates are not a list of rings") }
        var rings: [[MapCoordinate]] = []
        for (index, ring) in value.items.enumerated() {
            guard let points = try line(ring, minimum: 4, findings: &findings) else {
                // Without its outer ring a polygon has no shape; a lost hole only fills in.
                if index == 0 { return nil }
                continue
            }
            rings.append(points)
        }
        return rings.isEmpty ? nil : .polygon(rings)
    }

    /// [longitude, latitude] (an altitude after them is allowed and ignored);
    /// nil, counted, when off the globe.
    static func position(_ value: LocatedJSON, findings: inout Findings) throws -> MapCoordinate? {
        let items = value.items
        guard items.count >= 2, case .number(let lonText) = items[0].value, case .number(let latText) = items[1].value,
              let lon = Double(lonText), let lat = Double(latText) else {
            throw ShapeProblem(location: value.location, message: "a position must be [longitude, latitude] numbers")
        }
        let point = MapCoordinate(lon: lon, lat: lat)
        guard point.isValid else {
            findings.outOfRange += 1
            if findings.firstOutOfRange == nil { findings.firstOutOfRange = (value.location, point) }
            return nil
        }
        return point
    }

    static func properties(of node: LocatedJSON?) -> [MapProperty] {
        guard let node else { return [] }
        return node.members.map { member in
            let value: String
            switch member.value.value {
            case .null: value = ""
            case .array: value = "[…]"
            case .object: value = "{…}"
            default: value = member.value.text ?? ""
            }
            return MapProperty(name: member.key, value: value.count > CSVPreview.cellLimit ? String(value.prefix(CSVPreview.cellLimit)) + "…" : value)
        }
    }
}
