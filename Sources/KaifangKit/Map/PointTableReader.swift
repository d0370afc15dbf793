import Foundation

/// Reads the points of a CSV file with a longitude and a latitude column
/// into a `MapLayer`: one point per row, the row's other cells as its
/// properties. Which columns hold coordinates is decided conservatively
/// from the header (`PointColumns.detect`), or given by a `map` view.
enum PointTableReader {
    /// Header pairs taken as longitude/latitude, compared without case and
    /// without a unit in brackets (`经度（WGS84）`).
    static let namedPairs: [(lon: String, lat: String)] = [
        ("经度", "纬度"), ("lon", "lat"), ("lng", "lat"), ("longitude", "latitude"), ("long", "lat"),
    ]

    static func key(_ header: String) -> String {
        var name = header.trimmingCharacters(in: .whitespaces).lowercased()
        if let bracket = name.firstIndex(where: { "(（".contains($0) }), bracket != name.startIndex {
            name = String(name[..<bracket]).trimmingCharacters(in: .whitespaces)
        }
        return name
    }

    /// The coordinate columns of a header and its rows, or nil. `x`/`y` are
    /// taken only when they are clearly degrees: every value a decimal with
    /// at least four places inside the lon/lat ranges, since x/y are as often
    /// metres of a projected grid or positions on a drawing.
    static func detect(header: [String], rows: [[String]]) -> PointColumns? {
        let keys = header.map(key)
        for pair in namedPairs {
            if let lon = keys.firstIndex(of: pair.lon), let lat = keys.firstIndex(of: pair.lat) {
                return PointColumns(lon: header[lon], lat: header[lat])
            }
        }
        guard let x = keys.firstIndex(of: "x"), let y = keys.firstIndex(of: "y"), rows.count >= 2 else { return nil }
        func degrees(_ text: String, limit: Double) -> Bool {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count >= 4, let value = Double(text) else { return false }
            return abs(value) <= limit
        }
        let clear = rows.allSatisfy { row in
            row.count > max(x, y) && degrees(row[x], limit: 180) && degrees(row[y], limit: 90)
        }
        return clear ? PointColumns(lon: header[x], lat: header[y]) : nil
    }

    /// The text of a CSV or TSV file (UTF-8 with or without BOM, or GB18030) as CSV.
    static func text(_ data: Data, separator: Character) -> String? {
        CSVPreview.decode(data).map { separator == "," ? $0 : CSVPreview.tabToComma($0) }
    }

    /// The layer of the file's points and the warnings about its coordinates;
    /// (nil, []) when the file has no coordinate columns (and `columns` names none).
    static func read(_ data: Data, file: String, separator: Character, columns given: PointColumns?, limits: MapLimits) -> (MapLayer?, [Diagnostic]) {
        guard let text = text(data, separator: separator), case .success(let parsed) = CSVReader.parse(text), let head = parsed.first else {
            return (nil, [])
        }
        let header = head.cells.map { $0.value.trimmingCharacters(in: .whitespaces) }
        let body = parsed.dropFirst().filter { !($0.cells.count == 1 && $0.cells[0].value.isEmpty) }
        guard let columns = given ?? detect(header: header, rows: body.prefix(200).map { $0.cells.map { $0.value.trimmingCharacters(in: .whitespaces) } }),
              let lonIndex = header.firstIndex(of: columns.lon), let latIndex = header.firstIndex(of: columns.lat) else { return (nil, []) }
        var features: [MapFeature] = []
        var outOfRange = 0, notNumbers = 0
        var firstOutOfRange: (SourceLocation, String)?, firstNotNumber: (SourceLocation, String)?
        for row in body {
            guard row.cells.count > max(lonIndex, latIndex) else { continue }
            let lonCell = row.cells[lonIndex], latCell = row.cells[latIndex]
            let lonText = lonCell.value.trimmingCharacters(in: .whitespaces), latText = latCell.value.trimmingCharacters(in: .whitespaces)
            // A row without a position (not yet surveyed) is simply not on the map.
            if lonText.isEmpty && latText.isEmpty { continue }
            guard let lon = Double(lonText), let lat = Double(latText) else {
                notNumbers += 1
                if firstNotNumber == nil {
                    let cell = Double(lonText) == nil ? lonCell : latCell
                    firstNotNumber = (SourceLocation(file: file, line: cell.line, column: cell.column), "\(lonText), \(latText)")
                }
                continue
            }
            let point = MapCoordinate(lon: lon, lat: lat)
            guard point.isValid else {
                outOfRange += 1
                if firstOutOfRange == nil {
                    firstOutOfRange = (SourceLocation(file: file, line: lonCell.line, column: lonCell.column), "\(lonText), \(latText)")
                }
                continue
            }
            var properties: [MapProperty] = []
            for (index, cell) in row.cells.enumerated() where index < header.count && index != lonIndex && index != latIndex {
                let value = cell.value
                properties.append(MapProperty(name: header[index], value: value.count > CSVPreview.cellLimit ? String(value.prefix(CSVPreview.cellLimit)) + "…" : value))
            }
            features.append(MapFeature(geometryType: "Point", shapes: [.point(point)], properties: properties))
        }
        var diagnostics: [Diagnostic] = []
        if let (location, values) = firstNotNumber {
            diagnostics.append(.warning(at: location, "\(columns.lon)/\(columns.lat) \"\(values)\" are not numbers; "
                                            + "\(notNumbers == 1 ? "this row is" : "\(notNumbers) rows like it are") left off the map",
                                        code: "map.coordinate-value",
                                        hint: "write decimal degrees such as 117.0236, 36.6613; leave both cells empty for a row without a position"))
        }
        if let (location, values) = firstOutOfRange {
            diagnostics.append(.warning(at: location, "\(columns.lon)/\(columns.lat) \"\(values)\" is outside longitude −180…180 / latitude −90…90; "
                                            + "\(outOfRange == 1 ? "this row is" : "\(outOfRange) rows like it are") left off the map",
                                        code: "map.coordinate-range",
                                        hint: "write WGS-84 decimal degrees; look for swapped columns or projected coordinates (metres)"))
        }
        return (MapLayer.make(features, outOfRange: outOfRange, limits: limits, pointColumns: columns), diagnostics)
    }
}
