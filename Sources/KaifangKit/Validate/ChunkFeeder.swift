import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encodings a scanned file may be in.
enum ScanEncoding: Sendable, Equatable {
    case utf8
    case gb18030
    case utf16LittleEndian
    case utf16BigEndian
    /// Neither UTF-8 nor GB18030: each byte is one character (digits are ASCII in any case).
    case bytes
}

/// Turns a file's bytes, chunk by chunk, into Unicode scalars; a character
/// cut by a chunk boundary waits for the next chunk. Invalid sequences
/// become U+FFFD, one per byte, so the scan always goes on.
struct ScanDecoder {
    let encoding: ScanEncoding
    private var carry: [UInt8] = []
    private var iconv: GB18030Converter?

    init(encoding: ScanEncoding) {
        self.encoding = encoding
        if encoding == .gb18030 { iconv = GB18030Converter() }
    }

    mutating func decode(_ chunk: some Collection<UInt8>, _ emit: (Unicode.Scalar) -> Void) {
        switch encoding {
        case .bytes:
            for byte in chunk { emit(Unicode.Scalar(byte)) }
        case .utf8:
            decodeUTF8(chunk, emit)
        case .utf16LittleEndian, .utf16BigEndian:
            decodeUTF16(chunk, emit)
        case .gb18030:
            carry.append(contentsOf: chunk)
            carry = iconv?.convert(carry, final: false, emit) ?? []
        }
    }

    /// What is left at the end of the file is invalid: one U+FFFD per byte.
    mutating func finish(_ emit: (Unicode.Scalar) -> Void) {
        if encoding == .gb18030 {
            carry = iconv?.convert(carry, final: true, emit) ?? []
        }
        for _ in carry { emit("\u{FFFD}") }
        carry = []
    }

    private mutating func decodeUTF8(_ chunk: some Collection<UInt8>, _ emit: (Unicode.Scalar) -> Void) {
        var bytes = carry
        carry = []
        bytes.append(contentsOf: chunk)
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                emit(Unicode.Scalar(lead))
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0
            guard length > 0, lead <= 0xF4 else {
                emit("\u{FFFD}")
                index += 1
                continue
            }
            if index + length > count {
                // Possibly a character cut by the chunk boundary: wait, unless already invalid.
                if bytes[(index + 1)...].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                    carry = Array(bytes[index...])
                    return
                }
                emit("\u{FFFD}")
                index += 1
                continue
            }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var valid = true
            for offset in 1..<length {
                let next = bytes[index + offset]
                if next & 0xC0 != 0x80 { valid = false; break }
                value = value << 6 | UInt32(next & 0x3F)
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            if valid, value >= minimum, let scalar = Unicode.Scalar(value) {
                emit(scalar)
                index += length
            } else {
                emit("\u{FFFD}")
                index += 1
            }
        }
    }

    private mutating func decodeUTF16(_ chunk: some Collection<UInt8>, _ emit: (Unicode.Scalar) -> Void) {
        var bytes = carry
        carry = []
        bytes.append(contentsOf: chunk)
        let little = encoding == .utf16LittleEndian
        var index = 0
        func unit(_ at: Int) -> UInt32 {
            little ? UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 : UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1])
        }
        while index + 1 < bytes.count {
            let first = unit(index)
            if first >= 0xD800 && first < 0xDC00 {
                guard index + 3 < bytes.count else { break }
                let second = unit(index + 2)
                if second >= 0xDC00 && second < 0xE000 {
                    emit(Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}")
                    index += 4
                } else {
                    emit("\u{FFFD}")
                    index += 2
                }
            } else {
                emit(Unicode.Scalar(first) ?? "\u{FFFD}")
                index += 2
            }
        }
        carry = Array(bytes[index...])
    }
}

/// GB18030 → UTF-8 through the C library's iconv, resumable across chunks.
final class GB18030Converter {
    private let converter: iconv_t?

    init() {
        let handle = iconv_open("UTF-8", "GB18030")
        converter = handle == iconv_t(bitPattern: -1) ? nil : handle
    }

    deinit { if let converter { iconv_close(converter) } }

    /// Converts what it can and returns the bytes of a character cut off at
    /// the end (kept for the next chunk unless `final`). Invalid bytes become U+FFFD.
    func convert(_ input: [UInt8], final: Bool, _ emit: (Unicode.Scalar) -> Void) -> [UInt8] {
        guard let converter else {
            for byte in input { emit(byte < 0x80 ? Unicode.Scalar(byte) : "\u{FFFD}") }
            return []
        }
        var input = input
        var start = 0
        var output = [UInt8](repeating: 0, count: max(64, input.count * 2 + 16))
        while start < input.count {
            var inLeft = input.count - start
            var outLeft = output.count
            let result: Int = input.withUnsafeMutableBytes { inRaw in
                output.withUnsafeMutableBytes { outRaw in
                    var inPointer = inRaw.baseAddress.map { $0.advanced(by: start).assumingMemoryBound(to: CChar.self) }
                    var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                    return iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                }
            }
            let failure = result == -1 ? errno : 0
            let produced = output.count - outLeft
            for scalar in String(decoding: output[0..<produced], as: UTF8.self).unicodeScalars { emit(scalar) }
            start = input.count - inLeft
            if result != -1 { break }
            if failure == E2BIG { continue }
            if failure == EINVAL && !final {
                // A character cut by the end of the chunk.
                return Array(input[start...])
            }
            // EILSEQ (or a cut character at the very end): one byte is skipped.
            emit("\u{FFFD}")
            start += 1
        }
        return []
    }
}

/// Hands a file's chunks to the scan: decodes them and skips a byte-order mark.
struct ChunkFeeder {
    private var scan: PrivacyStreamScan
    private var decoder: ScanDecoder
    private var bytesToSkip: Int
    /// The start of a UTF-8 character cut by the end of the last chunk.
    private var utf8Carry: [UInt8] = []

    init(scan: PrivacyStreamScan, encoding: ScanEncoding = .utf8, skipping bytesToSkip: Int) {
        self.scan = scan
        self.decoder = ScanDecoder(encoding: encoding)
        self.bytesToSkip = bytesToSkip
    }

    mutating func feed(_ chunk: Data) {
        var chunk = chunk[...]
        if bytesToSkip > 0 {
            let skipped = min(bytesToSkip, chunk.count)
            chunk = chunk.dropFirst(skipped)
            bytesToSkip -= skipped
        }
        if decoder.encoding == .utf8 {
            // The common case, decoded straight into the scan: ASCII without a call per byte.
            var bytes = utf8Carry
            bytes.append(contentsOf: chunk)
            let used = bytes.withUnsafeBufferPointer { scan.consumeUTF8($0) }
            utf8Carry = Array(bytes[used...])
            return
        }
        // The decoder is taken out while it calls back into the scan (no overlapping access).
        var decoder = self.decoder
        decoder.decode(chunk) { self.scan.consume($0) }
        self.decoder = decoder
    }

    mutating func finish() -> PrivacyStreamScan {
        var scan = self.scan
        for _ in utf8Carry { scan.consume("\u{FFFD}") }
        decoder.finish { scan.consume($0) }
        scan.finish()
        return scan
    }
}
