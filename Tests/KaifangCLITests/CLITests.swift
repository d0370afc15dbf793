import Foundation
import XCTest

/// Runs the built `kaifang` binary as a publisher would: exit codes,
/// diagnostics on stderr, and the output folder after success and failure.
final class CLITests: XCTestCase {
    static var binary: URL {
        // The test bundle sits in the same build folder as the executable.
        let bundle = Bundle(for: CLITests.self).bundleURL
        let candidates = [bundle.appendingPathComponent("kaifang"), bundle.deletingLastPathComponent().appendingPathComponent("kaifang")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ["SOURCE_DATE_EPOCH": "1795910400", "PATH": "/usr/bin:/bin"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A copy of the sample project in a temporary folder.
    func makeProject() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for name in ["Content", "Templates", "Public"] {
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    func testBuildSucceedsAndSummarises() throws {
        let project = try makeProject()
        let result = try run(["build"], in: project)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("datasets"), result.stdout)
        XCTAssertTrue(result.stdout.contains("pages"), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("_site/index.html").path))
    }

    func testABuildWithNothingChangedSaysTheSiteIsUpToDate() throws {
        let project = try makeProject()
        let first = try run(["build"], in: project)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("built _site/: "), first.stdout)
        let again = try run(["build"], in: project)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("_site/ is up to date (nothing changed since the last build; --full builds it again): "), again.stdout)
        XCTAssertEqual(again.stderr, first.stderr, "the same warnings, from the last build")
        let json = try run(["build", "--format", "json"], in: project)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any], json.stdout)
        XCTAssertEqual(document["up_to_date"] as? Bool, true)
        let forced = try run(["build", "--full"], in: project)
        XCTAssertTrue(forced.stdout.hasPrefix("built _site/: "), forced.stdout)
        XCTAssertTrue(try run(["build"], in: project).stdout.hasPrefix("_site/ is up to date"), "the forced build recorded its site")
        let datasets = project.appendingPathComponent("Content/datasets")
        let edited = datasets.appendingPathComponent(try FileManager.default.contentsOfDirectory(atPath: datasets.path).sorted()[0])
        try (try Data(contentsOf: edited) + Data("\n补充说明。\n".utf8)).write(to: edited)
        XCTAssertTrue(try run(["build"], in: project).stdout.hasPrefix("built _site/: "), "an edited dataset is built again")
    }

    func testContentErrorsExitOneWithEveryProblemAndLeaveTheSiteAlone() throws {
        let project = try makeProject()
        XCTAssertEqual(try run(["build"], in: project).status, 0)
        let index = project.appendingPathComponent("_site/index.html")
        let before = try Data(contentsOf: index)
        let bad = project.appendingPathComponent("Content/datasets/zz-bad.md")
        try Data("---\nid: ZZ-1\ntitle: 坏\norganization: nobody\nopen_type: sometimes\n---\n".utf8).write(to: bad)
        let result = try run(["build"], in: project)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("Content/datasets/zz-bad.md:4:15: error: unknown organization \"nobody\""), result.stderr)
        XCTAssertTrue(result.stderr.contains("Content/datasets/zz-bad.md:5:12: error: open_type \"sometimes\""), result.stderr)
        XCTAssertFalse(result.stderr.contains("Fatal error"))
        XCTAssertEqual(try Data(contentsOf: index), before, "the previous site is untouched")
    }

    func testAShrinkingBuildStopsUnlessAllowed() throws {
        let project = try makeProject()
        XCTAssertEqual(try run(["build"], in: project).status, 0)
        let datasets = project.appendingPathComponent("Content/datasets")
        for name in try FileManager.default.contentsOfDirectory(atPath: datasets.path).sorted().dropFirst(5) {
            try FileManager.default.removeItem(at: datasets.appendingPathComponent(name))
        }
        let refused = try run(["build"], in: project)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("_site:1:1: error: this build would publish "), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("hint: if datasets were removed on purpose, build with --allow-shrink"), refused.stderr)
        let allowed = try run(["build", "--allow-shrink"], in: project)
        XCTAssertEqual(allowed.status, 0, allowed.stderr)
    }

    func testCheckWritesNothing() throws {
        let project = try makeProject()
        let result = try run(["check"], in: project)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.appendingPathComponent("_site").path))
    }

    func testMisuseExitsTwo() throws {
        let project = try makeProject()
        XCTAssertEqual(try run(["build", "--no-such-flag"], in: project).status, 2)
        XCTAssertEqual(try run(["frobnicate"], in: project).status, 2)
    }

    func testJSONAndGitHubFormats() throws {
        let project = try makeProject()
        try Data("---\nid: ZZ-1\ntitle: 坏\norganization: nobody\nopen_type: open\n---\n".utf8)
            .write(to: project.appendingPathComponent("Content/datasets/zz-bad.md"))
        let json = try run(["check", "--format", "json"], in: project)
        XCTAssertEqual(json.status, 1)
        XCTAssertEqual(json.stderr, "", "with --format json everything is in the one document on stdout")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["succeeded"] as? Bool, false)
        let diagnostics = try XCTUnwrap(document["diagnostics"] as? [[String: Any]])
        let object = try XCTUnwrap(diagnostics.first { $0["code"] as? String == "dataset.organization" })
        XCTAssertEqual(object["file"] as? String, "Content/datasets/zz-bad.md")
        XCTAssertEqual(object["line"] as? Int, 4)
        XCTAssertEqual(document["errors"] as? Int, diagnostics.filter { $0["severity"] as? String == "error" }.count)
        let github = try run(["check", "--format", "github"], in: project)
        XCTAssertTrue(github.stderr.contains("::error file=Content/datasets/zz-bad.md,line=4,col=15"), github.stderr)
    }

    func testJSONOnACleanCatalogueSaysSoExplicitly() throws {
        let project = try makeProject()
        let json = try run(["check", "--format", "json"], in: project)
        XCTAssertEqual(json.status, 0, json.stderr)
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(document["succeeded"] as? Bool, true)
        XCTAssertEqual(document["errors"] as? Int, 0)
        XCTAssertEqual((document["diagnostics"] as? [Any])?.count, (document["warnings"] as? Int).map { $0 + (document["notes"] as? Int ?? 0) })
        XCTAssertGreaterThan(document["datasets"] as? Int ?? 0, 40)
        let build = try run(["build", "--format", "json"], in: project)
        XCTAssertEqual(build.status, 0, build.stderr)
        let built = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(build.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(built["command"] as? String, "build")
        XCTAssertGreaterThan(built["pages"] as? Int ?? 0, 40)
    }

    func testExplainPrintsACodesMeaningAndFix() throws {
        let project = try makeProject()
        let known = try run(["explain", "dataset.organization"], in: project)
        XCTAssertEqual(known.status, 0)
        XCTAssertTrue(known.stdout.hasPrefix("dataset.organization: The department is not a file in organizations/."), known.stdout)
        XCTAssertTrue(known.stdout.contains("fix: "), known.stdout)
        let typo = try run(["explain", "output.shrnk"], in: project)
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("did you mean output.shrink?"), typo.stderr)
        XCTAssertGreaterThan(try run(["explain"], in: project).stdout.split(separator: "\n").count, 50)
    }

    func testStrictTurnsWarningsIntoErrors() throws {
        let project = try makeProject()
        let page = project.appendingPathComponent("Content/pages/about.md")
        var text = try String(contentsOf: page, encoding: .utf8)
        text = text.replacingOccurrences(of: "---\n", with: "---\ncolour: red\n", options: [], range: text.range(of: "---\n"))
        try Data(text.utf8).write(to: page)
        XCTAssertEqual(try run(["check"], in: project).status, 0)
        let strict = try run(["check", "--strict"], in: project)
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stderr.contains("Content/pages/about.md:2:1: warning: unknown field \"colour\" is ignored"), strict.stderr)
    }

    func testRefusesToWriteIntoTheContentFolder() throws {
        let project = try makeProject()
        let result = try run(["build", "--output", "Content"], in: project)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent("Content/site.yaml").path))
    }

    func testNewDatasetScaffoldsAFileThatCheckExplains() throws {
        let project = try makeProject()
        let result = try run(["new", "dataset", "测试数据集", "--slug", "test-set", "--organization", "jtt"], in: project)
        XCTAssertEqual(result.status, 0, result.stderr)
        let file = project.appendingPathComponent("Content/datasets/test-set.md")
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("title: \"测试数据集\""))
        let check = try run(["check"], in: project)
        XCTAssertEqual(check.status, 1, "the scaffold's empty fields are pointed out")
        XCTAssertTrue(check.stderr.contains("Content/datasets/test-set.md:2:5: error: id is empty"), check.stderr)
        XCTAssertEqual(try run(["new", "dataset", "测试数据集", "--slug", "test-set"], in: project).status, 1, "never overwrites")
    }

    func testImportThenBuildAsAPublisherWould() throws {
        let sample = try makeProject()
        XCTAssertEqual(try run(["build"], in: sample).status, 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-cli-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        for name in ["Templates", "Public"] {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let source = sample.appendingPathComponent("_site/data.json").path
        // No site.yaml and no --base-url: nothing can be written, and the message says what to give.
        let refused = try run(["import", "datajson", "/nonexistent/data.json"], in: folder)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("error: cannot read /nonexistent/data.json [import.source]"), refused.stderr)
        let misuse = try run(["import", "excel", source], in: folder)
        XCTAssertEqual(misuse.status, 2, misuse.stderr)

        let imported = try run(["import", "datajson", source, "--base-url", "https://copy.example.gov.cn/"], in: folder)
        XCTAssertEqual(imported.status, 0, imported.stderr)
        XCTAssertTrue(imported.stdout.hasPrefix("import: 58 datasets from \(source) into Content/: "), imported.stdout)
        let again = try run(["import", "datajson", source, "--format", "json"], in: folder)
        XCTAssertEqual(again.status, 0, again.stderr)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any], again.stdout)
        XCTAssertEqual(document["command"] as? String, "import")
        XCTAssertEqual(document["datasets"] as? Int, 58)
        XCTAssertEqual((document["diagnostics"] as? [Any])?.count, 0)
        let built = try run(["build"], in: folder)
        XCTAssertEqual(built.status, 0, built.stderr)
    }

    func testHarvestWithoutSourcesSaysSoAndABadSourceIsAnError() throws {
        let project = try makeProject()
        let none = try run(["harvest"], in: project)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(none.stdout, "harvest: site.yaml lists no sources\n")
        let site = project.appendingPathComponent("Content/site.yaml")
        try (try String(contentsOf: site, encoding: .utf8) + "sources:\n  - {name: 济南, url: \"ftp://x.example.cn/catalog.json\"}\n")
            .write(to: site, atomically: true, encoding: .utf8)
        let bad = try run(["harvest"], in: project)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("error: source url \"ftp://x.example.cn/catalog.json\" is not an http(s) address or a file path [site.sources]"), bad.stderr)
    }
}
