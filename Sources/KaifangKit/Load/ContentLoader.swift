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
        switch FileSystemEntry.at(root.path) {
        case .folder: break
        case .missing:
            content.diagnostics.error(SourceLocation(file: displayRoot, line: 1, column: 1),
                                      "the content folder does not exist", code: "content.missing",
                                      hint: "run kaifang in the folder that holds Content/, or pass --content PATH")
            return content
        case let entry:
            content.diagnostics.error(SourceLocation(file: displayRoot, line: 1, column: 1),
                                      "the content folder cannot be read: \(entry.problem(expecting: .folder) ?? "unknown")",
                                      code: "content.unreadable", hint: Self.unreadableHint)
            return content
        }
        loadSite(into: &content)
        content.licenseNames = loadOptionalYAML("_data/licenses.yml", into: &content.diagnostics)
        let limits = ContentLimits(site: content.site)
        content.datasets = loadDocuments(in: "datasets", limits: limits, into: &content.diagnostics)
        content.organizations = loadDocuments(in: "organizations", limits: limits, into: &content.diagnostics)
        content.pages = loadDocuments(in: "pages", limits: limits, into: &content.diagnostics)
        let catalogURL = root.appendingPathComponent("catalog.csv")
        if let data = readOptionalFile("catalog.csv", limit: limits.catalogBytes, limitKey: "catalog_bytes", into: &content.diagnostics) {
            let catalog = CatalogCSVLoader(file: displayPath("catalog.csv")).load(data)
            content.catalogRows = catalog.rows
            content.diagnostics.append(contentsOf: catalog.diagnostics)
        }
        // Resources name files in data/; each is checked where it is used,
        // but a data/ that exists and cannot be read is said once, plainly.
        if let problem = FileSystemEntry.at(root.appendingPathComponent("data").path).problem(expecting: .folder) {
            content.diagnostics.error(SourceLocation(file: displayPath("data")), "data/ cannot be read: \(problem)",
                                      code: "content.unreadable", hint: Self.unreadableHint)
        }
        if !content.diagnostics.hasErrors, content.datasets.isEmpty, content.catalogRows.isEmpty,
           FileSystemEntry.at(root.appendingPathComponent("datasets").path) == .missing,
           FileSystemEntry.at(catalogURL.path) == .missing {
            content.diagnostics.error(SourceLocation(file: displayRoot), "the content has no datasets: neither datasets/ nor catalog.csv exists",
                                      code: "content.empty",
                                      hint: "add Content/datasets/<slug>.md files or a Content/catalog.csv; a portal with no datasets is almost always a wrong --content")
        }
        return content
    }

    static let unreadableHint = "restore it or fix its permissions; a part of the content that cannot be read is never taken for an empty one"

    func displayPath(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    /// A file that may be absent; anything there that is not a readable file is an error.
    /// `limit` bounds its size (site.yaml's own limits cannot come from site.yaml: the defaults apply to it).
    private func readOptionalFile(_ relative: String, limit: Int = ContentLimits.defaults.fileBytes, limitKey: String? = nil,
                                  into diagnostics: inout Diagnostics) -> Data? {
        let path = root.appendingPathComponent(relative).path
        let entry = FileSystemEntry.at(path)
        if entry == .missing { return nil }
        if let problem = entry.problem(expecting: .file) {
            diagnostics.error(SourceLocation(file: displayPath(relative)), "\(relative) cannot be read: \(problem)",
                              code: "content.unreadable", hint: Self.unreadableHint)
            return nil
        }
        switch BoundedFileReader.read(path, limit: limit) {
        case .success(let data): return data
        case .failure(.tooLarge(let size)):
            diagnostics.append(BoundedFileReader.tooLarge(displayPath(relative), size: size, limit: limit, key: limitKey))
            return nil
        case .failure(.unreadable(let reason)):
            diagnostics.error(SourceLocation(file: displayPath(relative)), "\(relative) cannot be read: \(reason)",
                              code: "content.unreadable", hint: Self.unreadableHint)
            return nil
        }
    }

    private func loadOptionalYAML(_ relative: String, into diagnostics: inout Diagnostics) -> YAMLNode? {
        guard let data = readOptionalFile(relative, into: &diagnostics) else { return nil }
        let file = displayPath(relative)
        switch TextDecoder.decodeUTF8(data, file: file).flatMap({ YAMLReader.parse($0, file: file) }) {
        case .success(let node): return node
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return nil
        }
    }

    private func loadSite(into content: inout RawContent) {
        let file = displayPath("site.yaml")
        guard FileSystemEntry.at(root.appendingPathComponent("site.yaml").path) != .missing else {
            content.diagnostics.error(SourceLocation(file: file), "site.yaml is missing", code: "site.missing",
                                      hint: "create Content/site.yaml with at least title, base_url and themes")
            return
        }
        guard let data = readOptionalFile("site.yaml", into: &content.diagnostics) else { return }
        switch TextDecoder.decodeUTF8(data, file: file).flatMap({ YAMLReader.parse($0, file: file) }) {
        case .success(let node): content.site = node
        case .failure(let diagnostic): content.diagnostics.append(diagnostic)
        }
    }

    /// Reads every `*.md` file of a folder, sorted by name. A folder that is
    /// absent holds nothing; one that is there but cannot be read, or an
    /// entry that is not a readable file, is an error.
    private func loadDocuments(in folder: String, limits: ContentLimits, into diagnostics: inout Diagnostics) -> [RawDocument] {
        let directory = root.appendingPathComponent(folder)
        let entry = FileSystemEntry.at(directory.path)
        if entry == .missing { return [] }
        if let problem = entry.problem(expecting: .folder) {
            diagnostics.error(SourceLocation(file: displayPath(folder)), "\(folder)/ cannot be read: \(problem)",
                              code: "content.unreadable", hint: Self.unreadableHint)
            return []
        }
        let names: [String]
        do {
            names = try FileSystem.listFolder(directory.path).filter { !$0.hasPrefix(".") }
        } catch {
            let reason = FileSystemError.reason(of: error)
            diagnostics.error(SourceLocation(file: displayPath(folder)), "\(folder)/ cannot be read: \(reason)",
                              code: "content.unreadable", hint: Self.unreadableHint)
            return []
        }
        // Paths as strings: appending to a file URL asks the file system whether each name is a folder.
        let directoryPath = directory.path
        var markdownNames: [String] = []
        for name in names {
            let file = displayPath("\(folder)/\(name)")
            let path = directoryPath + "/" + name
            let entry = FileSystemEntry.at(path)
            if name.hasSuffix(".md") {
                if let problem = entry.problem(expecting: .file) {
                    diagnostics.error(SourceLocation(file: file), "cannot read the file: \(problem)", code: "file.unreadable",
                                      hint: Self.unreadableHint)
                } else if entry != .missing {
                    markdownNames.append(name)
                }
            } else if entry == .folder, Self.holdsMarkdown(path) != false {
                diagnostics.error(SourceLocation(file: file),
                                  Self.holdsMarkdown(path) == nil ? "this folder cannot be read, and only \(folder)/*.md is read, not subfolders"
                                      : "this folder holds .md files, but only \(folder)/*.md is read, not subfolders",
                                  code: "content.subfolder", hint: "move its .md files up into \(displayPath(folder))/")
            } else {
                diagnostics.warning(SourceLocation(file: file),
                                    "this file is ignored: only .md files are read here", code: "content.ignored-file")
            }
        }
        let results = markdownNames.parallelMap { name -> Result<RawDocument, Diagnostic> in
            let file = displayPath("\(folder)/\(name)")
            let slug = String(name.dropLast(3))
            switch BoundedFileReader.read(directoryPath + "/" + name, limit: limits.fileBytes) {
            case .success(let data): return Self.parseDocument(data, file: file, slug: slug, limits: limits)
            case .failure(.tooLarge(let size)): return .failure(BoundedFileReader.tooLarge(file, size: size, limit: limits.fileBytes))
            case .failure(.unreadable(let reason)):
                return .failure(.error(at: SourceLocation(file: file), "cannot read the file: \(reason)", code: "file.unreadable",
                                       hint: Self.unreadableHint))
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

    /// Nil when the folder cannot be listed.
    static func holdsMarkdown(_ folder: String) -> Bool? {
        guard let names = try? FileSystem.listFolder(folder) else { return nil }
        return names.contains { $0.hasSuffix(".md") && !$0.hasPrefix(".") }
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
