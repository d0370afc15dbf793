import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one place the build writes files. Everything goes into a staging
/// folder; only a complete build is swapped in, so a failed build leaves the
/// previous site exactly as it was.
///
/// The swap depends on what the output path is:
/// - a folder (or nothing yet): the staging folder is built beside it and
///   exchanged with it in one atomic step (`renameat2(RENAME_EXCHANGE)`), so
///   at every instant the path holds the whole previous or the whole new site;
/// - a symbolic link (a web root pointing elsewhere): the same, at the link's
///   target; the link itself is kept;
/// - a mount point, or a folder whose parent Kaifang may not write (a Docker
///   volume, a web root owned by another user): the folder cannot be
///   replaced, so its contents are, entry by entry, each entry exchanged atomically.
///
/// A lock beside the staging folder keeps two builds of the same output from
/// interleaving, and every staging or previous folder that a killed build
/// left behind is removed before building.
public final class OutputWriter: @unchecked Sendable {
    // @unchecked: mutable state is guarded by `lock`; file writes to distinct paths are independent.

    public enum SwapMode: Equatable, Sendable {
        /// The output folder itself is exchanged with the staging folder.
        case replaceFolder
        /// The output folder stays; its entries are exchanged (mount points).
        case replaceContents
    }

    /// The path as given.
    public let output: URL
    /// The folder that receives the site: `output`, or where its link points.
    public let target: URL
    public let mode: SwapMode
    public let staging: URL
    private let stagingPath: String
    /// Whether the previous site is still whole; false only after a swap of
    /// contents failed half-way.
    public private(set) var previousSiteIntact = true

    private let buildLock: OutputLock
    private let lock = NSLock()
    private var writtenPaths = Set<String>()
    private var createdFolders = Set<String>()
    /// Where each copied source first landed: a second copy of the same file
    /// (a hosted file beside its Data Package) becomes a hard link to it.
    private var firstCopies: [String: String] = [:]
    private var filesWritten = 0
    private var bytesWritten: Int64 = 0
    /// Read under the lock: the progress line reads it while pages are written.
    public var fileCount: Int { lock.lock(); defer { lock.unlock() }; return filesWritten }
    public var byteCount: Int64 { lock.lock(); defer { lock.unlock() }; return bytesWritten }
    private var finished = false

    static let stagingTag = "kaifang-staging-"
    static let previousTag = "kaifang-previous-"

    /// - Parameter mode: how to swap; chosen from the output when nil (tests force it: they cannot mount).
    public init(output: URL, mode: SwapMode? = nil) throws {
        self.output = output.standardizedFileURL
        target = try Self.resolveTarget(self.output)
        let parent = target.deletingLastPathComponent()
        try FileSystem.makeFolder(parent.path)
        self.mode = mode ?? Self.swapMode(for: target.path, parent: parent.path)
        let pid = ProcessInfo.processInfo.processIdentifier
        switch self.mode {
        case .replaceFolder:
            let prefix = ".\(target.lastPathComponent)."
            buildLock = try OutputLock(path: parent.appendingPathComponent(prefix + "kaifang-lock").path, output: target.path)
            staging = parent.appendingPathComponent(prefix + Self.stagingTag + "\(pid)")
            Self.removeLeftovers(in: parent.path, prefix: prefix)
        case .replaceContents:
            buildLock = try OutputLock(path: target.appendingPathComponent(".kaifang-lock").path, output: target.path)
            staging = target.appendingPathComponent("." + Self.stagingTag + "\(pid)")
            Self.removeLeftovers(in: target.path, prefix: ".")
        }
        stagingPath = staging.path
        do {
            try FileSystem.remove(staging.path)
            try FileSystem.makeFolder(staging.path, spreading: true)
        } catch {
            buildLock.release()
            throw error
        }
    }

    deinit {
        if !finished { discard() }
    }

    /// Where the site goes: the output, or the folder its symbolic link names.
    static func resolveTarget(_ output: URL) throws -> URL {
        var info = stat()
        guard lstat(output.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return output }
        guard let resolved = realpath(output.path, nil) else {
            let target = FileSystem.linkTarget(output.path) ?? "?"
            throw FileSystemError("build into", output.path, code: 0,
                                  detail: "it is a symbolic link to \(target), which does not exist; create that folder, or point the link at one")
        }
        defer { free(resolved) }
        let path = String(cString: resolved)
        if case .file = FileSystemEntry.at(path) {
            throw FileSystemError("build into", output.path, code: 0, detail: "it is a symbolic link to the file \(path), not to a folder")
        }
        return URL(fileURLWithPath: path)
    }

    /// A folder on another device than its parent is a mount point; a folder
    /// whose parent is not writable cannot be renamed. Both keep the folder.
    static func swapMode(for target: String, parent: String) -> SwapMode {
        guard case .folder = FileSystemEntry.at(target) else { return .replaceFolder }
        if let device = FileSystem.device(of: target), let parentDevice = FileSystem.device(of: parent), device != parentDevice {
            return .replaceContents
        }
        if access(parent, W_OK) != 0 { return .replaceContents }
        return .replaceFolder
    }

    /// Staging and previous folders of builds that were killed, whoever ran
    /// them: the lock is held, so no running build owns them.
    static func removeLeftovers(in folder: String, prefix: String) {
        guard let names = try? FileSystem.listFolder(folder) else { return }
        for name in names where name.hasPrefix(prefix + stagingTag) || name.hasPrefix(prefix + previousTag) {
            try? FileSystem.remove(folder + "/" + name)
        }
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks a path, claims it for this build and makes its folder; returns where the file goes.
    private func claim(_ path: String) throws -> String {
        guard Self.isSafeRelativePath(path) else {
            throw WriteError(description: "refusing to write \"\(path)\": it would land outside the output folder")
        }
        // The path is safe (checked above): its folder is all before the last "/".
        let folder = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
        lock.lock()
        let isNew = writtenPaths.insert(path).inserted
        let needsFolder = !folder.isEmpty && createdFolders.insert(folder).inserted
        lock.unlock()
        guard isNew else {
            throw WriteError(description: "two outputs want the same file \"\(path)\" (e.g. a dataset slug that equals a page name)")
        }
        // Paths as strings: appending to a file URL asks the file system whether each name is a folder.
        if needsFolder {
            try FileSystem.makeFolder(stagingPath + "/" + folder, spreading: true)
        }
        return stagingPath + "/" + path
    }

    /// Writes one file (or the files printed together); safe to call from many threads at once.
    public func write(_ artifact: Artifact) throws {
        let target = try claim(artifact.path)
        var count = 1
        let size: Int64
        switch artifact.contents {
        case .bytes(let data):
            // No fsync per file: for 10⁵ pages in a staging folder that is
            // swapped in at the end, the sync is most of the write time and
            // buys nothing (a crash leaves only a staging folder).
            try FileSystem.writeFile(data, to: target)
            size = Int64(data.count)
        case .stream(let print):
            size = try FileSystem.writeFile(to: target, print)
        case .streams(let others, let print):
            let targets = try [target] + others.map(claim)
            size = try FileSystem.writeFiles(to: targets) { sinks in try print(sinks) { try self.write($0) } }
            count = targets.count
        case .copy(let source):
            lock.lock()
            let first = firstCopies[source.path]
            if first == nil { firstCopies[source.path] = target }
            lock.unlock()
            // The same bytes twice in the site cost one file on disk; where
            // links are refused (another file system, no permission) it is a copy.
            if let first, link(first, target) == 0 {
                size = ((try? FileManager.default.attributesOfItem(atPath: target)[.size]) as? NSNumber)?.int64Value ?? 0
            } else {
                size = try FileSystem.copyFile(from: source.path, to: target)
            }
        }
        lock.lock()
        filesWritten += count
        bytesWritten += size
        lock.unlock()
    }

    /// Copies a folder's files (the theme's static assets) below `prefix`.
    /// Hidden files are left out; a link that leads outside the folder is an
    /// error, not a silent gap in the site.
    public func copyFolder(_ source: URL, to prefix: String = "") throws {
        let base = source.standardizedFileURL.resolvingSymlinksInPath().path
        var files: [(String, String)] = []
        func walk(_ folder: String, relative: String) throws {
            for name in try FileSystem.listFolder(folder) where !name.hasPrefix(".") {
                let path = folder + "/" + name
                let relativePath = relative.isEmpty ? name : relative + "/" + name
                let entry = FileSystemEntry.at(path)
                switch entry {
                case .folder:
                    try walk(path, relative: relativePath)
                case .file:
                    let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    guard resolved.hasPrefix(base + "/") else {
                        throw FileSystemError("copy", path, code: 0,
                                              detail: "it is a link to \(resolved), outside \(source.lastPathComponent)/; copy the file in instead")
                    }
                    files.append((path, prefix + relativePath))
                default:
                    throw FileSystemError("copy", path, code: 0, detail: entry.problem(expecting: .file) ?? "it is not a regular file")
                }
            }
        }
        try walk(base, relative: "")
        for (path, relative) in files {
            try write(Artifact(path: relative, copying: URL(fileURLWithPath: path)))
        }
    }

    /// Which site this is, in the marker file: `kaifang` for the public portal
    /// (as always), `kaifang share` for the sharing site (`ProfileGuard` reads it).
    public var profile: BuildProfile = .public

    /// Swaps the finished site in place of the previous one; `afterSwap` runs
    /// while the output is still locked (the build cache records the new site).
    public func commit(afterSwap: () -> Void = {}) throws {
        try FileSystem.writeFile(Data(ProfileGuard.marker(for: profile).utf8), to: staging.appendingPathComponent(OutputFolderGuard.markerFileName).path)
        switch mode {
        case .replaceFolder: try replaceFolder()
        case .replaceContents: try replaceContents()
        }
        afterSwap()
        finished = true
        buildLock.release()
    }

    private func replaceFolder() throws {
        let staging = self.staging.path, target = self.target.path
        guard FileSystemEntry.at(target) != .missing else {
            try FileSystem.move(staging, to: target)
            return
        }
        if try FileSystem.exchange(staging, target) {
            // The staging path now holds the previous site.
            try? FileSystem.remove(staging)
            return
        }
        // No atomic exchange here (another system, or a file system without
        // it): two renames, with the path empty between them for an instant.
        let previous = self.target.deletingLastPathComponent()
            .appendingPathComponent(".\(self.target.lastPathComponent).\(Self.previousTag)\(ProcessInfo.processInfo.processIdentifier)").path
        try FileSystem.move(target, to: previous)
        do {
            try FileSystem.move(staging, to: target)
        } catch {
            try? FileSystem.move(previous, to: target)
            throw error
        }
        try? FileSystem.remove(previous)
    }

    private func replaceContents() throws {
        let target = self.target.path, staging = self.staging.path
        let ownNames = Self.isOwnEntry
        let newNames = try FileSystem.listFolder(staging)
        let oldNames = try FileSystem.listFolder(target).filter { !ownNames($0) }
        let previous = self.target.appendingPathComponent(".\(Self.previousTag)\(ProcessInfo.processInfo.processIdentifier)").path
        try FileSystem.makeFolder(previous)
        for name in newNames {
            let new = staging + "/" + name, old = target + "/" + name
            if FileSystemEntry.at(old) == .missing {
                try FileSystem.move(new, to: old)
            } else if try !FileSystem.exchange(new, old) {
                try FileSystem.move(old, to: previous + "/" + name)
                previousSiteIntact = false
                try FileSystem.move(new, to: old)
            }
            previousSiteIntact = false
        }
        for name in oldNames where !newNames.contains(name) {
            try FileSystem.move(target + "/" + name, to: previous + "/" + name)
        }
        try? FileSystem.remove(staging)
        try? FileSystem.remove(previous)
    }

    /// The lock, staging and previous folders a build keeps inside a mount point's folder; not part of the site.
    static func isOwnEntry(_ name: String) -> Bool {
        name == ".kaifang-lock" || name.hasPrefix("." + stagingTag) || name.hasPrefix("." + previousTag)
    }

    /// Throws the staging folder away; the previous site is untouched.
    public func discard() {
        try? FileSystem.remove(staging.path)
        finished = true
        buildLock.release()
    }

    /// Relative, and every segment a name: not empty, `.` or `..`, without a
    /// backslash or NUL. On the UTF-8 bytes (every file of the site passes
    /// here): "/", "\\", "." and NUL never occur inside a multi-byte character.
    static func isSafeRelativePath(_ path: String) -> Bool {
        var segmentLength = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "/"):
                guard segmentLength > 0, dots != segmentLength || dots > 2 else { return false }
                segmentLength = 0
                dots = 0
                continue
            case UInt8(ascii: "\\"), 0:
                return false
            case UInt8(ascii: "."):
                dots += 1
            default:
                break
            }
            segmentLength += 1
        }
        return segmentLength > 0 && (dots != segmentLength || dots > 2)
    }
}

/// An exclusive lock on a file (`flock`), held for one build of one output.
/// The file is removed when the build ends; since a waiting process could
/// have opened the file just before that, a lock counts only if the path
/// still names the locked file afterwards.
final class OutputLock: @unchecked Sendable {
    // @unchecked: `descriptor` is set once and released once, from the build's thread.
    private var descriptor: Int32
    let path: String

    init(path: String, output: String) throws {
        self.path = path
        for _ in 0..<3 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard descriptor >= 0 else { throw FileSystemError("create the lock file", path, code: errno) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let error = errno
                let holder = (try? FileSystem.readFile(path, limit: 64)).map { String(decoding: $0, as: UTF8.self).trimmedWhitespace } ?? ""
                close(descriptor)
                guard error == EWOULDBLOCK else { throw FileSystemError("lock", path, code: error) }
                throw FileSystemError("build into", output, code: 0,
                                      detail: "another Kaifang build\(holder.isEmpty ? "" : " (process \(holder))") is writing it; "
                                          + "wait for that build to finish, or stop it, and build again")
            }
            var opened = stat(), named = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino, opened.st_dev == named.st_dev {
                ftruncate(descriptor, 0)
                let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
                _ = pid.withCString { write(descriptor, $0, strlen($0)) }
                self.descriptor = descriptor
                return
            }
            // The file was removed by the build that held it; lock the new one.
            close(descriptor)
        }
        throw FileSystemError("lock", path, code: 0, detail: "the lock file keeps being replaced by another build")
    }

    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
