import Foundation

/// Reads and checks `views:` of a resource: the kind is known, the columns
/// it names are in the file's header, and the kind suits the file.
enum ResourceViewDecoder {
    static let fields = ["type", "x", "y", "title", "description"]
    static let allowedKinds = ResourceView.Kind.allCases.map(\.rawValue).joined(separator: " | ")

    static func decode(_ node: YAMLNode, into diagnostics: inout Diagnostics) -> [ResourceView] {
        guard let items = node.items else {
            diagnostics.error(node.location, "views must be a list", code: "view.shape",
                              hint: "each view starts with `- type: line` (\(allowedKinds))")
            return []
        }
        var views: [ResourceView] = []
        for item in items {
            guard item.entries != nil else {
                diagnostics.error(item.location, "a view must be a set of fields (type, x, y, title)", code: "view.shape",
                                  hint: "write it as `- type: line` with `x:` and `y:` on the lines below")
                continue
            }
            var reader = FieldReader(item, context: "view")
            let type = reader.string("type", required: true, hint: "add `type:` (\(allowedKinds))")
            let x = reader.string("x")
            let y = reader.stringList(["y"])
            let title = reader.string("title"), description = reader.string("description")
            reader.warnAboutUnknownFields(known: fields)
            var kind: ResourceView.Kind?
            if let type {
                kind = ResourceView.Kind(rawValue: type.lowercased())
                if kind == nil {
                    let suggestion = Suggestions.closest(to: type.lowercased(), in: ResourceView.Kind.allCases.map(\.rawValue))
                    reader.diagnostics.error(reader.raw("type")!.location, "view type \"\(type)\" is unknown", code: "view.type",
                                             hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "allowed: \(allowedKinds)")
                }
            }
            if let kind {
                checkColumnsNamed(kind, x: x, y: y?.values ?? [], at: item.location, reader: &reader)
                views.append(ResourceView(kind: kind, x: x, y: y?.values ?? [], title: title, description: description,
                                          location: item.location, xLocation: reader.raw("x")?.location, yLocation: y?.location))
            }
            diagnostics.append(contentsOf: reader.diagnostics)
        }
        if views.count > 1, let alone = views.first(where: { $0.kind == .none }) {
            diagnostics.error(alone.location, "view type none cannot be combined with other views", code: "view.type",
                              hint: "`none` shows no chart, map or preview; remove it, or remove the other views")
        }
        if views.filter({ $0.kind == .map }).count > 1 {
            diagnostics.error(views.filter { $0.kind == .map }[1].location, "a resource has one map; this view is a second", code: "view.type",
                              hint: "remove one of the two map views")
        }
        return views
    }

    /// Which of x and y each kind takes, before any file is read.
    private static func checkColumnsNamed(_ kind: ResourceView.Kind, x: String?, y: [String], at location: SourceLocation, reader: inout FieldReader) {
        switch kind {
        case .line, .bar:
            if x == nil {
                reader.diagnostics.error(location, "a \(kind.rawValue) view has no x", code: "view.x",
                                         hint: "name the column of the labels along the axis, e.g. `x: 月份`")
            }
            if y.isEmpty {
                reader.diagnostics.error(location, "a \(kind.rawValue) view has no y", code: "view.y",
                                         hint: "name the numeric column(s) to draw, e.g. `y: [客运量]`")
            } else if kind == .bar && y.count > 1 {
                reader.diagnostics.error(reader.raw("y")!.location, "a bar view draws one y column, not \(y.count)", code: "view.y",
                                         hint: "keep one column, or use `type: line` for up to three")
            } else if kind == .line && y.count > DataChart.colors.count {
                reader.diagnostics.error(reader.raw("y")!.location, "a line view draws at most \(DataChart.colors.count) y columns, not \(y.count)",
                                         code: "view.y", hint: "split them into two line views")
            }
        case .map:
            if (x == nil) != y.isEmpty || y.count > 1 {
                reader.diagnostics.error(location, "a map view takes both x (longitude) and y (latitude), one column each, or neither",
                                         code: "view.x", hint: "e.g. `x: 经度` and `y: 纬度`; without them the columns are found from the header")
            }
        case .table, .none:
            if x != nil || !y.isEmpty {
                reader.diagnostics.error(location, "a \(kind.rawValue) view takes no x or y", code: "view.x",
                                         hint: "x and y name the columns of a line, bar or map view")
            }
        }
    }

    /// The views checked against the resource and its file: a drawing needs
    /// a file under Content/data/ of a kind it can draw, and every column it
    /// names must be in the CSV's header.
    static func check(_ views: [ResourceView], format: String, location: Resource.Location, dataFiles: DataFolder) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let drawing = views.filter { $0.isChart || $0.kind == .map }
        guard !drawing.isEmpty else { return [] }
        guard case .path(let path) = location else {
            for view in drawing {
                found.append(.error(at: view.location, "a \(view.kind.rawValue) view draws a file under Content/data/, but this resource is a link",
                                    code: "view.type", hint: "publish the file with `path:`, or remove the view"))
            }
            return found
        }
        let tabular = Formats.isTabular(format), geoJSON = format.uppercased() == "GEOJSON"
        for view in drawing where !(tabular || (view.kind == .map && geoJSON)) {
            found.append(.error(at: view.location, "a \(view.kind.rawValue) view cannot draw a \(format.uppercased()) file",
                                code: "view.type", hint: view.kind == .map ? "a map draws GeoJSON, or CSV/TSV with longitude and latitude columns"
                                    : "charts draw CSV or TSV files"))
        }
        if geoJSON {
            for view in drawing where view.kind == .map && view.x != nil {
                found.append(.error(at: view.xLocation ?? view.location, "a map of a GeoJSON file takes no x or y", code: "view.x",
                                    hint: "GeoJSON has its own coordinates; remove x and y"))
            }
        }
        guard tabular, !found.contains(where: { $0.severity == .error }) else { return found }
        guard let preview = CSVPreview.read(dataFiles.url(for: path), separator: format.uppercased() == "TSV" ? "\t" : ",") else {
            return found  // An unreadable file has its own error from the privacy scan.
        }
        let header = preview.header.map { $0.trimmingCharacters(in: .whitespaces) }
        let listed = header.map { "\"\($0)\"" }.joined(separator: ", ")
        for view in drawing {
            if let x = view.x, !header.contains(x) {
                found.append(missing(x, axis: "x", view: view, at: view.xLocation, listed: listed, header: header))
            }
            for y in view.y where !header.contains(y) {
                found.append(missing(y, axis: "y", view: view, at: view.yLocation, listed: listed, header: header))
            }
            if view.kind == .map, view.x == nil,
               PointTableReader.detect(header: header, rows: preview.rows.map { $0.map { $0.trimmingCharacters(in: .whitespaces) } }) == nil {
                found.append(.error(at: view.location, "the map view has no x and y, and the file has no longitude/latitude columns Kaifang recognizes",
                                    code: "view.x", hint: "name them with `x:` (longitude) and `y:` (latitude); the columns are: \(listed)"))
            }
        }
        return found
    }

    private static func missing(_ column: String, axis: String, view: ResourceView, at location: SourceLocation?, listed: String, header: [String]) -> Diagnostic {
        let suggestion = Suggestions.closest(to: column, in: header)
        return .error(at: location ?? view.location, "\(axis) column \"\(column)\" of the \(view.kind.rawValue) view is not in the file's header",
                      code: "view.column", hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "the columns are: \(listed)")
    }
}
