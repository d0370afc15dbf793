import Foundation
import XCTest

/// The same input gives byte-identical output at any catalogue size and any
/// thread schedule. Swift seeds its hash function per process, so
/// dictionary and set order differ between two runs of `kaifang` but never
/// within one: the two builds run as two processes, at the same time so
/// that their threads interleave differently, on a generated catalogue of
/// 2,000 datasets (and catalog.csv rows), and the two trees are compared
/// file by file, byte by byte.
final class DeterminismTests: XCTestCase {
    static var generator: URL {
        CLITests.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/bench/gen-corpus")
    }

    func testTwoProcessesBuildByteIdenticalSitesFromA2000DatasetCorpus() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.generator.path) else {
            throw XCTSkip("needs ../shared/bench/gen-corpus beside the repository (the conformance kit)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-determinism-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }

        let generate = try run(Self.generator, ["--datasets", "2000", "--catalog-csv", "--csv-only", "20", "--out", folder.appendingPathComponent("corpus").path],
                               in: folder)
        XCTAssertEqual(generate.waitForStatus(), 0, generate.stderr())

        let builds = try (1...2).map { number in
            try run(CLITests.binary, [
                "build", "--content", "corpus/Content",
                "--templates", CLITests.repositoryRoot.appendingPathComponent("Templates").path,
                "--public", CLITests.repositoryRoot.appendingPathComponent("Public").path,
                "--output", "site-\(number)",
            ], in: folder)
        }
        for build in builds { XCTAssertEqual(build.waitForStatus(), 0, build.stderr()) }

        let first = try tree(folder.appendingPathComponent("site-1"))
        let second = try tree(folder.appendingPathComponent("site-2"))
        XCTAssertGreaterThan(first.count, 4_000, "the corpus should give thousands of files")
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted(), "the two builds wrote different files")
        let differing = first.keys.sorted().filter { first[$0] != second[$0] }
        XCTAssertEqual(differing, [], "files that differ between two builds of the same input")
    }

    /// Every file under `root` by relative path.
    private func tree(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// A started process; its output goes to files so that a full pipe never blocks it.
    struct Running {
        var process: Process
        var errorFile: URL

        func waitForStatus() -> Int32 {
            process.waitUntilExit()
            return process.terminationStatus
        }

        func stderr() -> String {
            String(decoding: (try? Data(contentsOf: errorFile)) ?? Data(), as: UTF8.self)
        }
    }

    private func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        // No SWIFT_DETERMINISTIC_HASHING: each process keeps its own random hash seed.
        process.environment = ["SOURCE_DATE_EPOCH": "1795910400", "PATH": "/usr/local/bin:/usr/bin:/bin"]
        let errorFile = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, errorFile: errorFile)
    }
}
