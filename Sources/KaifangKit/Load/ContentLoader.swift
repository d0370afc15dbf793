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
        let limits = ContentLimits(site: content.site)
        content.datasets = loadDocuments(in: "datasets", limits: limits, into: &content.diagnostics)
        content.organizations = loadDocuments(in: "organizations", limits: limits, into: &content.diagnostics)
        content.pages = loadDocuments(in: "pages", limits: limits, into: &content.diagnostics)
        let catalog = CatalogCSVLoader(file: displayPath("catalog.csv")).load(from: root.appendingPathComponent("catalog.csv"),
                                                                             limit: limits.catalogBytes)
        content.catalogRows = catalog.rows
        content.diagnostics.append(contentsOf: catalog.diagnostics)
        return content
    }

    func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    private func loadSite(into content: inout RawContent) {
        let file = displayPath("site.yaml")
        // site.yaml's own limits cannot come from site.yaml: the defaults apply.
        let data: Data
        switch BoundedFileReader.read(root.appendingPathComponent("site.yaml"), limit: ContentLimits.defaults.fileBytes) {
        case .success(let read): data = read
        case .failure(.tooLarge(let size)):
            content.diagnostics.append(BoundedFileReader.tooLarge(file, size: size, limit: ContentLimits.defaults.fileBytes, key: nil))
            return
        case .failure(.unreadable) where FileManager.default.fileExists(atPath: root.appendingPathComponent("site.yaml").path):
            content.diagnostics.error(SourceLocation(file: file), "site.yaml cannot be read", code: "site.unreadable",
                                      hint: "it must be a readable file; nothing that depends on it was checked")
            return
        case .failure(.unreadable):
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
    private func loadDocuments(in folder: String, limits: ContentLimits, into diagnostics: inout Diagnostics) -> [RawDocument] {
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
            switch BoundedFileReader.read(directory.appendingPathComponent(name), limit: limits.fileBytes) {
            case .success(let data): return Self.parseDocument(data, file: file, slug: slug, limits: limits)
            case .failure(.tooLarge(let size)): return .failure(BoundedFileReader.tooLarge(file, size: size, limit: limits.fileBytes))
            case .failure(.unreadable): return .failure(.error(at: SourceLocation(file: file), "cannot read the file", code: "file.unreadable"))
            }
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

    public static func parseDocument(_ data: Data, file: String, slug: String,
                                     limits: ContentLimits = .defaults) -> Result<RawDocument, Diagnostic> {
        TextDecoder.decodeUTF8(data, file: file)
            .flatMap { FrontMatterDocument.split($0, file: file) }
            .flatMap { document in
                YAMLReader.parse(document.yaml, file: file, lineOffset: document.yamlLineOffset, limits: limits.yaml).flatMap { node in
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
