import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed file-system call, told as a sentence that names the path and the
/// reason in words ("the disk is full"), never as `NSCocoaErrorDomain Code=640`.
public struct FileSystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done, as a verb phrase: "read", "write", "create the folder".
    public var operation: String
    public var path: String
    /// The POSIX error number, or 0 when the reason is given in `detail`.
    public var code: Int32
    public var detail: String?

    public init(_ operation: String, _ path: String, code: Int32, detail: String? = nil) {
        self.operation = operation
        self.path = path
        self.code = code
        self.detail = detail
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }

    public var reason: String { detail ?? Self.reason(code) }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full (no space left on the device)"
        case EDQUOT: return "the disk quota is used up"
        case EROFS: return "the file system is read-only"
        case EACCES, EPERM: return "permission denied"
        case EBUSY: return "it is busy (in use by another program, or a mount point)"
        case ENOENT: return "it does not exist"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "it is a folder, not a file"
        case ELOOP: return "it is a loop of symbolic links"
        case ENAMETOOLONG: return "the name is too long"
        case EMFILE, ENFILE: return "too many files are open"
        case EIO: return "an input/output error (the disk or network share may be failing)"
        case EXDEV: return "it is on another file system"
        case ENOTEMPTY, EEXIST: return "something is already there"
        case EFBIG: return "the file is too large for the file system"
        default: return String(cString: strerror(code))
        }
    }

    /// The reason in words of any error a file-system call threw.
    static func reason(of error: Error) -> String {
        (error as? FileSystemError)?.reason ?? "\(error)"
    }

    /// Whatever Foundation threw, as the same kind of sentence.
    static func from(_ error: Error, operation: String, path: String) -> FileSystemError {
        if let error = error as? FileSystemError { return error }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return FileSystemError(operation, path, code: Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return FileSystemError(operation, path, code: Int32(underlying.code))
        }
        switch CocoaError.Code(rawValue: nsError.code) {
        case .fileWriteOutOfSpace: return FileSystemError(operation, path, code: ENOSPC)
        case .fileWriteVolumeReadOnly: return FileSystemError(operation, path, code: EROFS)
        case .fileWriteNoPermission, .fileReadNoPermission: return FileSystemError(operation, path, code: EACCES)
        case .fileNoSuchFile, .fileReadNoSuchFile: return FileSystemError(operation, path, code: ENOENT)
        case .fileWriteFileExists: return FileSystemError(operation, path, code: EEXIST)
        default: return FileSystemError(operation, path, code: 0, detail: nsError.localizedDescription)
        }
    }
}

/// What a path names, looked at without opening it (opening a FIFO would
/// block the build; a dangling link must not pass for "nothing there").
public enum FileSystemEntry: Equatable, Sendable {
    case missing
    case file(size: Int64)
    case folder
    /// A symbolic link whose target does not exist.
    case danglingLink(target: String)
    /// A FIFO, a device or a socket.
    case special(kind: String)
    /// The entry exists but could not be looked at (e.g. a folder on the way is not searchable).
    case inaccessible(FileSystemError)

    /// The entry at `path`, following symbolic links.
    public static func at(_ path: String) -> FileSystemEntry {
        var info = stat()
        if stat(path, &info) == 0 { return kind(of: info) }
        let statError = errno
        var linkInfo = stat()
        if lstat(path, &linkInfo) == 0, linkInfo.st_mode & S_IFMT == S_IFLNK, statError == ENOENT || statError == ELOOP {
            return .danglingLink(target: FileSystem.linkTarget(path) ?? "?")
        }
        if statError == ENOENT { return .missing }
        return .inaccessible(FileSystemError("look at", path, code: statError))
    }

    static func kind(of info: stat) -> FileSystemEntry {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int64(info.st_size))
        case S_IFDIR: return .folder
        case S_IFIFO: return .special(kind: "a FIFO (named pipe)")
        case S_IFCHR: return .special(kind: "a character device")
        case S_IFBLK: return .special(kind: "a block device")
        case S_IFSOCK: return .special(kind: "a socket")
        default: return .special(kind: "not a regular file")
        }
    }

    /// Why this entry cannot be used as `expected` ("a file", "a folder"), in words; nil when it can.
    public func problem(expecting expected: Expected) -> String? {
        switch (self, expected) {
        case (.file, .file), (.folder, .folder), (.missing, _): return nil
        case (.file, .folder): return "it is a file, not a folder"
        case (.folder, .file): return "it is a folder, not a file"
        case (.danglingLink(let target), _): return "it is a symbolic link to \(target), which does not exist"
        case (.special(let kind), _): return "it is \(kind), not a \(expected == .file ? "regular file" : "folder")"
        case (.inaccessible(let error), _): return error.reason
        }
    }

    public enum Expected: Sendable { case file, folder }
}

/// The few file-system calls the build needs, with errors as sentences.
public enum FileSystem {
    static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The whole of a regular file. A FIFO, device or folder is refused
    /// without blocking; `limit` refuses files larger than that many bytes.
    public static func readFile(_ path: String, limit: Int64? = nil) throws -> Data {
        let (descriptor, size) = try openRegularFile(path, operation: "read")
        defer { close(descriptor) }
        if let limit, size > limit {
            throw FileSystemError("read", path, code: 0, detail: "it is \(size) bytes, more than the limit of \(limit)")
        }
        var data = Data(count: Int(size))
        var total = 0
        try data.withUnsafeMutableBytes { buffer in
            while total < buffer.count {
                let count = read(descriptor, buffer.baseAddress! + total, buffer.count - total)
                if count < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    throw FileSystemError("read", path, code: errno)
                }
                if count == 0 { break }
                total += count
            }
        }
        // A file that shrank while it was read is read as it now is.
        if total < data.count { data.removeSubrange(total...) }
        return data
    }

    /// Opens a regular file for reading, refusing anything else without
    /// blocking (O_NONBLOCK: opening a FIFO would wait for a writer).
    /// The caller closes the descriptor.
    private static func openRegularFile(_ path: String, operation: String) throws -> (descriptor: Int32, size: Int64) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileSystemError("read", path, code: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let error = errno
            close(descriptor)
            throw FileSystemError("read", path, code: error)
        }
        let entry = FileSystemEntry.kind(of: info)
        guard case .file(let size) = entry else {
            close(descriptor)
            throw FileSystemError(operation, path, code: 0, detail: entry.problem(expecting: .file) ?? "it is not a regular file")
        }
        return (descriptor, size)
    }

    /// The names in a folder, without `.` and `..`, sorted.
    public static func listFolder(_ path: String) throws -> [String] {
        guard let directory = opendir(path) else { throw FileSystemError("read the folder", path, code: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw FileSystemError("read the folder", path, code: errno) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Creates the folder and any missing parents.
    /// - Parameter spreading: each folder made here (missing parents too) is
    ///   marked, where the file system can, as the top of unrelated subfolders (`spreadSubfolders`).
    public static func makeFolder(_ path: String, spreading: Bool = false) throws {
        if mkdir(path, 0o755) == 0 {
            if spreading { spreadSubfolders(path) }
            return
        }
        let error = errno
        switch error {
        case EEXIST:
            if case .folder = FileSystemEntry.at(path) { return }
            throw FileSystemError("create the folder", path, code: 0, detail: "a file of that name is in the way")
        case ENOENT:
            let parent = (path as NSString).deletingLastPathComponent
            guard !parent.isEmpty, parent != path else { throw FileSystemError("create the folder", path, code: error) }
            try makeFolder(parent, spreading: spreading)
            if mkdir(path, 0o755) == 0 {
                if spreading { spreadSubfolders(path) }
            } else if errno != EEXIST {
                throw FileSystemError("create the folder", path, code: errno)
            }
        default:
            throw FileSystemError("create the folder", path, code: error)
        }
    }

    /// Sets ext4's "top of directory hierarchy" attribute (`chattr +T`) on a
    /// folder, so that the folders made in it are spread over the file
    /// system's block groups (Orlov) instead of packed into the parent's.
    ///
    /// Why: ext4 without a journal will not reuse an inode freed in the last
    /// one to five minutes and steps over each such inode one at a time
    /// (`recently_deleted`), so a site written where the previous one was just
    /// removed (a CI job cleaning `_site/`, the benchmark, this writer's own
    /// swap) spent most of its time in the kernel: 50,000 files and folders
    /// made right after another 50,000 were deleted took 25–43 s of system
    /// time here, 5–8 s with the attribute (docs/performance.md, fifth round).
    /// Files land beside their folder, so spreading the folders spreads them.
    /// Best effort and only a hint: other file systems refuse or ignore it.
    public static func spreadSubfolders(_ path: String) {
        let folder = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return }
        defer { close(folder) }
        // FS_IOC_GETFLAGS / FS_IOC_SETFLAGS read and write an int; FS_TOPDIR_FL.
        var flags: Int32 = 0
        guard ioctl(folder, 0x8008_6601, &flags) == 0, flags & 0x0002_0000 == 0 else { return }
        flags |= 0x0002_0000
        _ = ioctl(folder, 0x4008_6602, &flags)
    }

    /// Copies the bytes of a regular file into a new regular file: a
    /// symbolic link is copied as the file it points to, never as a link,
    /// so the site never depends on (or reveals) the layout of the source.
    /// Returns the number of bytes copied.
    @discardableResult
    public static func copyFile(from source: String, to target: String) throws -> Int64 {
        let (input, _) = try openRegularFile(source, operation: "copy")
        defer { close(input) }
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw FileSystemError("write", target, code: errno) }
        defer { close(output) }
        let bufferSize = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: 16)
        defer { buffer.deallocate() }
        var copied: Int64 = 0
        while true {
            let count = read(input, buffer, bufferSize)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw FileSystemError("read", source, code: errno)
            }
            if count == 0 { break }
            try writeAll(output, buffer, count, path: target)
            copied += Int64(count)
        }
        return copied
    }

    /// Writes bytes to a new file without syncing it (see `OutputWriter`).
    public static func writeFile(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError("write", path, code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            try writeAll(descriptor, base, buffer.count, path: path)
        }
    }

    /// Writes a file as `print` produces it; returns its size.
    public static func writeFile(to path: String, _ print: (ByteSink) -> Void) throws -> Int64 {
        try writeFiles(to: [path]) { print($0[0]) }
    }

    /// Writes several files as `print` produces them, a sink per path in
    /// order; returns their total size.
    public static func writeFiles(to paths: [String], _ print: ([ByteSink]) throws -> Void) throws -> Int64 {
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        for path in paths {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw FileSystemError("write", path, code: errno) }
            descriptors.append(descriptor)
        }
        let sinks = zip(paths, descriptors).map { path, descriptor in
            ByteSink { bytes in
                try bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    try writeAll(descriptor, base, buffer.count, path: path)
                }
            }
        }
        try print(sinks)
        for sink in sinks { try sink.finish() }
        return sinks.reduce(0) { $0 + Int64($1.count) }
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int, path: String) throws {
        var offset = 0
        while offset < count {
            let written = write(descriptor, bytes + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileSystemError("write", path, code: errno)
            }
            offset += written
        }
    }

    /// Removes a file or a whole folder; nothing there is not an error.
    public static func remove(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileSystemError("remove", path, code: errno)
        }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileSystemError.from(error, operation: "remove", path: path)
        }
    }

    /// Renames within one file system.
    public static func move(_ source: String, to target: String) throws {
        guard rename(source, target) == 0 else {
            throw FileSystemError("move", "\(source) to \(target)", code: errno)
        }
    }

    /// Exchanges two entries in one atomic step (Linux `renameat2` with
    /// `RENAME_EXCHANGE`): at no instant is either path empty. Returns false
    /// when the system or the file system cannot do it, so the caller falls back.
    public static func exchange(_ first: String, _ second: String) throws -> Bool {
        guard let renameat2 = renameat2Function else { return false }
        let renameExchange: UInt32 = 1 << 1
        if renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0 { return true }
        let error = errno
        if error == EINVAL || error == ENOSYS || error == ENOTSUP { return false }
        throw FileSystemError("swap", "\(first) with \(second)", code: error)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc has `renameat2` since 2.28, but its header hides it behind
    /// `_GNU_SOURCE`, which Swift's Glibc module does not define: look it up.
    private static let renameat2Function: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    /// The device a path lives on (to tell a mount point from a plain folder).
    static func device(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_dev)
    }
}
