import Foundation

/// Where a file's bytes go as they are printed: to the disk a megabyte at a
/// time (the output writer's files), or into memory (tests, small files).
///
/// The catalogue-wide files of a 10⁵-dataset portal are hundreds of
/// megabytes each; held whole until written, they were most of the export
/// stage's peak memory. A printer appends; a failed write is kept and
/// reported by `finish()`, so printers need not handle errors at every line.
public final class ByteSink {
    private var buffer: [UInt8] = []
    private let drain: (([UInt8]) throws -> Void)?
    private var failure: (any Error)?
    /// All bytes appended so far.
    public private(set) var count = 0

    private let drainSize: Int

    /// Keeps everything in memory (`data`).
    public init() {
        drain = nil
        drainSize = .max
    }

    /// Hands the bytes to `drain` in pieces of about `drainSize`, and the rest at `finish()`.
    public init(drainSize: Int = 1 << 20, drain: @escaping ([UInt8]) throws -> Void) {
        self.drain = drain
        self.drainSize = drainSize
        buffer.reserveCapacity(min(drainSize, 1 << 20) + 64 * 1024)
    }

    public func append(_ byte: UInt8) {
        buffer.append(byte)
        count += 1
    }

    public func append(contentsOf bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= drainSize { drainBuffer() }
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Everything appended, for a sink that keeps its bytes in memory.
    public var data: Data { Data(buffer) }

    /// Hands over what is left; throws the first write that failed.
    public func finish() throws {
        if drain != nil, !buffer.isEmpty { drainBuffer() }
        if let failure { throw failure }
    }

    private func drainBuffer() {
        guard let drain, failure == nil else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        do { try drain(buffer) } catch { failure = error }
        buffer.removeAll(keepingCapacity: true)
    }
}
