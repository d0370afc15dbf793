import Foundation

/// Reads the members of a ZIP archive (XLSX, DOCX, ODS, ODT) for the privacy
/// scan, trusting nothing in it: the central directory is bounded, each
/// member is read only within its stated compressed size, and the bytes that
/// come out of all members together stop at a limit (zip bombs).
///
/// Kaifang writes archives only in tests (with ZIPFoundation); this reader
/// is its own because ZIPFoundation's inflate on Linux keeps asking for input
/// past a member's end, which a truncated archive turns into an endless loop.
struct ZipReader {
    struct Member: Sendable {
        var name: String
        var method: UInt16
        var flags: UInt16
        var compressedSize: Int64
        var size: Int64
        var localHeaderOffset: Int64
        var isDirectory: Bool { name.hasSuffix("/") }
    }

    static let maxMembers = 100_000
    static let maxDirectoryBytes = 64 << 20

    /// Where the archive's bytes are: a file, or memory (the fuzzer).
    enum Source: Sendable {
        case file(URL)
        case data(Data)
    }

    let source: Source
    let fileSize: Int64
    private(set) var members: [Member] = []
    /// Bytes inflated so far, across members.
    private(set) var expanded: Int64 = 0
    let limit: Int64

    init(url: URL, limit: Int64) throws {
        try self.init(source: .file(url), limit: limit)
    }

    init(source: Source, limit: Int64) throws {
        self.source = source
        self.limit = limit
        let reader = try ByteReader(source)
        fileSize = reader.size
        members = try Self.readDirectory(reader, fileSize: fileSize)
    }

    /// Reads ranges of the archive, from a file handle or from memory.
    final class ByteReader {
        private let handle: FileHandle?
        private let data: Data?
        let size: Int64

        init(_ source: Source) throws {
            switch source {
            case .file(let url):
                let handle = try FileHandle(forReadingFrom: url)
                self.handle = handle
                self.data = nil
                size = Int64(try handle.seekToEnd())
            case .data(let data):
                self.handle = nil
                self.data = data
                size = Int64(data.count)
            }
        }

        deinit { try? handle?.close() }

        /// Up to `count` bytes from `offset` (fewer only at the end).
        func read(at offset: Int64, upTo count: Int) throws -> Data {
            if let handle {
                try handle.seek(toOffset: UInt64(offset))
                return try handle.read(upToCount: count) ?? Data()
            }
            guard let data, offset >= 0, offset <= Int64(data.count) else { return Data() }
            let start = data.startIndex + Int(offset)
            return data[start..<min(start + count, data.endIndex)]
        }

        func read(at offset: Int64, count: Int) throws -> [UInt8] {
            let data = try read(at: offset, upTo: count)
            guard data.count == count else { throw ExpansionError.corrupt("the archive ends too early") }
            return [UInt8](data)
        }
    }

    static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    private static func readDirectory(_ reader: ByteReader, fileSize: Int64) throws -> [Member] {
        // The end-of-central-directory record: 22 bytes and a comment of up to 65535.
        let tailLength = Int(min(fileSize, 22 + 65_535))
        guard tailLength >= 22 else { throw ExpansionError.corrupt("too short to be a ZIP archive") }
        let tail = try reader.read(at: fileSize - Int64(tailLength), count: tailLength)
        guard let end = stride(from: tailLength - 22, through: 0, by: -1).first(where: { uint32(tail, $0) == 0x0605_4B50 }) else {
            throw ExpansionError.corrupt("no ZIP central directory")
        }
        let count = Int(uint16(tail, end + 10))
        let directorySize = Int64(uint32(tail, end + 12))
        let directoryOffset = Int64(uint32(tail, end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw ExpansionError.corrupt("ZIP64 archives are not read")
        }
        guard count <= maxMembers, directorySize <= maxDirectoryBytes, directoryOffset + directorySize <= fileSize else {
            throw ExpansionError.corrupt("the central directory is out of bounds")
        }
        let directory = try reader.read(at: directoryOffset, count: Int(directorySize))
        var members: [Member] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, uint32(directory, at) == 0x0201_4B50 else {
                throw ExpansionError.corrupt("a damaged central directory entry")
            }
            let nameLength = Int(uint16(directory, at + 28))
            let extraLength = Int(uint16(directory, at + 30))
            let commentLength = Int(uint16(directory, at + 32))
            guard at + 46 + nameLength <= directory.count else { throw ExpansionError.corrupt("a damaged member name") }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            members.append(Member(name: name, method: uint16(directory, at + 10), flags: uint16(directory, at + 8),
                                  compressedSize: Int64(uint32(directory, at + 20)), size: Int64(uint32(directory, at + 24)),
                                  localHeaderOffset: Int64(uint32(directory, at + 42))))
            at += 46 + nameLength + extraLength + commentLength
        }
        return members
    }

    func member(named name: String) -> Member? { members.first { $0.name == name } }

    /// Streams a member's uncompressed bytes to `body`.
    mutating func read(_ member: Member, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        guard member.flags & 1 == 0 else { throw ExpansionError.corrupt("\(member.name) is encrypted") }
        guard member.method == 0 || member.method == 8 else {
            throw ExpansionError.corrupt("\(member.name) uses compression method \(member.method), which is not read")
        }
        let reader = try ByteReader(source)
        let header = try reader.read(at: member.localHeaderOffset, count: 30)
        guard Self.uint32(header, 0) == 0x0403_4B50 else { throw ExpansionError.corrupt("a damaged local header for \(member.name)") }
        let start = member.localHeaderOffset + 30 + Int64(Self.uint16(header, 26)) + Int64(Self.uint16(header, 28))
        guard start + member.compressedSize <= fileSize else { throw ExpansionError.corrupt("\(member.name) runs past the end of the archive") }
        var position = start
        var remaining = member.compressedSize
        let inflater = member.method == 8 ? try Inflater(.raw, limit: max(0, limit - expanded)) : nil
        var stored: Int64 = 0
        while remaining > 0 {
            let chunk = try reader.read(at: position, upTo: Int(min(remaining, 1 << 16)))
            guard !chunk.isEmpty else { throw ExpansionError.corrupt("the archive ends too early") }
            remaining -= Int64(chunk.count)
            position += Int64(chunk.count)
            if let inflater {
                try inflater.feed(chunk, body)
            } else {
                stored += Int64(chunk.count)
                if expanded + stored > limit { throw ExpansionError.tooLarge(limit: limit) }
                try body(ArraySlice(chunk))
            }
        }
        if let inflater {
            try inflater.finish()
            expanded += inflater.produced
        } else {
            expanded += stored
        }
    }
}
