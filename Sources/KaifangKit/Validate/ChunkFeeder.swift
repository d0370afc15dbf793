import Foundation

/// Hands chunks to the scan with two bytes of look-ahead: the last two bytes
/// of each chunk wait for the next one, so a number cut by a chunk boundary
/// is seen whole.
struct ChunkFeeder {
    private var scan: PrivacyStreamScan
    private var buffer: [UInt8] = []
    private var bytesToSkip: Int

    init(scan: PrivacyStreamScan, skipping bytesToSkip: Int) {
        self.scan = scan
        self.bytesToSkip = bytesToSkip
    }

    mutating func feed(_ chunk: Data) {
        var chunk = chunk[...]
        if bytesToSkip > 0 {
            let skipped = min(bytesToSkip, chunk.count)
            chunk = chunk.dropFirst(skipped)
            bytesToSkip -= skipped
        }
        buffer.append(contentsOf: chunk)
        process(keeping: 2)
    }

    /// Scans what is left, with zeros standing for the bytes after the end.
    mutating func finish() -> PrivacyStreamScan {
        buffer.append(contentsOf: [0, 0])
        process(keeping: 2)
        scan.finishHeader()
        return scan
    }

    private mutating func process(keeping lookAhead: Int) {
        let count = buffer.count - lookAhead
        guard count > 0 else { return }
        buffer.withUnsafeBufferPointer { scan.consume($0, count: count) }
        buffer.removeFirst(count)
    }
}
