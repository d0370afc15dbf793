/// `views:` on a resource: how its page draws the data, in place of the
/// automatic choice (a chart from the CSV's shape, a map from a GeoJSON file
/// or from longitude/latitude columns).
public struct ResourceView: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A line over `x` of up to three `y` columns.
        case line
        /// Bars of one `y` column per `x` label.
        case bar
        /// A map: of a GeoJSON file, or of a CSV with `x` as longitude and `y` as latitude.
        case map
        /// No drawing: only the preview table of the file's first rows.
        case table
        /// No drawing and no preview table.
        case none
    }

    public var kind: Kind
    public var x: String?
    public var y: [String]
    public var title: String?
    public var description: String?
    /// Where the view was written, for diagnostics found once the file is read.
    public var location: SourceLocation
    public var xLocation: SourceLocation?
    public var yLocation: SourceLocation?

    /// A line or bar chart (which needs columns and numbers).
    var isChart: Bool { kind == .line || kind == .bar }
}

extension Resource {
    /// Whether the page may choose a chart or map by itself: only without `views:`.
    var drawsAutomatically: Bool { views.isEmpty }
    /// The preview table is left out only when `none` is the resource's sole view.
    var showsPreview: Bool { !(views.count == 1 && views[0].kind == .none) }
}
