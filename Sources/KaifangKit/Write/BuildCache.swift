import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lets `kaifang build` skip a build that would write exactly the site that is
/// already there. After each successful build it keeps, in
/// `.kaifang-cache/build-<output>.json` beside the content folder (where the
/// link cache lives, ignored by git), two digests and the build's report:
///
/// - **inputs**: every byte the build reads (content, templates, public files,
///   harvested catalogues, the link cache), the options that shape the output
///   (profile, strictness, the build day, every folder's path), the commits
///   the change history is read from, and the bytes of the Kaifang executable;
/// - **output**: the output folder as the build left it (every entry's path,
///   kind, mode, size and modification time to the nanosecond), so a site
///   edited, deleted or replaced by hand is built again, while a copy that
///   keeps times (a CI cache restored with tar, `cp -a`, `rsync -a`) is not.
///
/// When both digests are unchanged the site is left as it is and the stored
/// report (its warnings included) is given again. Anything the digests cannot
/// vouch for (an unreadable file, a folder too deep, no way to name the
/// executable) means no skip: a full build, never a stale site.
public struct BuildCache: Sendable {
    public enum Mode: Sendable {
        /// Neither read nor written: every build is a full build.
        case off
        /// A full build, recorded for the next one (`kaifang build --full`).
        case refresh
        /// Skipped when nothing changed; recorded otherwise (`kaifang build`).
        case use
    }

    static let formatVersion = 2
    /// Folders deeper than this (a symbolic-link loop) are not digested: the build runs in full.
    static let depthLimit = 64
    /// More entries than this (links copying a tree many times over) are not digested either.
    static let entryLimit = 10_000_000

    public let file: URL
    let options: BuildOptions
    let tool: String

    /// - Parameter tool: what identifies the Kaifang that builds: nil for the
    ///   running executable, empty when it cannot be told (then nothing is skipped).
    public init(options: BuildOptions, tool: String? = nil) {
        self.options = options
        self.tool = tool ?? Self.runningTool ?? ""
        file = Self.location(content: options.content, output: options.output)
    }

    /// `.kaifang-cache/build-<16 hex digits of the output's path>.json` beside the content folder.
    public static func location(content: URL, output: URL) -> URL {
        let name = "build-" + SHA256Hasher.hex(of: Data(output.standardizedFileURL.path.utf8)).prefix(16) + ".json"
        return content.deletingLastPathComponent().appendingPathComponent(".kaifang-cache").appendingPathComponent(name)
    }

    /// The SHA-256 of this process's executable (28 MB, hashed once per
    /// process): installing or rebuilding Kaifang with other code changes it;
    /// a CI runner that recompiles the same sources into a fresh checkout, or
    /// restores the binary from a cache, does not.
    public static let runningTool: String? = (try? FileDigest.sha256AndSize(of: URL(fileURLWithPath: "/proc/self/exe")))
        .map { "sha256:\($0.sha256)" }

    // MARK: Inputs

    /// The digest of everything the build reads; nil when some of it cannot be vouched for.
    /// - Parameter git: the listing the change history is read from (nil: no history is read).
    public func inputDigest(git: ChangeHistory.Listing?) -> String? {
        guard !tool.isEmpty else { return nil }
        var lines: [String] = [
            "kaifang build cache \(Self.formatVersion)",
            "tool \(tool)",
            "profile \(options.profile.rawValue)",
            "strict \(options.strict)",
            "day \(options.buildDay)",
            "history \(options.readHistory)",
            "project \(options.projectRoot.standardizedFileURL.path)",
            "output \(options.output.standardizedFileURL.path)",
        ]
        var files: [(label: String, path: String)] = []
        let folders: [(String, URL)] = [("content", options.content), ("templates", options.templates),
                                        ("public", options.publicFolder), ("harvest", options.harvest)]
        for (label, folder) in folders {
            lines.append("\(label) \(folder.standardizedFileURL.path)")
            guard Self.list(folder.path, label: label, depth: 0, into: &lines, files: &files) else { return nil }
        }
        let linkCache = options.linkCacheFile.path
        lines.append("link cache \(linkCache)")
        switch FileSystemEntry.at(linkCache) {
        case .missing: lines.append("missing")
        case .file: files.append(("link cache", linkCache))
        default: return nil
        }
        // Each listed commit's hash names its files' bytes; a commit touching neither datasets/ nor catalog.csv changes nothing here.
        lines.append(git.map { "git \($0.shallow) \($0.prefix) \(SHA256Hasher.hex(of: Data($0.log.utf8)))" } ?? "git none")

        let digests: [String?] = files.parallelMap { file in
            (try? FileDigest.sha256AndSize(of: URL(fileURLWithPath: file.path))).map { "\($0.byteSize) \($0.sha256)" }
        }
        let hasher = SHA256Hasher()
        for line in lines { hasher.update(Data((line + "\n").utf8)) }
        for (file, digest) in zip(files, digests) {
            guard let digest else { return nil }
            hasher.update(Data("bytes \(file.label) \(digest)\n".utf8))
        }
        return SHA256Hasher.hex(hasher.finalize())
    }

    /// Names every entry under `path` in a fixed order and queues its files
    /// for hashing; false when something there cannot be read, or when
    /// symbolic links lead back into a folder being listed or make the tree
    /// larger than `entryLimit` (the build then runs in full and reports them).
    static func list(_ path: String, label: String, depth: Int, into lines: inout [String], files: inout [(label: String, path: String)],
                     ancestors: Set<String> = []) -> Bool {
        guard depth < depthLimit, lines.count < entryLimit else { return false }
        switch FileSystemEntry.at(path) {
        case .missing:
            lines.append("missing \(label)")
            return true
        case .file:
            lines.append("file \(label)")
            files.append((label, path))
            return true
        case .folder:
            guard let real = realpath(path, nil) else { return false }
            let resolved = String(cString: real)
            free(real)
            guard !ancestors.contains(resolved), let names = try? FileSystem.listFolder(path) else { return false }
            let within = ancestors.union([resolved])
            lines.append("folder \(label)")
            for name in names where name != ".git" {
                let child = path + "/" + name
                if let target = FileSystem.linkTarget(child) { lines.append("link \(label)/\(name) \(target)") }
                guard list(child, label: label + "/" + name, depth: depth + 1, into: &lines, files: &files, ancestors: within) else { return false }
            }
            return true
        case .danglingLink(let target):
            lines.append("dangling \(label) \(target)")
            return true
        case .special, .inaccessible:
            return false
        }
    }

    // MARK: Output

    /// The digest of the output folder as it is now: every entry's path, kind,
    /// mode, size and modification time, not following links.
    public static func outputDigest(_ output: URL) -> String? {
        guard let target = try? OutputWriter.resolveTarget(output.standardizedFileURL),
              case .folder = FileSystemEntry.at(target.path) else { return nil }
        let hasher = SHA256Hasher()
        func walk(_ path: String, relative: String, depth: Int) -> Bool {
            guard depth < depthLimit, let names = try? FileSystem.listFolder(path) else { return false }
            // The writer's own lock and leftovers inside a mount point come and go with each build.
            for name in names where depth > 0 || !OutputWriter.isOwnEntry(name) {
                let child = path + "/" + name, childRelative = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(child, &info) == 0 else { return false }
                let line = "\(childRelative)\u{0}\(info.st_mode) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n"
                hasher.update(Data(line.utf8))
                if info.st_mode & S_IFMT == S_IFDIR, !walk(child, relative: childRelative, depth: depth + 1) { return false }
            }
            return true
        }
        guard walk(target.path, relative: "", depth: 0) else { return nil }
        return SHA256Hasher.hex(hasher.finalize())
    }

    // MARK: The stamp

    struct Stamp: Codable {
        var version: Int
        var inputs: String
        var output: String
        var report: StoredReport
    }

    struct StoredReport: Codable {
        var datasets: Int
        var withheld: Int
        var pages: Int
        var files: Int
        var bytes: Int64
        var diagnostics: [Diagnostic]
    }

    /// The report of the last build when the inputs are `inputs` and the output
    /// is still as that build left it; nil otherwise.
    public func upToDate(inputs: String) -> BuildReport? {
        guard let data = try? FileSystem.readFile(file.path, limit: 256 << 20),
              let stamp = try? JSONDecoder().decode(Stamp.self, from: data),
              stamp.version == Self.formatVersion, stamp.inputs == inputs,
              Self.outputDigest(options.output) == stamp.output else { return nil }
        var report = BuildReport(diagnostics: stamp.report.diagnostics, succeeded: true)
        report.datasetCount = stamp.report.datasets
        report.withheldDatasetCount = stamp.report.withheld
        report.profile = options.profile
        report.pageCount = stamp.report.pages
        report.fileCount = stamp.report.files
        report.byteCount = stamp.report.bytes
        report.upToDate = true
        return report
    }

    /// Keeps the digests of a build that has just put its site in place, with
    /// its report; with no input digest, only forgets the last build. Best
    /// effort: a cache that cannot be written only means the next build runs in full.
    public func record(inputs: String?, report: BuildReport) {
        try? FileSystem.remove(file.path)
        guard let inputs, let output = Self.outputDigest(options.output) else { return }
        let stored = StoredReport(datasets: report.datasetCount, withheld: report.withheldDatasetCount, pages: report.pageCount,
                                  files: report.fileCount, bytes: report.byteCount, diagnostics: report.diagnostics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Stamp(version: Self.formatVersion, inputs: inputs, output: output, report: stored)) else { return }
        let folder = file.deletingLastPathComponent().path
        let temporary = folder + "/." + file.lastPathComponent + ".\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try FileSystem.makeFolder(folder)
            try FileSystem.writeFile(data, to: temporary)
            try FileSystem.move(temporary, to: file.path)
        } catch {
            try? FileSystem.remove(temporary)
        }
    }
}
