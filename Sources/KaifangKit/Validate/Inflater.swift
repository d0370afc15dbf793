import CZlib
import Foundation

/// Why a compressed file or archive could not be read to the end.
enum ExpansionError: Error, Equatable {
    /// The data is not what its header says (corrupt or truncated).
    case corrupt(String)
    /// More bytes would come out than `limit`: a zip bomb, or a file too large to check.
    case tooLarge(limit: Int64)
}

/// zlib's inflate, streamed: compressed chunks in, bounded output chunks out.
/// Used for gzip resources and the deflated members of XLSX/DOCX/ODS
/// archives. Input is only what the caller hands in (the reader never reads
/// past a member's stated size) and output stops at `limit` bytes.
final class Inflater {
    enum Wrapping {
        /// A gzip file (RFC 1952), members one after another as `cat a.gz b.gz` makes them.
        case gzip
        /// A raw deflate stream, as inside a ZIP archive.
        case raw
    }

    private var stream = z_stream()
    private var isOpen = false
    private let wrapping: Wrapping
    let limit: Int64
    private(set) var produced: Int64 = 0
    private(set) var finished = false
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    init(_ wrapping: Wrapping, limit: Int64) throws {
        self.wrapping = wrapping
        self.limit = limit
        try open()
    }

    deinit { if isOpen { inflateEnd(&stream) } }

    private func open() throws {
        stream = z_stream()
        let bits: Int32 = wrapping == .gzip ? 16 + MAX_WBITS : -MAX_WBITS
        guard inflateInit2_(&stream, bits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ExpansionError.corrupt("zlib could not start")
        }
        isOpen = true
    }

    /// Inflates `input`, handing out what comes out. After the end of the
    /// stream, gzip data may start another member; other bytes are an error.
    func feed(_ input: some Collection<UInt8>, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var bytes = Array(input)
        var offset = 0
        while offset < bytes.count {
            if finished {
                // Another gzip member follows (or padding zeros, which gzip tolerates too).
                guard wrapping == .gzip else { throw ExpansionError.corrupt("data after the end of the compressed stream") }
                if bytes[offset...].allSatisfy({ $0 == 0 }) { return }
                inflateEnd(&stream)
                isOpen = false
                try open()
                finished = false
            }
            let count = bytes.count - offset
            let (result, consumed, made) = bytes.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_in = inBuffer.baseAddress! + offset
                    stream.avail_in = UInt32(count)
                    stream.next_out = outBuffer.baseAddress!
                    stream.avail_out = UInt32(outBuffer.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, count - Int(stream.avail_in), outBuffer.count - Int(stream.avail_out))
                }
            }
            stream.next_in = nil
            stream.next_out = nil
            offset += consumed
            if made > 0 {
                produced += Int64(made)
                if produced > limit { throw ExpansionError.tooLarge(limit: limit) }
                try body(output[0..<made])
            }
            switch result {
            case Z_STREAM_END:
                finished = true
            case Z_OK:
                break
            case Z_BUF_ERROR where consumed == 0 && made == 0:
                // Needs more input than this chunk has.
                return
            case Z_BUF_ERROR:
                break
            default:
                throw ExpansionError.corrupt(stream.msg.map { String(cString: $0) } ?? "invalid compressed data")
            }
        }
        // Everything is consumed, but zlib may still hold output.
        while !finished {
            let (result, made) = output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = nil
                stream.avail_in = 0
                stream.next_out = outBuffer.baseAddress!
                stream.avail_out = UInt32(outBuffer.count)
                let result = inflate(&stream, Z_NO_FLUSH)
                return (result, outBuffer.count - Int(stream.avail_out))
            }
            stream.next_out = nil
            if made > 0 {
                produced += Int64(made)
                if produced > limit { throw ExpansionError.tooLarge(limit: limit) }
                try body(output[0..<made])
            }
            if result == Z_STREAM_END { finished = true }
            if made == 0 || result != Z_OK { break }
        }
        _ = bytes.count
        bytes = []
    }

    /// The stream must have ended: a truncated file is corrupt.
    func finish() throws {
        guard finished else { throw ExpansionError.corrupt("the compressed data ends too early") }
    }
}
