import Foundation

/// Reads a content file, but never more than a limit: a file past it is
/// refused from its size before any byte is read, so what one file can cost
/// in memory is bounded before any parsing starts. Only regular files are
/// read (`FileSystem.readFile`), so a device that never ends cannot be one.
enum BoundedFileReader {
    enum Failure: Error {
        /// Why, as a sentence part ("permission denied").
        case unreadable(String)
        case tooLarge(Int64?)
    }

    static func read(_ path: String, limit: Int) -> Result<Data, Failure> {
        if case .file(let size) = FileSystemEntry.at(path), size > Int64(limit) { return .failure(.tooLarge(size)) }
        do {
            return .success(try FileSystem.readFile(path, limit: Int64(limit)))
        } catch {
            // The file may have grown past the limit between the two looks.
            if case .file(let size) = FileSystemEntry.at(path), size > Int64(limit) { return .failure(.tooLarge(size)) }
            return .failure(.unreadable(FileSystemError.reason(of: error)))
        }
    }

    /// The diagnostic for a file past the limit.
    static func tooLarge(_ file: String, size: Int64?, limit: Int, key: String? = "file_bytes") -> Diagnostic {
        let measured = size.map { "is \(ContentLimits.bytes(Int(clamping: $0))), " } ?? ""
        return .error(at: SourceLocation(file: file), "the file \(measured)more than the limit of \(ContentLimits.bytes(limit))\(key == "catalog_bytes" ? "" : " for one content file")",
                      code: "file.too-large",
                      hint: key.map { "data belongs in Content/data/; raise limits.\($0) in site.yaml only if this file really must be this large" }
                        ?? "site.yaml is always read with the default limits")
    }
}
