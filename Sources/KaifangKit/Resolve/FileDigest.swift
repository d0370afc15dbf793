import Foundation

/// Size and SHA-256 of a file to publish, read in fixed chunks so that a
/// multi-gigabyte resource never sits in memory whole.
public enum FileDigest {
    static let chunkSize = 1 << 20

    public static func sha256AndSize(of url: URL) throws -> LocalFile {
        var digest = Accumulator()
        try forEachChunk(of: url, chunkSize: chunkSize) { digest.update($0) }
        return digest.finish()
    }

    /// Hashes and counts chunk by chunk, for readers that look at the bytes for something else too.
    struct Accumulator {
        private let hasher = SHA256Hasher()
        private var byteSize: Int64 = 0

        mutating func update(_ chunk: Data) {
            hasher.update(chunk)
            byteSize += Int64(chunk.count)
        }

        func finish() -> LocalFile {
            LocalFile(byteSize: byteSize, sha256: SHA256Hasher.hex(hasher.finalize()))
        }
    }

    /// Calls `body` with each chunk of the file in order; the last may be shorter.
    static func forEachChunk(of url: URL, chunkSize: Int, _ body: (Data) throws -> Void) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        while let chunk = try handle.read(upToCount: chunkSize), !chunk.isEmpty {
            try body(chunk)
        }
    }
}
