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

    var isEmpty: Bool { fields.isEmpty && resourcesAdded.isEmpty && resourcesRemoved.isEmpty && resourcesChanged.isEmpty }
}

/// The history of `Content/datasets/*.md` and of the rows of
/// `Content/catalog.csv` from git: per dataset file or row, its changes,
/// newest first. Read with two git processes whatever the size of the history
/// (`git log --name-status`, then `git cat-file --batch` for the two versions
/// of every changed file). Without git, outside a repository, or on any git
/// failure there is no history and no error; a shallow clone gives what it
/// has and says so.
public struct ChangeHistory: Sendable {
    /// By path relative to the content folder (`datasets/bus.md`), or
    /// `catalog.csv#<id>` for a row of the catalogue spreadsheet.
    public var changes: [String: [DatasetChange]]
    /// Commits that touched a dataset file, as far as the clone reaches.
    public var commits: Int
    public var shallow: Bool
    public var oldestDay: Day?
    /// For each year from the oldest commit seen, the newest commit on or
    /// before its last day: the catalogue as it stood at the end of that year.
    public var yearEndCommits: [Int: String] = [:]

    public static let commitLimit = 5000
    static let catalogFile = "catalog.csv"

    /// The changes of the dataset's file and of its catalog.csv row (a dataset may have both), newest first.
    public func changes(of dataset: Dataset) -> [DatasetChange] {
        let fromFile = dataset.sourceFile.hasSuffix("/" + Self.catalogFile) ? [] : changes[Self.key(dataset.sourceFile)] ?? []
        let fromRow = changes[Self.rowKey(dataset.id)] ?? []
        if fromRow.isEmpty { return fromFile }
        if fromFile.isEmpty { return fromRow }
        return (fromFile + fromRow).sorted { $0.time > $1.time }
    }

    static func rowKey(_ id: String) -> String { catalogFile + "#" + id }

    /// `Content/datasets/bus.md` → `datasets/bus.md`.
    static func key(_ sourceFile: String) -> String {
        let parts = sourceFile.split(separator: "/")
        return parts.suffix(2).joined(separator: "/")
    }

    /// What the history (and the yearly reports, through its year-end commits)
    /// is made from: the commits that touched datasets/ or catalog.csv, as git
    /// lists them. Read once per build; the build cache digests the same listing.
    public struct Listing: Sendable {
        let shallow: Bool
        /// The content folder's path inside the repository.
        let prefix: String
        let log: String

        /// nil when there is no git history to read.
        public static func read(content: URL) -> Listing? {
            let git = Git(folder: content)
            guard let shallow = git.run(["rev-parse", "--is-shallow-repository"]),
                  let prefix = git.run(["rev-parse", "--show-prefix"]),
                  let log = git.run(["log", "-n", String(commitLimit), "--no-merges", "--no-renames", "--relative",
                                     "--format=%x1e%H%x1f%P%x1f%cI", "--name-status", "--", "datasets", catalogFile]) else { return nil }
            return Listing(shallow: shallow.trimmedWhitespace == "true", prefix: prefix.trimmedWhitespace, log: log)
        }
    }

    /// nil when the listed history cannot be read.
    public static func read(content: URL, listing: Listing) -> ChangeHistory? {
        let git = Git(folder: content)
        let shallow = listing.shallow
        let prefixPath = listing.prefix
        let commits = parseLog(listing.log)
        // Both versions of every modified file, in one cat-file process.
        var requests: [String] = []
        for commit in commits {
            for file in commit.files where file.status == "M" || (file.status == "A" && file.path == catalogFile) {
                if file.status == "M", let parent = commit.parents.first {
                    requests.append("\(parent):\(prefixPath)\(file.path)")
                }
                requests.append("\(commit.hash):\(prefixPath)\(file.path)")
            }
        }
        let blobs = requests.isEmpty ? [] : (git.catFile(requests) ?? [])
        guard blobs.count == requests.count else { return nil }
        var next = 0
        /// The versions requested above for one file, in the same order: the
        /// parent's (for a modification of a commit with a parent), then the commit's.
        func takeVersions(modified: Bool, hasParent: Bool) -> (old: String?, new: String?) {
            let old = modified && hasParent ? blobs[next] : nil
            if modified && hasParent { next += 1 }
            defer { next += 1 }
            return (old, blobs[next])
        }
        var changes: [String: [DatasetChange]] = [:]
        // Newest first, as git lists them.
        var dated: [(hash: String, day: Day)] = []
        for commit in commits {
            guard let day = Day(iso: String(commit.time.prefix(10))) else { continue }
            dated.append((commit.hash, day))
            let hasParent = !commit.parents.isEmpty
            let firstCommitOfShallowClone = shallow && !hasParent
            for file in commit.files {
                var change = DatasetChange(commit: commit.hash, time: commit.time, day: day, kind: .changed)
                if file.path == catalogFile {
                    guard file.status == "A" || file.status == "M" else { continue }
                    let modified = file.status == "M"
                    let (old, new) = takeVersions(modified: modified, hasParent: hasParent)
                    guard let new else { continue }
                    for (id, rowChange) in compareRows(old: old, new: new, base: change, firstSeen: firstCommitOfShallowClone || (modified && old == nil)) {
                        changes[rowKey(id), default: []].append(rowChange)
                    }
                    continue
                }
                switch file.status {
                case "A":
                    change.kind = firstCommitOfShallowClone ? .firstSeen : .added
                case "M":
                    guard case let (old?, new?) = takeVersions(modified: true, hasParent: hasParent) else {
                        change.kind = .firstSeen
                        break
                    }
                    compare(old: parse(old), new: parse(new), into: &change)
                    if change.isEmpty { continue }
                default:
                    continue
                }
                changes[file.path, default: []].append(change)
            }
        }
        var yearEnds: [Int: String] = [:]
        let oldest = dated.map(\.day).min()
        if let oldest, let newest = dated.first?.day {
            for year in oldest.year...max(oldest.year, newest.year) {
                // Newest first: the first commit not after the year's end.
                if let commit = dated.first(where: { $0.day.year <= year }) { yearEnds[year] = commit.hash }
            }
        }
        return ChangeHistory(changes: changes, commits: commits.count, shallow: shallow, oldestDay: oldest, yearEndCommits: yearEnds)
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
                guard columns.count == 2, columns[1].hasSuffix(".md") || columns[1] == catalogFile else { return nil }
                return (String(columns[0].prefix(1)), String(columns[1]))
            }
            return LoggedCommit(hash: String(parts[0]), parents: parts[1].split(separator: " ").map(String.init),
                                time: String(parts[2]), files: files)
        }
    }

    /// The rows of two versions of catalog.csv that were added or changed, by id.
    /// Rows removed are not listed: their datasets are no longer in the catalogue.
    static func compareRows(old: String?, new: String, base: DatasetChange, firstSeen: Bool) -> [(String, DatasetChange)] {
        let before = old.map(rows) ?? [:], after = rows(new)
        var result: [(String, DatasetChange)] = []
        for (id, row) in after.sorted(by: { $0.key < $1.key }) {
            var change = base
            if let previous = before[id] {
                compare(old: previous, new: row, into: &change)
                if change.isEmpty { continue }
            } else {
                change.kind = firstSeen ? .firstSeen : .added
            }
            result.append((id, change))
        }
        return result
    }

    /// Each row of a catalog.csv text by its id, in the same comparable form as a dataset file.
    static func rows(_ text: String) -> [String: Parsed] {
        var rows: [String: Parsed] = [:]
        for row in CatalogCSVLoader(file: catalogFile).parse(TextDecoder.normalizeLineEnds(text)).rows {
            guard let id = row["id"]?.scalar?.trimmedWhitespace, !id.isEmpty, rows[id] == nil else { continue }
            rows[id] = parse(fields: row.fields, body: row.body)
        }
        return rows
    }

    /// What differs between two versions of a dataset: top-level fields
    /// by their canonical form, resources by name, the body as `description`.
    static func compare(old: Parsed, new: Parsed, into change: inout DatasetChange) {
        let before = old, after = new
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

    static func compare(old: String, new: String, into change: inout DatasetChange) {
        compare(old: parse(old), new: parse(new), into: &change)
    }

    struct Parsed {
        var fields: [String: String] = [:]
        var resources: [String: String] = [:]
        var order: [String] = []
        var body = ""
    }

    static func parse(_ text: String) -> Parsed {
        let normalized = TextDecoder.normalizeLineEnds(text)
        guard case .success(let document) = FrontMatterDocument.split(normalized, file: "history"),
              case .success(let node) = YAMLReader.parse(document.yaml, file: "history") else {
            return Parsed(body: normalized)
        }
        return parse(fields: node, body: document.body)
    }

    static func parse(fields node: YAMLNode, body: String) -> Parsed {
        var parsed = Parsed()
        parsed.body = body.trimmedWhitespace
        for entry in node.entries ?? [] {
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
