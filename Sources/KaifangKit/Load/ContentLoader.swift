import Foundation

/// Reads `Content/` into raw records: each file read and parsed exactly once,
/// in parallel, every value keeping its source position.
public struct ContentLoader: Sendable {
    public var root: URL
    public var displayRoot: String

    public init(root: URL, displayRoot: String? = nil) {
        self.root = root.standardizedFileURL
        self.displayRoot = displayRoot ?? root.path
    }

    public func load() -> RawContent {
        var content = RawContent(root: root, displayRoot: displayRoot, siteFile: displayPath("site.yaml"))
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            content.diagnostics.error(SourceLocation(file: displayRoot, line: 1, column: 1),
                                      "the content folder does not exist", code: "content.missing",
                                      hint: "run kaifang in the folder that holds Content/, or pass --content PATH")
            return content
        }
        loadSite(into: &content)
        content.datasets = loadDocuments(in: "datasets", into: &content.diagnostics)
        content.organizations = loadDocuments(in: "organizations", into: &content.diagnostics)
        content.pages = loadDocuments(in: "pages", into: &content.diagnostics)
        let catalog = CatalogCSVLoader(file: displayPath("catalog.csv")).load(from: root.appendingPathComponent("catalog.csv"))
        content.catalogRows = catalog.rows
        content.diagnostics.append(contentsOf: catalog.diagnostics)
        return content
    }

    func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    private func loadSite(into content: inout RawContent) {
        let file = displayPath("site.yaml")
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("site.yaml").path) else {
            content.diagnostics.error(SourceLocation(file: file), "site.yaml is missing", code: "site.missing",
                                      hint: "create Content/site.yaml with at least title, base_url and themes")
            return
        }
        switch TextDecoder.decodeUTF8(data, file: file).flatMap({ YAMLReader.parse($0, file: file) }) {
        case .success(let node): content.site = node
        case .failure(let diagnostic): content.diagnostics.append(diagnostic)
        }
    }

    /// Reads every `*.md` file of a folder, sorted by name.
    private func loadDocuments(in folder: String, into diagnostics: inout Diagnostics) -> [RawDocument] {
        let directory = root.appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        let markdownNames = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        for name in names.sorted() where !name.hasSuffix(".md") && !name.hasPrefix(".") {
            diagnostics.warning(SourceLocation(file: displayPath("\(folder)/\(name)")),
                                "this file is ignored: only .md files are read here", code: "content.ignored-file")
        }
        let results = markdownNames.parallelMap { name -> Result<RawDocument, Diagnostic> in
            let file = displayPath("\(folder)/\(name)")
            let slug = String(name.dropLast(3))
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
                return .failure(.error(at: SourceLocation(file: file), "cannot read the file", code: "file.unreadable"))
            }
            return Self.parseDocument(data, file: file, slug: slug)
        }
        var documents: [RawDocument] = []
        documents.reserveCapacity(results.count)
        for result in results {
            switch result {
            case .success(let document): documents.append(document)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return documents
    }

    public static func parseDocument(_ data: Data, file: String, slug: String) -> Result<RawDocument, Diagnostic> {
        TextDecoder.decodeUTF8(data, file: file)
            .flatMap { FrontMatterDocument.split($0, file: file) }
            .flatMap { document in
                YAMLReader.parse(document.yaml, file: file, lineOffset: document.yamlLineOffset).flatMap { node in
                    switch node.value {
                    case .mapping, .null:
                        return .success(RawDocument(file: file, slug: slug, fields: node,
                                                    body: document.body, bodyLine: document.bodyLine))
                    default:
                        return .failure(.error(at: node.location, "the front matter must be a set of `field: value` lines",
                                               code: "front-matter.shape"))
                    }
                }
            }
    }
}
