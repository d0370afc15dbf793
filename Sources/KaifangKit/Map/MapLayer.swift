/// A point on the earth in WGS-84 degrees, as GeoJSON and the catalogue's
/// 经度/纬度 columns write it.
public struct MapCoordinate: Sendable, Hashable {
    public var lon: Double
    public var lat: Double

    public init(lon: Double, lat: Double) {
        self.lon = lon
        self.lat = lat
    }

    /// Longitude −180…180 and latitude −90…90; anything else is a mistake
    /// (swapped columns, projected metres) and is left off the map.
    public var isValid: Bool { lon.isFinite && lat.isFinite && abs(lon) <= 180 && abs(lat) <= 90 }
}

/// What one GeoJSON geometry draws as. Multi-geometries and geometry
/// collections are flattened into several shapes of one feature.
public enum MapShape: Sendable, Hashable {
    case point(MapCoordinate)
    case line([MapCoordinate])
    /// The outer ring first, then the holes.
    case polygon([[MapCoordinate]])

    var coordinates: [MapCoordinate] {
        switch self {
        case .point(let point): return [point]
        case .line(let points): return points
        case .polygon(let rings): return rings.flatMap { $0 }
        }
    }
}

/// The smallest lon/lat box around some coordinates.
public struct MapExtent: Sendable, Equatable {
    public var minLon: Double
    public var maxLon: Double
    public var minLat: Double
    public var maxLat: Double

    init(minLon: Double, maxLon: Double, minLat: Double, maxLat: Double) {
        self.minLon = minLon; self.maxLon = maxLon
        self.minLat = minLat; self.maxLat = maxLat
    }

    init(_ point: MapCoordinate) {
        minLon = point.lon; maxLon = point.lon
        minLat = point.lat; maxLat = point.lat
    }

    mutating func include(_ point: MapCoordinate) {
        minLon = min(minLon, point.lon); maxLon = max(maxLon, point.lon)
        minLat = min(minLat, point.lat); maxLat = max(maxLat, point.lat)
    }

    func union(_ other: MapExtent) -> MapExtent {
        var joined = self
        joined.include(MapCoordinate(lon: other.minLon, lat: other.minLat))
        joined.include(MapCoordinate(lon: other.maxLon, lat: other.maxLat))
        return joined
    }

    static func around(_ points: some Sequence<MapCoordinate>) -> MapExtent? {
        var extent: MapExtent?
        for point in points {
            if extent == nil { extent = MapExtent(point) } else { extent!.include(point) }
        }
        return extent
    }
}

/// One feature: its shapes, the GeoJSON type it was written as, and its
/// properties (a CSV row's other cells) in the order the file gives them.
public struct MapFeature: Sendable, Equatable {
    public var geometryType: String
    public var shapes: [MapShape]
    public var properties: [MapProperty]
}

public struct MapProperty: Sendable, Equatable {
    public var name: String
    public var value: String
}

/// A published file read as a map during resolve: every valid feature
/// counted and measured, but only a deterministic sample kept for drawing
/// and only the first few kept for the table, so the page costs the same
/// for a file of ten features as for one of a million.
public struct MapLayer: Sendable, Equatable {
    /// The features to draw (every `sampleStep`-th valid feature, in file order),
    /// without their properties: only the table shows those.
    public var drawn: [MapFeature]
    /// The first valid features, for the table under the map.
    public var tabled: [MapFeature]
    /// Valid features in the file (with at least one coordinate in range).
    public var featureCount: Int
    /// 1 when every feature is drawn; k when every k-th is.
    public var sampleStep: Int
    /// The GeoJSON geometry types present, sorted.
    public var geometryTypes: [String]
    /// Around every valid coordinate of the file, not only the drawn ones.
    public var extent: MapExtent
    /// Coordinates left out because they are outside −180…180 / −90…90.
    public var coordinatesOutOfRange: Int
    /// Vertices left out of drawn lines and rings to stay under the drawing budget.
    public var verticesThinned: Bool
    /// The property names the table shows, in order of first appearance.
    public var propertyNames: [String]
    /// The columns a CSV map was drawn from (nil for GeoJSON).
    public var pointColumns: PointColumns?
}

/// How much one map may cost: bytes read and parsed, features and vertices drawn, rows tabled.
public struct MapLimits: Sendable, Equatable {
    /// Bytes of one file read for a map (`limits.map_bytes` in site.yaml).
    public var fileBytes = ContentLimits.defaults.mapBytes
    /// Features drawn; past it every k-th is.
    public var drawnFeatures = 1_000
    /// Vertices of all drawn lines and rings together; past it lines are thinned.
    public var drawnVertices = 20_000
    /// Features given in the table under the map.
    public var tableRows = 20
    /// Property columns of that table.
    public var tableColumns = 8

    public init() {}
}

extension MapLayer {
    /// The layer of some features read from a file: the extent of all, a
    /// deterministic sample of at most `limits.drawnFeatures` to draw
    /// (every k-th, so the spread over the file is kept), the first rows to
    /// table, and lines thinned (every k-th vertex, ends kept) when the
    /// sample still has more vertices than the drawing budget.
    static func make(_ features: [MapFeature], outOfRange: Int, limits: MapLimits, pointColumns: PointColumns? = nil) -> MapLayer? {
        guard let extent = MapExtent.around(features.lazy.flatMap { $0.shapes.lazy.flatMap(\.coordinates) }) else { return nil }
        let step = max(1, (features.count + limits.drawnFeatures - 1) / limits.drawnFeatures)
        // The layer lives in the catalogue until every page is rendered: a
        // thousand drawn features of every map with all their properties would
        // be most of it, so the drawn ones keep only their shapes.
        var drawn = stride(from: 0, to: features.count, by: step).map {
            MapFeature(geometryType: features[$0].geometryType, shapes: features[$0].shapes, properties: [])
        }
        let vertices = drawn.reduce(0) { $0 + $1.shapes.reduce(0) { $0 + $1.coordinates.count } }
        var thinned = false
        if vertices > limits.drawnVertices {
            let keep = max(2, (vertices + limits.drawnVertices - 1) / limits.drawnVertices)
            drawn = drawn.map { feature in
                var feature = feature
                feature.shapes = feature.shapes.map { shape in
                    switch shape {
                    case .point: return shape
                    case .line(let points): return .line(thin(points, every: keep))
                    case .polygon(let rings): return .polygon(rings.map { thin($0, every: keep) })
                    }
                }
                return feature
            }
            thinned = true
        }
        let tabled = Array(features.prefix(limits.tableRows))
        var names: [String] = []
        for feature in tabled {
            for property in feature.properties where !names.contains(property.name) && names.count < limits.tableColumns {
                names.append(property.name)
            }
        }
        return MapLayer(drawn: drawn, tabled: tabled, featureCount: features.count, sampleStep: step,
                        geometryTypes: Set(features.map(\.geometryType)).sorted(), extent: extent,
                        coordinatesOutOfRange: outOfRange, verticesThinned: thinned, propertyNames: names, pointColumns: pointColumns)
    }

    /// Every k-th point with the first and last kept, so rings stay closed.
    static func thin(_ points: [MapCoordinate], every step: Int) -> [MapCoordinate] {
        guard points.count > 4, step > 1 else { return points }
        var kept = stride(from: 0, to: points.count - 1, by: step).map { points[$0] }
        kept.append(points[points.count - 1])
        return kept
    }
}

/// The two columns of a CSV a map's points come from.
public struct PointColumns: Sendable, Equatable {
    public var lon: String
    public var lat: String
}
