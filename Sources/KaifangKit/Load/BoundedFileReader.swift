import Foundation

/// Reads a content file, but never more than a limit: a file past it (or a
/// device that never ends) is refused after `limit + 1` bytes, so what one
/// file can cost in memory is bounded before any parsing starts.
enum BoundedFileReader {
    enum Failure: Error {
        case unreadable
        case tooLarge(Int64?)
    }

    static func read(_ url: URL, limit: Int) -> Result<Data, Failure> {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: limit + 1) ?? Data()   // nil at the end of the file: an empty file
        } catch {
            return .failure(.unreadable)
        }
        guard data.count <= limit else {
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value
            return .failure(.tooLarge(size))
        }
        return .success(data)
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
