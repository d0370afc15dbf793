import Foundation

/// One change to a dataset's file, as git recorded it. Only what changed is
/// kept (field names and resource names), never the old values nor the commit
/// message: an old value may be something that was withdrawn on purpose.
public struct DatasetChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The file was created in this commit.
        case added
        case changed
        /// The oldest commit a shallow clone has: the file existed before it, but what changed is not known.
        case firstSeen = "first_seen"
    }

    public var commit: String
    /// The committer date, ISO 8601 with its offset (as git prints `%cI`).
    public var time: String
    public var day: Day
    public var kind: Kind
    /// Front-matter fields whose value changed (`description` for the body), sorted.
    public var fields: [String] = []
    public var resourcesAdded: [String] = []
    public var resourcesRemoved: [String] = []
    public var resourcesChanged: [String] = []
}

/// The history of `Content/datasets/*.md` from git: per file, its changes,
/// newest first. Read with two git processes whatever the size of the history
/// (`git log --name-status`, then `git cat-file --batch` for the two versions
/// of every changed file). Without git, outside a repository, or on any git
/// failure there is no history and no error; a shallow clone gives what it
/// has and says so. Rows of `catalog.csv` are not followed.
public struct ChangeHistory: Sendable {
    /// By path relative to the content folder (`datasets/bus.md`).
    public var changes: [String: [DatasetChange]]
    /// Commits that touched a dataset file, as far as the clone reaches.
    public var commits: Int
    public var shallow: Bool
    public var oldestDay: Day?

    public static let commitLimit = 5000

    public func changes(of dataset: Dataset) -> [DatasetChange] {
        changes[Self.key(dataset.sourceFile)] ?? []
    }

    /// `Content/datasets/bus.md` → `datasets/bus.md`.
    static func key(_ sourceFile: String) -> String {
        let parts = sourceFile.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }

    /// nil when there is no git history to read.
    public static func read(content: URL) -> ChangeHistory? {
        let git = Git(folder: content)
        guard let shallowText = git.run(["rev-parse", "--is-shallow-repository"]),
              let prefix = git.run(["rev-parse", "--show-prefix"]) else { return nil }
        let shallow = shallowText.trimmedWhitespace == "true"
        let prefixPath = prefix.trimmedWhitespace
        guard let log = git.run(["log", "-n", String(commitLimit), "--no-merges", "--no-renames", "--relative",
                                 "--format=%x1e%H%x1f%P%x1f%cI", "--name-status", "--", "datasets"]) else { return nil }
        let commits = parseLog(log)
        // Both versions of every modified file, in one cat-file process.
        var requests: [String] = []
        for commit in commits {
            for file in commit.files where file.status == "M" {
                if let parent = commit.parents.first {
                    requests.append("\(parent):\(prefixPath)\(file.path)")
                }
                requests.append("\(commit.hash):\(prefixPath)\(file.path)")
            }
        }
        let blobs = requests.isEmpty ? [] : (git.catFile(requests) ?? [])
        guard blobs.count == requests.count else { return nil }
        var next = 0
        var changes: [String: [DatasetChange]] = [:]
        var oldest: Day?
        for commit in commits {
            guard let day = Day(iso: String(commit.time.prefix(10))) else { continue }
            oldest = oldest.map { min($0, day) } ?? day
            for file in commit.files {
                var change = DatasetChange(commit: commit.hash, time: commit.time, day: day, kind: .changed)
                switch file.status {
                case "A":
                    change.kind = shallow && commit.parents.isEmpty ? .firstSeen : .added
                case "M":
                    let old = commit.parents.isEmpty ? nil : blobs[next]
                    if !commit.parents.isEmpty { next += 1 }
                    let new = blobs[next]
                    next += 1
                    guard let old, let new else {
                        change.kind = .firstSeen
                        break
                    }
                    compare(old: old, new: new, into: &change)
                    if change.fields.isEmpty && change.resourcesAdded.isEmpty && change.resourcesRemoved.isEmpty
                        && change.resourcesChanged.isEmpty { continue }
                default:
                    continue
                }
                changes[file.path, default: []].append(change)
            }
        }
        return ChangeHistory(changes: changes, commits: commits.count, shallow: shallow, oldestDay: oldest)
    }

    struct LoggedCommit {
        var hash: String
        var parents: [String]
        var time: String
        var files: [(status: String, path: String)]
    }

    /// Records of `%x1e%H%x1f%P%x1f%cI` and `--name-status` lines, newest first.
    static func parseLog(_ text: String) -> [LoggedCommit] {
        text.split(separator: "\u{1E}").compactMap { record in
            let lines = record.split(separator: "\n")
            guard let header = lines.first else { return nil }
            let parts = header.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            let files = lines.dropFirst().compactMap { line -> (status: String, path: String)? in
                let columns = line.split(separator: "\t")
                guard columns.count == 2, columns[1].hasSuffix(".md") else { return nil }
                return (String(columns[0].prefix(1)), String(columns[1]))
            }
            return LoggedCommit(hash: String(parts[0]), parents: parts[1].split(separator: " ").map(String.init),
                                time: String(parts[2]), files: files)
        }
    }

    /// What differs between two versions of a dataset file: top-level fields
    /// by their canonical form, resources by name, the body as `description`.
    static func compare(old: String, new: String, into change: inout DatasetChange) {
        let before = parse(old), after = parse(new)
        var fields = Set<String>()
        for key in Set(before.fields.keys).union(after.fields.keys) where key != "resources" {
            if before.fields[key] != after.fields[key] { fields.insert(key) }
        }
        if before.body != after.body { fields.insert("description") }
        change.fields = fields.sorted()
        let oldNames = Set(before.resources.keys), newNames = Set(after.resources.keys)
        change.resourcesAdded = after.order.filter { !oldNames.contains($0) }
        change.resourcesRemoved = before.order.filter { !newNames.contains($0) }
        change.resourcesChanged = after.order.filter { oldNames.contains($0) && before.resources[$0] != after.resources[$0] }
    }

    struct Parsed {
        var fields: [String: String] = [:]
        var resources: [String: String] = [:]
        var order: [String] = []
        var body = ""
    }

    static func parse(_ text: String) -> Parsed {
        var parsed = Parsed()
        let normalized = TextDecoder.normalizeLineEnds(text)
        guard case .success(let document) = FrontMatterDocument.split(normalized, file: "history"),
              case .success(let node) = YAMLReader.parse(document.yaml, file: "history"),
              let entries = node.entries else {
            parsed.body = normalized
            return parsed
        }
        parsed.body = document.body.trimmedWhitespace
        for entry in entries {
            if entry.key == "resources", let items = entry.value.items {
                for (index, item) in items.enumerated() {
                    let name = item["name"]?.scalar ?? "#\(index + 1)"
                    if parsed.resources[name] == nil { parsed.order.append(name) }
                    parsed.resources[name] = canonical(item)
                }
            } else {
                parsed.fields[entry.key] = canonical(entry.value)
            }
        }
        return parsed
    }

    /// A YAML value as text, independent of how it was laid out.
    static func canonical(_ node: YAMLNode) -> String {
        switch node.value {
        case .null: return "~"
        case .scalar(let text, _): return "s:" + text
        case .sequence(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .mapping(let entries): return "{" + entries.map { "\($0.key)=\(canonical($0.value))" }.joined(separator: ",") + "}"
        }
    }
}

/// git, run in a folder; every failure (no git, not a repository) is nil.
struct Git {
    let folder: URL

    func run(_ arguments: [String], input: Data? = nil) -> String? {
        runData(arguments, input: input).map { String(decoding: $0, as: UTF8.self) }
    }

    func runData(_ arguments: [String], input: Data? = nil) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder.path, "-c", "core.quotepath=off"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe(), errors = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = stdin
        do { try process.run() } catch { return nil }
        // Write on another thread: git answers while it reads, and a full pipe would stop both sides.
        let writer = Thread {
            if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errorReader = Thread { _ = try? errors.fileHandleForReading.readToEnd() }
        errorReader.start()
        let data = (try? output.fileHandleForReading.readToEnd()) ?? Data()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// The contents of `<rev>:<path>` objects, in order; nil for a missing one.
    func catFile(_ requests: [String]) -> [String?]? {
        let input = Data((requests.joined(separator: "\n") + "\n").utf8)
        guard let data = runData(["cat-file", "--batch"], input: input) else { return nil }
        var results: [String?] = []
        var index = data.startIndex
        while index < data.endIndex {
            guard let lineEnd = data[index...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: data[index..<lineEnd], as: UTF8.self)
            index = data.index(after: lineEnd)
            if header.hasSuffix(" missing") || header.hasSuffix(" ambiguous") {
                results.append(nil)
                continue
            }
            let parts = header.split(separator: " ")
            guard parts.count == 3, let size = Int(parts[2]), data.distance(from: index, to: data.endIndex) >= size else { return nil }
            let end = data.index(index, offsetBy: size)
            results.append(parts[1] == "blob" ? String(decoding: data[index..<end], as: UTF8.self) : nil)
            index = end < data.endIndex ? data.index(after: end) : end
        }
        return results
    }
}
