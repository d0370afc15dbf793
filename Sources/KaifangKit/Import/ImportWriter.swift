import Foundation

/// Writes an imported catalogue into a `Content/` folder. Importing the same
/// source again rewrites the same files: a dataset goes to the file that
/// already holds its id, a department to the file that already holds its
/// name, so nothing is duplicated and a renamed file keeps its name.
public struct ImportWriter {
    public struct Summary: Sendable, Equatable {
        public var created: [String] = []
        public var updated: [String] = []
        public var unchanged: [String] = []
        public var siteFile: String?

        public var line: String {
            "\(created.count) files created, \(updated.count) updated, \(unchanged.count) unchanged"
                + (siteFile.map { " (\($0))" } ?? "")
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case noBaseURL
        case unreadableSite(String)

        public var description: String {
            switch self {
            case .noBaseURL:
                return "there is no site.yaml and the source gives no address of its own: give the portal's address with --base-url https://…"
            case .unreadableSite(let message): return message
            }
        }
    }

    public let content: URL
    private let fileManager = FileManager.default

    public init(content: URL) {
        self.content = content
    }

    public func write(_ catalog: ImportedCatalog, baseURL: String?) throws -> Summary {
        var summary = Summary()
        try fileManager.createDirectory(at: content.appendingPathComponent("datasets"), withIntermediateDirectories: true)
        try writeSite(catalog, baseURL: baseURL, &summary)
        if !catalog.organizations.isEmpty {
            try fileManager.createDirectory(at: content.appendingPathComponent("organizations"), withIntermediateDirectories: true)
        }
        let existingOrganizations = existingFiles(in: "organizations") { fields in
            (fields["name"]?.scalar ?? fields["title"]?.scalar).map { [$0] } ?? []
        }
        var organizationSlugs: [String: String] = [:]
        var takenOrganizations = Set(existingOrganizations.values)
        for organization in catalog.organizations {
            var slug = existingOrganizations[organization.name] ?? organization.slug
            if existingOrganizations[organization.name] == nil {
                slug = Self.freeName(slug, taken: &takenOrganizations)
            }
            organizationSlugs[organization.slug] = slug
            try put(ImportYAML.organizationFile(organization), at: "organizations/\(slug).md", &summary)
        }
        let existingDatasets = existingFiles(in: "datasets") { fields in fields["id"]?.scalar.map { [$0] } ?? [] }
        var takenDatasets = Set(existingDatasets.values)
        for var dataset in catalog.datasets {
            if let organization = dataset.organization { dataset.organization = organizationSlugs[organization] ?? organization }
            let slug = existingDatasets[dataset.id] ?? Self.freeName(dataset.slug, taken: &takenDatasets)
            try put(ImportYAML.datasetFile(dataset), at: "datasets/\(slug).md", &summary)
        }
        return summary
    }

    /// A file name not yet used, compared as file systems that ignore case do.
    static func freeName(_ wanted: String, taken: inout Set<String>) -> String {
        let keys = Set(taken.map(Slug.collisionKey))
        var name = wanted
        var counter = 2
        while keys.contains(Slug.collisionKey(name)) {
            name = "\(wanted)-\(counter)"
            counter += 1
        }
        taken.insert(name)
        return name
    }

    /// Maps a key read from each file's front matter (a dataset's id, a department's name) to the file's name.
    private func existingFiles(in folder: String, keys: (YAMLNode) -> [String]) -> [String: String] {
        let directory = content.appendingPathComponent(folder)
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else { return [:] }
        var result: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".md") {
            // Read through the same guarded reader as a build: a file of Content/ may hold anything.
            guard let data = fileManager.contents(atPath: directory.appendingPathComponent(name).path),
                  let text = String(data: data, encoding: .utf8),
                  case .success(let document) = FrontMatterDocument.split(TextDecoder.normalizeLineEnds(text), file: name),
                  case .success(let fields) = YAMLReader.parse(document.yaml, file: name) else { continue }
            for key in keys(fields) where result[key] == nil { result[key] = String(name.dropLast(3)) }
        }
        return result
    }

    private func put(_ text: String, at relative: String, _ summary: inout Summary) throws {
        let url = content.appendingPathComponent(relative)
        let data = Data(text.utf8)
        if let existing = fileManager.contents(atPath: url.path) {
            if existing == data { summary.unchanged.append(relative); return }
            summary.updated.append(relative)
        } else {
            summary.created.append(relative)
        }
        try data.write(to: url, options: .atomic)
    }

    /// Creates site.yaml when there is none; otherwise adds the themes it lacks, keeping every other line as written.
    private func writeSite(_ catalog: ImportedCatalog, baseURL: String?, _ summary: inout Summary) throws {
        let url = content.appendingPathComponent("site.yaml")
        guard let existing = fileManager.contents(atPath: url.path) else {
            guard let address = baseURL ?? catalog.baseURL else { throw Failure.noBaseURL }
            var lines = ["title: " + ImportYAML.scalar(catalog.title ?? "开放数据"),
                         "base_url: " + ImportYAML.scalar(address.hasSuffix("/") ? address : address + "/"),
                         "language: zh-CN"]
            if !catalog.themes.isEmpty {
                lines.append("themes:")
                lines += catalog.themes.map { ImportYAML.themeLine($0, indent: "  ") }
            }
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
            summary.created.append("site.yaml")
            summary.siteFile = "site.yaml created"
            return
        }
        guard let text = String(data: existing, encoding: .utf8) else { throw Failure.unreadableSite("site.yaml is not UTF-8 text") }
        let site = try? YAMLReader.parse(text, file: "site.yaml").get()
        let known = Set((site?["themes"]?.items ?? []).compactMap { $0["slug"]?.scalar })
        let missing = catalog.themes.filter { !known.contains($0.slug) }
        guard !missing.isEmpty else { summary.unchanged.append("site.yaml"); return }
        var lines = TextDecoder.normalizeLineEnds(text).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        if let themesLine = lines.firstIndex(where: { $0.hasPrefix("themes:") }) {
            guard lines[themesLine].trimmingCharacters(in: .whitespaces) == "themes:" else {
                throw Failure.unreadableSite("site.yaml writes `themes:` on one line; write it as a list (one `- {slug: …, title: …}` per line) so the import can add themes")
            }
            var end = themesLine + 1
            var indent = "  "
            while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("-") || lines[end].hasPrefix("#") {
                if lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("- ") {
                    indent = String(lines[end].prefix(while: { $0 == " " }))
                }
                end += 1
            }
            while end > themesLine + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            lines.insert(contentsOf: missing.map { ImportYAML.themeLine($0, indent: indent) }, at: end)
        } else {
            lines.append("themes:")
            lines += missing.map { ImportYAML.themeLine($0, indent: "  ") }
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url, options: .atomic)
        summary.updated.append("site.yaml")
        summary.siteFile = "\(missing.count) themes added to site.yaml"
    }
}
