import Foundation

/// The last guard before a file is published: looks through every resource
/// file Kaifang copies for resident identity numbers, mobile numbers, bank
/// card numbers and secrecy markings.
///
/// - Text (CSV, TSV, TXT, JSON, GeoJSON, XML, …) in UTF-8, GB18030 or UTF-16
///   is streamed in chunks (resources can be gigabytes), each character looked at once;
/// - gzip files (`.gz`, format `GZ` or `CSV.GZ`) are inflated as they stream, and their content scanned as text;
/// - XLSX, DOCX, PPTX, ODS, ODT and ODP are read through the XML in their ZIP archive;
/// - a file whose bytes are not what its `format` says (a CSV named XLSX) is an error;
/// - a file that cannot be read (PDF, images, other binaries) is an error
///   unless the resource carries a `privacy_review`, which is printed as a note.
///
/// A column that a reviewer has declared free of personal data
/// (`privacy_exceptions`) is reported as a note instead.
public struct PrivacyScanner: Sendable {
    public var today: Day
    /// How many hits of one file are reported one by one before the rest are summed up.
    public var reportLimit: Int
    /// How many bytes a compressed file or archive may expand to before it is refused (zip bombs).
    public var expansionLimit: Int64
    let chunkSize: Int

    static let defaultExpansionLimit: Int64 = 4 << 30
    static let sampleSize = 8 * 1024

    public init(today: Day) {
        self.init(today: today, chunkSize: FileDigest.chunkSize)
    }

    /// `chunkSize` is small in tests, to put numbers across chunk boundaries.
    init(today: Day, chunkSize: Int, reportLimit: Int = 20, expansionLimit: Int64 = PrivacyScanner.defaultExpansionLimit) {
        precondition(chunkSize > 0)
        self.today = today
        self.chunkSize = chunkSize
        self.reportLimit = reportLimit
        self.expansionLimit = expansionLimit
    }

    /// The findings for the file, as errors (at most `reportLimit` and a
    /// summary), notes for hits in excepted columns and for reviewed files.
    /// A file that cannot be read yields nothing here: `FileDigest` reports it.
    public func scan(file: URL, displayPath: String, format: String, exceptions: [PrivacyException],
                     review: PrivacyReview? = nil) -> [Diagnostic] {
        (try? read(file: file, displayPath: displayPath, format: format, exceptions: exceptions, review: review) { _ in })?.diagnostics ?? []
    }

    /// The scan and the file's size and SHA-256 from a single read (archives are read a second time).
    public func scanAndDigest(file: URL, displayPath: String, format: String, exceptions: [PrivacyException],
                              review: PrivacyReview? = nil) throws -> (file: LocalFile, diagnostics: [Diagnostic]) {
        var digest = FileDigest.Accumulator()
        let outcome = try read(file: file, displayPath: displayPath, format: format, exceptions: exceptions, review: review) {
            digest.update($0)
        }
        var local = digest.finish()
        local.scanned = outcome.scanned
        return (local, outcome.diagnostics)
    }

    // MARK: Reading

    private struct Outcome {
        var diagnostics: [Diagnostic]
        /// Whether every byte of the file was checked.
        var scanned: Bool
    }

    private func read(file: URL, displayPath: String, format: String, exceptions: [PrivacyException], review: PrivacyReview?,
                      onChunk: (Data) -> Void) throws -> Outcome {
        let expected = FileContent.expectation(format: format, path: file.path)
        var sample = Data()
        var decided = false
        var sink: TextSink?
        var inflater: Inflater?
        var expansion: ExpansionError?
        var content = FileContent.binary

        func decide() {
            decided = true
            content = FileContent.sniff(sample.prefix(Self.sampleSize))
            switch (expected, content) {
            case (.text(let layout), .text(let encoding, let bom)), (.unknown(let layout), .text(let encoding, let bom)):
                sink = TextSink(scanner: self, layout: layout, exceptions: exceptions, encoding: encoding, skipping: bom)
            case (.gzip(let layout), .gzip), (.unknown(let layout), .gzip):
                do {
                    inflater = try Inflater(.gzip, limit: expansionLimit)
                    sink = TextSink(scanner: self, layout: layout, exceptions: exceptions, encoding: nil, skipping: 0)
                } catch {
                    expansion = error as? ExpansionError
                }
            default:
                break
            }
            feed(sample)
        }
        func feed(_ chunk: Data) {
            guard sink != nil, expansion == nil else { return }
            if let inflater {
                do {
                    try inflater.feed(chunk) { sink?.feed($0) }
                } catch {
                    expansion = error as? ExpansionError ?? .corrupt("\(error)")
                }
            } else {
                // The sample is fed in the same chunk sizes as the rest, so tests with tiny chunks cross boundaries here too.
                var offset = chunk.startIndex
                while offset < chunk.endIndex {
                    let end = chunk.index(offset, offsetBy: chunkSize, limitedBy: chunk.endIndex) ?? chunk.endIndex
                    sink?.feed(chunk[offset..<end])
                    offset = end
                }
            }
        }

        try FileDigest.forEachChunk(of: file, chunkSize: chunkSize) { chunk in
            onChunk(chunk)
            if decided {
                feed(chunk)
                return
            }
            // Hold the chunks back until 8 KB tell what the file is.
            sample.append(chunk)
            if sample.count >= Self.sampleSize { decide() }
        }
        if !decided { decide() }
        if let inflater, expansion == nil {
            do { try inflater.finish() } catch { expansion = error as? ExpansionError }
        }

        let location = SourceLocation(file: displayPath)
        if let expansion {
            return Outcome(diagnostics: expansionProblem(expansion, format: format, location: location, review: review), scanned: false)
        }
        if var sink {
            switch sink.finish() {
            case .scanned(let scan):
                return Outcome(diagnostics: PrivacyReport(scan: scan, displayPath: displayPath, exceptions: exceptions).diagnostics,
                               scanned: true)
            case .notText(let inner):
                // A gzip file whose content is binary.
                return Outcome(diagnostics: [mismatch(format: format, content: "gzip-compressed \(inner.noun)", location: location)],
                               scanned: false)
            }
        }
        switch (expected, content) {
        case (.office(let kind), .zip):
            return scanOffice(file: file, kind: kind, format: format, displayPath: displayPath, exceptions: exceptions, review: review)
        case (.binary(let magic), _) where magic == nil || magic == content:
            return Outcome(diagnostics: [unscanned(format: format, why: "Kaifang cannot read \(format) files", location: location, review: review)],
                           scanned: false)
        case (.unknown, _):
            return Outcome(diagnostics: [unscanned(format: format, why: "Kaifang cannot read \(content.noun)", location: location, review: review)], scanned: false)
        default:
            return Outcome(diagnostics: [mismatch(format: format, content: content.noun, location: location)], scanned: false)
        }
    }

    private func scanOffice(file: URL, kind: OfficeKind, format: String, displayPath: String, exceptions: [PrivacyException],
                            review: PrivacyReview?) -> Outcome {
        let location = SourceLocation(file: displayPath)
        do {
            var zip = try ZipReader(url: file, limit: expansionLimit)
            guard zip.member(named: kind.requiredMember) != nil else {
                return Outcome(diagnostics: [mismatch(format: format, content: "a ZIP archive that is not \(kind.noun) (it has no \(kind.requiredMember))",
                                                      location: location)], scanned: false)
            }
            let result = try OfficeScanner(today: today).scan(&zip, kind: kind)
            var diagnostics = officeDiagnostics(result.hits, displayPath: displayPath)
            diagnostics += exceptions.map { exception in
                .warning(at: exception.location,
                         "privacy exception for column \(exception.column): \(displayPath) is not a CSV or TSV table, so it has no columns",
                         code: "privacy.exception-column",
                         hint: "exceptions apply to the columns of tables; remove or mask the values in other files")
            }
            if !result.unreadableMembers.isEmpty {
                let names = result.unreadableMembers.prefix(5).joined(separator: ", ") + (result.unreadableMembers.count > 5 ? ", …" : "")
                diagnostics.append(unscanned(format: format, why: "it contains files Kaifang cannot read (\(names))",
                                             location: location, review: review))
            }
            return Outcome(diagnostics: diagnostics, scanned: result.unreadableMembers.isEmpty)
        } catch let error as ExpansionError {
            return Outcome(diagnostics: expansionProblem(error, format: format, location: location, review: review), scanned: false)
        } catch {
            return Outcome(diagnostics: expansionProblem(.corrupt("\(error)"), format: format, location: location, review: review),
                           scanned: false)
        }
    }

    private func officeDiagnostics(_ hits: [OfficeHit], displayPath: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for hit in hits.prefix(reportLimit) {
            let location = SourceLocation(file: displayPath, line: hit.line, column: hit.column)
            diagnostics.append(Self.diagnostic(hit.what, at: location, in: hit.place))
        }
        if hits.count > reportLimit, let first = hits.dropFirst(reportLimit).first {
            diagnostics.append(.error(
                at: SourceLocation(file: displayPath, line: first.line, column: first.column),
                "… and \(hits.count - reportLimit) more values that look like personal data or secrecy markings in this file",
                code: "privacy.more",
                hint: "only the first \(reportLimit) are listed; the whole file needs cleaning before it is published"))
        }
        return diagnostics
    }

    /// The error for a personal number or a secrecy marking found at `location`; `place` names the cell, column or field.
    static func diagnostic(_ what: TextHit.What, at location: SourceLocation, in place: String?) -> Diagnostic {
        let suffix = place.map { " in \($0)" } ?? ""
        switch what {
        case .personal(let kind, let masked):
            return .error(at: location, "personal data: \(kind.phrase) (\(masked))\(suffix)", code: kind.code,
                          hint: "remove or mask the value (like \(masked)) before publishing")
        case .secrecy(let marking):
            return .error(at: location, "secrecy marking \(marking)\(suffix): classified or internal material must not be published",
                          code: SecrecyMarkings.code,
                          hint: "leave the material out, or have it declassified (解密) and the marking removed by the office that made it")
        }
    }

    private func mismatch(format: String, content: String, location: SourceLocation) -> Diagnostic {
        .error(at: location, "the file is declared \(format) but its content is \(content)", code: "resource.format-mismatch",
               hint: "give the resource the format of what the file really is, or replace the file; a file that is not what it claims cannot be checked for personal data")
    }

    /// A file the scan could not read: an error, or a note when a person has reviewed it.
    private func unscanned(format: String, why: String, location: SourceLocation, review: PrivacyReview?) -> Diagnostic {
        if let review {
            return Diagnostic(.note, at: location,
                              "not checked for personal data (\(why)); published under the privacy review by \(review.by) on \(review.date): \(review.note)",
                              code: "privacy.reviewed")
        }
        return .error(at: location, "the file was not checked for personal data: \(why)",
                      code: "privacy.not-scanned",
                      hint: "publish the data as CSV, XLSX or another readable format; or have the file checked by hand and record it on the resource: "
                          + "`privacy_review: {by: 王五（数据管理处）, date: \(today), note: 已逐页核对，无个人信息}`")
    }

    private func expansionProblem(_ error: ExpansionError, format: String, location: SourceLocation, review: PrivacyReview?) -> [Diagnostic] {
        switch error {
        case .tooLarge(let limit):
            return [.error(at: location, "the file expands to more than \(limit >> 20) MB when uncompressed, so it was not checked for personal data",
                           code: "privacy.expansion-limit",
                           hint: "a compressed file that large is refused as a possible zip bomb; publish the data uncompressed or split it")]
        case .corrupt(let reason):
            return [unscanned(format: format, why: "the \(format) file cannot be read (\(reason))", location: location, review: review)]
        }
    }
}

/// What a file's first bytes say it is, and what its declared format lets it be.
enum FileContent: Equatable, Sendable {
    case zip, gzip, pdf, png, jpeg, gif, ole2
    case text(ScanEncoding, bom: Int)
    case binary

    var noun: String {
        switch self {
        case .zip: "a ZIP archive"
        case .gzip: "gzip-compressed data"
        case .pdf: "a PDF document"
        case .png: "a PNG image"
        case .jpeg: "a JPEG image"
        case .gif: "a GIF image"
        case .ole2: "an old Office file (OLE2, as XLS and DOC are)"
        case .text(let encoding, _):
            switch encoding {
            case .utf16LittleEndian, .utf16BigEndian: "UTF-16 text"
            default: "text"
            }
        case .binary: "binary data"
        }
    }

    static func sniff(_ head: Data) -> FileContent {
        let bytes = [UInt8](head)
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts(Array("%PDF".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF8".utf8)) { return .gif }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        if starts([0xEF, 0xBB, 0xBF]) { return .text(.utf8, bom: 3) }
        if starts([0xFF, 0xFE]) { return .text(.utf16LittleEndian, bom: 2) }
        if starts([0xFE, 0xFF]) { return .text(.utf16BigEndian, bom: 2) }
        if bytes.contains(0) {
            // UTF-16 without a mark: digits and Latin letters have a zero byte on one side.
            var evenZeros = 0, oddZeros = 0
            for (index, byte) in bytes.enumerated() where byte == 0 {
                if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
            }
            let pairs = max(bytes.count / 2, 1)
            if oddZeros * 5 >= pairs && evenZeros * 20 <= pairs && isUTF16Text(bytes, .utf16LittleEndian) {
                return .text(.utf16LittleEndian, bom: 0)
            }
            if evenZeros * 5 >= pairs && oddZeros * 20 <= pairs && isUTF16Text(bytes, .utf16BigEndian) {
                return .text(.utf16BigEndian, bom: 0)
            }
            return .binary
        }
        if looksLikeUTF8(head) { return .text(.utf8, bom: 0) }
        if looksLikeGB18030(head) { return .text(.gb18030, bom: 0) }
        // Neither: scan the bytes as they are; digits are ASCII in any case.
        return .text(.bytes, bom: 0)
    }

    /// At least a few characters of UTF-16 with no control characters but tab and line ends.
    static func isUTF16Text(_ bytes: [UInt8], _ encoding: ScanEncoding) -> Bool {
        guard bytes.count >= 8 else { return false }
        var decoder = ScanDecoder(encoding: encoding)
        var clean = true
        decoder.decode(bytes) { scalar in
            if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" || scalar == "\u{FFFD}" { clean = false }
        }
        return clean
    }

    /// Valid UTF-8, allowing a character cut off at the end of the sample.
    static func looksLikeUTF8(_ bytes: Data) -> Bool {
        (0...3).contains { cut in cut <= bytes.count && String(validating: bytes.dropLast(cut), as: UTF8.self) != nil }
    }

    /// Valid GB18030, allowing a character cut off at the end of the sample.
    static func looksLikeGB18030(_ bytes: Data) -> Bool {
        (0...3).contains { cut in cut <= bytes.count && LegacyEncoding.decodeGB18030(bytes.dropLast(cut)) != nil }
    }

    /// What a resource's format (and file name) says the bytes must be.
    enum Expectation: Equatable {
        case text(PrivacyStreamScan.Layout)
        case gzip(PrivacyStreamScan.Layout)
        case office(OfficeKind)
        /// A format the scan cannot read; with the magic its bytes must start with, where one is known.
        case binary(FileContent?)
        /// A format Kaifang does not know: scanned if it is text or gzip, else not readable.
        case unknown(PrivacyStreamScan.Layout)
    }

    static let textFormats: Set<String> = ["CSV", "TSV", "TXT", "JSON", "GEOJSON", "JSONLD", "XML", "KML", "GML", "RDF", "TTL",
                                           "HTML", "HTM", "MD", "MARKDOWN", "NDJSON", "JSONL", "YAML", "YML", "SQL", "SVG"]
    static let binaryFormats: [String: FileContent?] = [
        "PDF": .pdf, "PNG": .png, "JPEG": .jpeg, "JPG": .jpeg, "GIF": .gif,
        "XLS": .ole2, "DOC": .ole2, "PPT": .ole2, "ZIP": .zip, "SHP": .zip, "KMZ": .zip,
    ]

    static func normalized(_ format: String) -> String {
        format.uppercased().filter { $0 != "-" && $0 != " " && $0 != "." && $0 != "_" && $0 != "+" }
    }

    static func layout(_ format: String) -> PrivacyStreamScan.Layout {
        switch format {
        case "CSV": .table(delimiter: UInt8(ascii: ","))
        case "TSV": .table(delimiter: UInt8(ascii: "\t"))
        default: .text
        }
    }

    static func expectation(format: String, path: String) -> Expectation {
        var name = normalized(format)
        let lowerPath = path.lowercased()
        var compressed = lowerPath.hasSuffix(".gz")
        for suffix in ["GZIP", "GZ"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            compressed = true
            break
        }
        if compressed {
            if name.isEmpty {
                // `format: GZ`: the inner format is the extension before .gz (data.csv.gz).
                let inner = lowerPath.hasSuffix(".gz") ? (lowerPath.dropLast(3) as Substring) : Substring(lowerPath)
                name = inner.split(separator: "/").last.flatMap { $0.contains(".") ? $0.split(separator: ".").last : nil }
                    .map { normalized(String($0)) } ?? ""
            }
            return .gzip(layout(name))
        }
        if textFormats.contains(name) { return .text(layout(name)) }
        if let office = OfficeKind(format: name) { return .office(office) }
        if let magic = binaryFormats[name] { return .binary(magic) }
        return .unknown(.text)
    }
}

/// The text scan of one stream of bytes (a file, or what a gzip file
/// inflates to): holds the first 8 KB back to learn the encoding when it is
/// not known yet, then feeds the scan.
struct TextSink {
    enum Result {
        case scanned(PrivacyStreamScan)
        /// The bytes are not text (the inner file of a gzip, say).
        case notText(FileContent)
    }

    private let scan: PrivacyStreamScan
    private var feeder: ChunkFeeder?
    private var sample: [UInt8] = []
    private var rejected: FileContent?

    init(scanner: PrivacyScanner, layout: PrivacyStreamScan.Layout, exceptions: [PrivacyException],
         encoding: ScanEncoding?, skipping: Int) {
        scan = PrivacyStreamScan(layout: layout, today: scanner.today,
                                 exceptedColumns: Set(exceptions.map { $0.column.trimmingCharacters(in: .whitespaces) }),
                                 reportLimit: scanner.reportLimit)
        if let encoding { feeder = ChunkFeeder(scan: scan, encoding: encoding, skipping: skipping) }
    }

    mutating func feed(_ bytes: some Collection<UInt8>) {
        if rejected != nil { return }
        if feeder != nil {
            feeder?.feed(Data(bytes))
            return
        }
        sample.append(contentsOf: bytes)
        if sample.count >= PrivacyScanner.sampleSize { start() }
    }

    private mutating func start() {
        let content = FileContent.sniff(Data(sample.prefix(PrivacyScanner.sampleSize)))
        guard case .text(let encoding, let bom) = content else {
            rejected = content
            return
        }
        feeder = ChunkFeeder(scan: scan, encoding: encoding, skipping: bom)
        let held = sample
        sample = []
        feeder?.feed(Data(held))
    }

    mutating func finish() -> Result {
        if feeder == nil && rejected == nil { start() }
        if let rejected { return .notText(rejected) }
        return .scanned(feeder!.finish())
    }
}
