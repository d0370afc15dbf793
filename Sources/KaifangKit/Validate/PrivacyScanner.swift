import Foundation

/// The last guard before a file is published: looks through tables and text
/// files for resident identity numbers, mobile numbers and bank card numbers.
///
/// Files are streamed in chunks (resources can be gigabytes) and each byte is
/// looked at once. Binary files (a NUL byte in the first 8 KB, or a format
/// such as XLSX or PDF) are not scanned. A column that a reviewer has declared
/// free of personal data (`privacy_exceptions`) is reported as a note instead.
public struct PrivacyScanner: Sendable {
    public var today: Day
    /// How many hits of one file are reported one by one before the rest are summed up.
    public var reportLimit: Int
    let chunkSize: Int

    /// Formats that are containers or images: their bytes are compressed, so a scan would find nothing real.
    static let binaryFormats: Set<String> = ["XLSX", "XLS", "PDF", "DOC", "DOCX", "ZIP", "SHP", "PNG", "JPEG", "JPG", "GIF"]
    /// Formats that must be text; one that looks binary is worth a warning (a UTF-16 export, say).
    static let textFormats: Set<String> = ["CSV", "TSV", "TXT", "JSON", "GEOJSON", "JSONLD", "XML", "KML", "RDF", "TTL", "HTML", "MD", "MARKDOWN"]
    static let sampleSize = 8 * 1024

    public init(today: Day) {
        self.init(today: today, chunkSize: FileDigest.chunkSize)
    }

    /// `chunkSize` is small in tests, to put numbers across chunk boundaries.
    init(today: Day, chunkSize: Int, reportLimit: Int = 20) {
        precondition(chunkSize > 0)
        self.today = today
        self.chunkSize = chunkSize
        self.reportLimit = reportLimit
    }

    /// The personal data found in the file, as errors (at most `reportLimit`
    /// and a summary), and notes for hits in excepted columns. A file that
    /// cannot be read yields nothing here: `FileDigest` reports it.
    public func scan(file: URL, displayPath: String, format: String, exceptions: [PrivacyException]) -> [Diagnostic] {
        (try? read(file: file, displayPath: displayPath, format: format, exceptions: exceptions, alsoDigesting: false) { _ in }) ?? []
    }

    /// The scan and the file's size and SHA-256 from a single read.
    public func scanAndDigest(file: URL, displayPath: String, format: String,
                              exceptions: [PrivacyException]) throws -> (file: LocalFile, diagnostics: [Diagnostic]) {
        var digest = FileDigest.Accumulator()
        let diagnostics = try read(file: file, displayPath: displayPath, format: format, exceptions: exceptions,
                                   alsoDigesting: true) { digest.update($0) }
        return (digest.finish(), diagnostics)
    }

    /// Reads the file once, handing every chunk to `onChunk` as well; a file
    /// that is not scanned is read only when `alsoDigesting`.
    private func read(file: URL, displayPath: String, format: String, exceptions: [PrivacyException],
                      alsoDigesting: Bool, onChunk: (Data) -> Void) throws -> [Diagnostic] {
        let normalizedFormat = format.uppercased().filter { $0 != "-" && $0 != " " && $0 != "." }
        let skipsScan = Self.binaryFormats.contains(normalizedFormat)
        if skipsScan && !alsoDigesting { return [] }
        let layout: PrivacyStreamScan.Layout = switch normalizedFormat {
        case "CSV": .table(delimiter: UInt8(ascii: ","))
        case "TSV": .table(delimiter: UInt8(ascii: "\t"))
        default: .text
        }

        var feeder: ChunkFeeder?
        var sample = Data()
        var decided = skipsScan
        var looksBinary = false
        try FileDigest.forEachChunk(of: file, chunkSize: chunkSize) { chunk in
            onChunk(chunk)
            if decided {
                feeder?.feed(chunk)
                return
            }
            // Hold the chunks back until 8 KB tell text from binary and UTF-8 from GB18030.
            sample.append(chunk)
            if sample.count >= Self.sampleSize {
                decided = true
                looksBinary = start(&feeder, sample: sample, layout: layout, exceptions: exceptions)
            }
        }
        if !decided {
            looksBinary = start(&feeder, sample: sample, layout: layout, exceptions: exceptions)
        }
        if looksBinary {
            guard Self.textFormats.contains(normalizedFormat) else { return [] }
            return [.warning(at: SourceLocation(file: displayPath),
                             "the file is \(format) but looks binary (it has NUL bytes), so it was not checked for personal data",
                             code: "privacy.not-scanned",
                             hint: "save it as UTF-8 text; spreadsheet \"Unicode text\" exports are UTF-16, which Kaifang cannot read")]
        }
        guard var feeder else { return [] }
        let scan = feeder.finish()
        return PrivacyReport(scan: scan, displayPath: displayPath, exceptions: exceptions).diagnostics
    }

    /// Starts the scan once the sample is known; true (and no scan) for a binary file.
    private func start(_ feeder: inout ChunkFeeder?, sample: Data, layout: PrivacyStreamScan.Layout,
                       exceptions: [PrivacyException]) -> Bool {
        let head = sample.prefix(Self.sampleSize)
        if head.contains(0) { return true }
        // Neither UTF-8 nor GB18030: scan the bytes as they are; digits are ASCII in any case.
        let encoding: PrivacyStreamScan.Encoding = !Self.looksLikeUTF8(head) && Self.looksLikeGB18030(head) ? .gb18030 : .utf8
        let scan = PrivacyStreamScan(layout: layout, encoding: encoding, today: today,
                                     exceptedColumns: Set(exceptions.map { $0.column.trimmingCharacters(in: .whitespaces) }),
                                     reportLimit: reportLimit)
        feeder = ChunkFeeder(scan: scan, skipping: head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        // The sample is fed in the same chunk sizes as the rest, so tests with tiny chunks cross boundaries here too.
        var offset = sample.startIndex
        while offset < sample.endIndex {
            let end = sample.index(offset, offsetBy: chunkSize, limitedBy: sample.endIndex) ?? sample.endIndex
            feeder?.feed(sample[offset..<end])
            offset = end
        }
        return false
    }

    /// Valid UTF-8, allowing a character cut off at the end of the sample.
    static func looksLikeUTF8(_ bytes: Data) -> Bool {
        (0...3).contains { cut in cut <= bytes.count && String(validating: bytes.dropLast(cut), as: UTF8.self) != nil }
    }

    /// Valid GB18030, allowing a character cut off at the end of the sample.
    static func looksLikeGB18030(_ bytes: Data) -> Bool {
        (0...3).contains { cut in cut <= bytes.count && LegacyEncoding.decodeGB18030(bytes.dropLast(cut)) != nil }
    }
}
