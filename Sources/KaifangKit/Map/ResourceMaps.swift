import Foundation

/// The resolve step that reads maps: a published GeoJSON file, or a CSV/TSV
/// with longitude/latitude columns (found from the header, or named by a
/// `map` view), read within `limits.map_bytes`. Only a file the privacy scan
/// read whole is read, since the map's table shows its rows. What it finds
/// wrong is a warning or a note, never an error: the file is still published.
struct ResourceMaps: Sendable {
    var limits: MapLimits

    init(contentLimits: ContentLimits) {
        limits = MapLimits()
        limits.fileBytes = contentLimits.mapBytes
    }

    /// Whether the resource gets a map: by itself (no `views:`) or by a `map` view.
    static func wantsMap(_ resource: Resource) -> Bool {
        guard resource.file?.scanned == true, case .path = resource.location else { return false }
        let format = resource.format.uppercased()
        guard format == "GEOJSON" || Formats.isTabular(format) else { return false }
        return resource.drawsAutomatically || resource.views.contains { $0.kind == .map }
    }

    func read(_ resource: Resource, file: URL, display: String) -> (MapLayer?, [Diagnostic]) {
        let tabular = resource.format.uppercased() != "GEOJSON"
        let separator: Character = resource.format.uppercased() == "TSV" ? "\t" : ","
        let columns = resource.views.first { $0.kind == .map }.flatMap { view in
            view.x.flatMap { x in view.y.first.map { PointColumns(lon: x, lat: $0) } }
        }
        // Most tables have no coordinates: their first rows say so, and the whole file is not read again.
        if tabular, columns == nil {
            guard let preview = CSVPreview.read(file, separator: separator),
                  PointTableReader.detect(header: preview.header.map { $0.trimmingCharacters(in: .whitespaces) },
                                          rows: preview.rows.map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }) != nil else { return (nil, []) }
        }
        let data: Data
        switch BoundedFileReader.read(file.path, limit: limits.fileBytes) {
        case .success(let read): data = read
        case .failure(.tooLarge(let size)):
            let measured = size.map { " (\(ContentLimits.bytes(Int(clamping: $0))))" } ?? ""
            return (nil, [.note(at: SourceLocation(file: display), "no map is drawn: the file\(measured) is larger than the map limit of \(ContentLimits.bytes(limits.fileBytes))",
                                code: "map.too-large", hint: "the file is published as usual; raise limits.map_bytes in site.yaml to draw it")])
        case .failure(.unreadable):
            return (nil, [])  // The privacy scan has reported it.
        }
        guard tabular else { return GeoJSONReader.read(data, file: display, limits: limits) }
        return PointTableReader.read(data, file: display, separator: separator, columns: columns, limits: limits)
    }

    /// The outline of site.yaml's `map.outline`: drawn on every map, so its
    /// lines get a smaller budget than a dataset's own.
    func readOutline(_ file: URL, display: String) -> (MapLayer?, [Diagnostic]) {
        var outlineLimits = limits
        outlineLimits.drawnVertices = 5_000
        switch BoundedFileReader.read(file.path, limit: limits.fileBytes) {
        case .success(let data): return GeoJSONReader.read(data, file: display, limits: outlineLimits)
        case .failure(.tooLarge(let size)):
            return (nil, [.warning(at: SourceLocation(file: display), "the map outline\(size.map { " (\(ContentLimits.bytes(Int(clamping: $0))))" } ?? "") is larger than the map limit of \(ContentLimits.bytes(limits.fileBytes)); maps are drawn without it",
                                   code: "map.too-large", hint: "simplify the boundary (a few hundred points are enough at this size), or raise limits.map_bytes")])
        case .failure(.unreadable(let reason)):
            return (nil, [.warning(at: SourceLocation(file: display), "the map outline cannot be read: \(reason); maps are drawn without it",
                                   code: "map.outline")])
        }
    }
}
