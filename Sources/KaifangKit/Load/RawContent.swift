import Foundation

/// A Markdown file of `Content/` (dataset, department or page) before any
/// checking: its front matter as located YAML and its body.
public struct RawDocument: Sendable {
    /// Path as shown in diagnostics, e.g. `Content/datasets/bus-routes.md`.
    public var file: String
    /// The file name without `.md`: the page's slug.
    public var slug: String
    /// The front matter (a mapping), or a row of catalog.csv seen as one.
    public var fields: YAMLNode
    public var body: String
    public var bodyLine: Int

    public init(file: String, slug: String, fields: YAMLNode, body: String, bodyLine: Int) {
        self.file = file
        self.slug = slug
        self.fields = fields
        self.body = body
        self.bodyLine = bodyLine
    }

    public var entries: [YAMLEntry] { fields.entries ?? [] }
    public subscript(key: String) -> YAMLNode? { fields[key] }
    public var startLocation: SourceLocation { SourceLocation(file: file, line: 1, column: 1) }
}

/// Everything read from `Content/`, parsed once, with what could not be read.
public struct RawContent: Sendable {
    public var root: URL
    public var displayRoot: String
    public var site: YAMLNode?
    public var siteFile: String
    /// JKAN's `_data/licenses.yml`, when a migrated portal brought it: licence names and their URLs.
    public var licenseNames: YAMLNode?
    public var datasets: [RawDocument] = []
    public var organizations: [RawDocument] = []
    public var pages: [RawDocument] = []
    /// Rows of `catalog.csv`, each seen as a dataset document.
    public var catalogRows: [RawDocument] = []
    public var diagnostics = Diagnostics()

    public func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }
}
