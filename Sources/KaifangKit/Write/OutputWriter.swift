import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one place the build writes files. Everything goes into a staging
/// folder beside the output; only a complete build is swapped in, so a
/// failed build leaves the previous site exactly as it was.
public final class OutputWriter: @unchecked Sendable {
    // @unchecked: mutable state is guarded by `lock`; file writes to distinct paths are independent.
    public let output: URL
    public let staging: URL
    private let lock = NSLock()
    private var writtenPaths = Set<String>()
    private var createdFolders = Set<String>()
    private(set) public var fileCount = 0
    private(set) public var byteCount: Int64 = 0

    public init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).kaifang-staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes one file; safe to call from many threads at once.
    public func write(_ artifact: Artifact) throws {
        guard Self.isSafeRelativePath(artifact.path) else {
            throw WriteError(description: "refusing to write \"\(artifact.path)\": it would land outside the output folder")
        }
        let folder = (artifact.path as NSString).deletingLastPathComponent
        lock.lock()
        let isNew = writtenPaths.insert(artifact.path).inserted
        let needsFolder = !folder.isEmpty && createdFolders.insert(folder).inserted
        lock.unlock()
        guard isNew else {
            throw WriteError(description: "two outputs want the same file \"\(artifact.path)\" (e.g. a dataset slug that equals a page name)")
        }
        let target = staging.appendingPathComponent(artifact.path)
        if needsFolder {
            try FileManager.default.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let size: Int64
        switch artifact.contents {
        case .bytes(let data):
            try Self.writeWithoutSync(data, to: target.path)
            size = Int64(data.count)
        case .copy(let source):
            try FileManager.default.copyItem(at: source, to: target)
            size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int64) ?? 0
        }
        lock.lock()
        fileCount += 1
        byteCount += size
        lock.unlock()
    }

    /// Copies a folder's files (the theme's static assets) below `prefix`.
    public func copyFolder(_ source: URL, to prefix: String = "") throws {
        guard let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey]) else { return }
        var files: [(URL, String)] = []
        let base = source.standardizedFileURL.resolvingSymlinksInPath().path
        while let url = enumerator.nextObject() as? URL {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let path = url.standardizedFileURL.resolvingSymlinksInPath().path
            guard path.hasPrefix(base + "/") else { continue }
            let relative = String(path.dropFirst(base.count + 1))
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            files.append((url, prefix + relative))
        }
        for (url, relative) in files.sorted(by: { $0.1 < $1.1 }) {
            try write(Artifact(path: relative, copying: url))
        }
    }

    /// Swaps the finished site in place of the previous one.
    public func commit() throws {
        try Data("kaifang\n".utf8).write(to: staging.appendingPathComponent(OutputFolderGuard.markerFileName))
        let fileManager = FileManager.default
        let previous = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).kaifang-previous-\(ProcessInfo.processInfo.processIdentifier)")
        var hadPrevious = false
        if fileManager.fileExists(atPath: output.path) {
            try fileManager.moveItem(at: output, to: previous)
            hadPrevious = true
        }
        do {
            try fileManager.moveItem(at: staging, to: output)
        } catch {
            if hadPrevious { try? fileManager.moveItem(at: previous, to: output) }
            throw error
        }
        if hadPrevious { try? fileManager.removeItem(at: previous) }
    }

    /// Throws the staging folder away; the previous site is untouched.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }

    /// Foundation's `Data.write` syncs every file to disk; for 10⁵ pages in a
    /// staging folder that is swapped in at the end, the sync is most of the
    /// write time and buys nothing: a crash leaves only a staging folder.
    static func writeWithoutSync(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: "cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    static func isSafeRelativePath(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}
