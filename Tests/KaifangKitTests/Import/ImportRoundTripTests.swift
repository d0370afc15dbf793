import XCTest
@testable import KaifangKit

/// What Kaifang exports, Kaifang imports: the sample portal is built, each
/// catalogue export is imported into an empty folder, and the imported
/// portal builds cleanly and publishes the same fields the export carried.
final class ImportRoundTripTests: XCTestCase {
    /// The sample portal's site, built once for the class.
    nonisolated(unsafe) private static var sample: (root: URL, site: URL)?

    override class func tearDown() {
        if let root = sample?.root { try? FileManager.default.removeItem(at: root) }
        sample = nil
        super.tearDown()
    }

    private func sampleSite() throws -> URL {
        if let sample = Self.sample { return sample.site }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-import-\(UUID().uuidString)")
        var options = BuildOptions.project(at: PortalFixture.repositoryRoot, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2026, month: 12, day: 1)
        options.output = root.appendingPathComponent("_site")
        options.projectRoot = root
        let report = Build.build(options)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        Self.sample = (root, options.output)
        return options.output
    }

    /// An empty project with the default theme, ready to import into.
    private func emptyProject() throws -> ImportProject { try ImportProject() }

    private func catalogJSON(_ url: URL) throws -> [String: [String: Any]] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let datasets = try XCTUnwrap(json["datasets"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: datasets.map { ($0["id"] as! String, $0) })
    }

    private func compare(_ original: [String: [String: Any]], _ imported: [String: [String: Any]], fields: [String],
                         resourceFields: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Set(original.keys), Set(imported.keys), file: file, line: line)
        for (id, dataset) in original {
            guard let copy = imported[id] else { continue }
            for field in fields {
                XCTAssertEqual(Self.normalized(dataset[field]), Self.normalized(copy[field]), "\(id).\(field)", file: file, line: line)
            }
            let resources = (dataset["resources"] as? [[String: Any]]) ?? []
            let copied = (copy["resources"] as? [[String: Any]]) ?? []
            XCTAssertEqual(resources.count, copied.count, "\(id): resources", file: file, line: line)
            for (index, resource) in zip(resources, copied).enumerated() {
                for field in resourceFields {
                    XCTAssertEqual(Self.normalized(resource.0[field]), Self.normalized(resource.1[field]), "\(id).resources[\(index)].\(field)",
                                   file: file, line: line)
                }
            }
        }
    }

    /// JSON values compared as text; text with its runs of white space as one space (DCAT and
    /// data.json carry a description as plain text on one line).
    private static func normalized(_ value: Any?) -> String {
        guard let value, !(value is NSNull) else { return "null" }
        if let text = value as? String {
            return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    func testKaifangsOwnCatalogJSONComesBackWithEveryField() throws {
        let site = try sampleSite()
        let project = try emptyProject()
        let result = project.importing(.kaifang, site.appendingPathComponent("catalog.json").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.filter { $0.code == "import.unmapped" }.count, 0, result.lines.joined(separator: "\n"))
        let built = try project.build()
        XCTAssertEqual(built.report.diagnostics.filter { $0.severity != .note }.count, 0, PortalFixture.lines(built.report).joined(separator: "\n"))
        let original = try catalogJSON(site.appendingPathComponent("catalog.json"))
        let copy = try catalogJSON(built.site.appendingPathComponent("catalog.json"))
        compare(original, copy,
                fields: ["slug", "url", "title", "description", "organization", "themes", "keywords", "open_type", "share_type",
                         "update_frequency", "issued", "modified", "license", "contact", "spatial", "temporal",
                         "title_en", "description_en"],
                // byte_size and sha256 belong to files the source hosts; the import links them at the source.
                resourceFields: ["name", "format", "media_type", "description", "download_url", "schema"])
    }

    /// A sharing site's catalog.json (another province's or city's) comes back with
    /// its sharing terms, including closed datasets that may be shared.
    func testASharingSitesCatalogJSONComesBackWithTheSharingTerms() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var options = BuildOptions.project(at: PortalFixture.repositoryRoot, environment: ["SOURCE_DATE_EPOCH": "1764374400"])
        options.buildDay = Day(year: 2026, month: 12, day: 1)
        options.profile = .share
        options.output = root.appendingPathComponent("_share")
        options.projectRoot = root
        let shared = Build.build(options)
        XCTAssertTrue(shared.succeeded, PortalFixture.lines(shared).joined(separator: "\n"))
        let original = try catalogJSON(options.output.appendingPathComponent("catalog.json"))
        XCTAssertTrue(original.values.contains { $0["share_condition"] is String && $0["open_type"] as? String == "closed" },
                      "the sample shares a closed dataset on conditions")

        let project = try emptyProject()
        let result = project.importing(.kaifang, options.output.appendingPathComponent("catalog.json").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.filter { $0.code == "import.unmapped" }.count, 0, result.lines.joined(separator: "\n"))
        let site = try project.file("Content/site.yaml")
        try project.write("Content/site.yaml", site + "\nprofiles:\n  share:\n    title: 共享网站\n    base_url: https://share.example.gov.cn/\n"
                          + "    request_procedure: 经共享平台提出申请。\n")
        var copyOptions = BuildOptions.project(at: project.root, environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        copyOptions.buildDay = Day(year: 2026, month: 12, day: 1)
        copyOptions.profile = .share
        let built = Build.build(copyOptions)
        XCTAssertTrue(built.succeeded, PortalFixture.lines(built).joined(separator: "\n"))
        let copy = try catalogJSON(copyOptions.output.appendingPathComponent("catalog.json"))
        compare(original, copy, fields: ["title", "open_type", "share_type", "share_condition", "share_method", "share_requirements"],
                resourceFields: ["name", "format"])
    }

    func testDCATInEachSyntaxComesBackWithTheFieldsDCATCarries() throws {
        let site = try sampleSite()
        let original = try catalogJSON(site.appendingPathComponent("catalog.json"))
        XCTAssertGreaterThan(original.values.filter { $0["title_en"] != nil }.count, 1, "the sample has English titles to bring back")
        for file in ["catalog.ttl", "catalog.rdf", "catalog.jsonld"] {
            let project = try emptyProject()
            let result = project.importing(.dcat, site.appendingPathComponent(file).path, baseURL: "https://copy.example.gov.cn/")
            XCTAssertTrue(result.succeeded, "\(file): " + result.lines.joined(separator: "\n"))
            let built = try project.build()
            XCTAssertEqual(built.report.diagnostics.filter { $0.severity != .note }.count, 0,
                           "\(file): " + PortalFixture.lines(built.report).joined(separator: "\n"))
            let copy = try catalogJSON(built.site.appendingPathComponent("catalog.json"))
            compare(original, copy,
                    fields: ["slug", "title", "themes", "keywords", "open_type", "update_frequency", "issued", "modified",
                             "license", "contact", "spatial", "temporal", "description_text", "title_en"],
                    resourceFields: ["name", "media_type", "description"])
            for (id, dataset) in original {
                // Formats are names compared without case (GeoJSON is GEOJSON). A conditional dataset's
                // distributions all point at its page in DCAT, so an API there reads back as the JSON it serves.
                let conditional = dataset["open_type"] as? String == "conditional"
                for (resource, copiedResource) in zip(dataset["resources"] as? [[String: Any]] ?? [], copy[id]?["resources"] as? [[String: Any]] ?? []) {
                    let format = (resource["format"] as? String)?.uppercased()
                    let expected = conditional && format == "API" ? "JSON" : format
                    XCTAssertEqual(expected, (copiedResource["format"] as? String)?.uppercased(), "\(file): \(id) format")
                }
                let organization = dataset["organization"] as? [String: Any]
                let copied = copy[id]?["organization"] as? [String: Any]
                XCTAssertEqual(organization?["name"] as? String, copied?["name"] as? String, "\(file): \(id) organization")
                XCTAssertEqual(organization?["code"] as? String, copied?["code"] as? String, "\(file): \(id) organization code")
                for (resource, copiedResource) in zip(dataset["resources"] as? [[String: Any]] ?? [], copy[id]?["resources"] as? [[String: Any]] ?? [])
                where resource["download_url"] is String {
                    XCTAssertEqual(resource["download_url"] as? String, copiedResource["download_url"] as? String, "\(file): \(id) download")
                }
            }
        }
    }

    func testDataJSONComesBackWithTheFieldsDCATUSCarries() throws {
        let site = try sampleSite()
        let project = try emptyProject()
        let result = project.importing(.datajson, site.appendingPathComponent("data.json").path, baseURL: "https://copy.example.gov.cn/")
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.filter { $0.code == "import.unmapped" }.count, 0, result.lines.joined(separator: "\n"))
        let built = try project.build()
        XCTAssertEqual(built.report.diagnostics.filter { $0.severity != .note }.count, 0, PortalFixture.lines(built.report).joined(separator: "\n"))
        let original = try catalogJSON(site.appendingPathComponent("catalog.json"))
        let copy = try catalogJSON(built.site.appendingPathComponent("catalog.json"))
        compare(original, copy,
                fields: ["slug", "title", "keywords", "update_frequency", "issued", "modified", "license", "spatial", "temporal",
                         "description_text"],
                resourceFields: ["name", "format", "description"])
        for (id, dataset) in original {
            // DCAT-US says public or restricted public; a conditional dataset stays conditional.
            XCTAssertEqual(dataset["open_type"] as? String, copy[id]?["open_type"] as? String, id)
            XCTAssertEqual((dataset["themes"] as? [[String: Any]])?.map { $0["title"] as? String },
                           (copy[id]?["themes"] as? [[String: Any]])?.map { $0["title"] as? String }, id)
        }
    }

    func testImportingAgainChangesNothingAndFindsRenamedFiles() throws {
        let site = try sampleSite()
        let project = try emptyProject()
        let source = site.appendingPathComponent("catalog.json").path
        let first = project.importing(.kaifang, source)
        let created = try XCTUnwrap(first.summary).created.count
        XCTAssertGreaterThan(created, 50)

        let again = try XCTUnwrap(project.importing(.kaifang, source).summary)
        XCTAssertEqual(again.created, [])
        XCTAssertEqual(again.updated, [])
        XCTAssertEqual(again.unchanged.count, created)

        // A publisher renames a dataset's file and edits the source's title: the same file is updated, none is added.
        let datasets = project.content.appendingPathComponent("datasets")
        try FileManager.default.moveItem(at: datasets.appendingPathComponent("bus-routes-jinan.md"),
                                         to: datasets.appendingPathComponent("gongjiao-xianlu.md"))
        var text = try String(contentsOfFile: source, encoding: .utf8)
        let dataset = try XCTUnwrap(try catalogJSON(URL(fileURLWithPath: source)).values.first { $0["slug"] as? String == "bus-routes-jinan" })
        let title = try XCTUnwrap(dataset["title"] as? String)
        text = text.replacingOccurrences(of: "\"title\": \"\(title)\"", with: "\"title\": \"\(title)（修订）\"")
        let edited = project.root.appendingPathComponent("edited-catalog.json")
        try Data(text.utf8).write(to: edited)
        let third = try XCTUnwrap(project.importing(.kaifang, edited.path).summary)
        XCTAssertEqual(third.created, [])
        XCTAssertEqual(third.updated, ["datasets/gongjiao-xianlu.md"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: datasets.appendingPathComponent("bus-routes-jinan.md").path))
        XCTAssertTrue(try String(contentsOf: datasets.appendingPathComponent("gongjiao-xianlu.md"), encoding: .utf8).contains("（修订）"))
    }
}

/// A folder to import into: `Content/` (empty until an import), the default theme, and a build of it.
final class ImportProject {
    let root: URL
    var content: URL { root.appendingPathComponent("Content") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PortalFixture.repositoryRoot.appendingPathComponent("Templates"),
                                         to: root.appendingPathComponent("Templates"))
        try FileManager.default.copyItem(at: PortalFixture.repositoryRoot.appendingPathComponent("Public"),
                                         to: root.appendingPathComponent("Public"))
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        try write(path, data: Data(text.utf8))
    }

    func write(_ path: String, data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func importing(_ format: ImportFormat, _ source: String, baseURL: String? = "https://data.example.gov.cn/") -> ImportResult {
        Importer.run(format, source: source, content: content, baseURL: baseURL)
    }

    func build() throws -> (report: BuildReport, site: URL) {
        var options = BuildOptions.project(at: root, environment: ["SOURCE_DATE_EPOCH": "1764547200"])
        options.buildDay = Day(year: 2026, month: 12, day: 1)
        return (Build.build(options), options.output)
    }

    func file(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

extension ImportResult {
    /// Each diagnostic on one line, without its hint.
    var lines: [String] { diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.code)]" } }
}
