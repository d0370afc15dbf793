import Foundation

// libFuzzer target for everything Kaifang reads from a publisher's bytes
// before any checking: decoding, front matter, YAML, CSV and catalog.csv
// rows, the privacy scanner's streaming state machine with its normaliser
// and secrecy markings, and the readers of office files and gzip (XML, ZIP,
// inflate).
//
// A crash, a failed precondition below, an ASan report or a hang is a bug:
// those stages must turn any input into values or diagnostics. Built and run
// by Fuzz/run.sh (see Fuzz/README.md); not a SwiftPM target.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    FuzzChecks.markdown(bytes)
    FuzzChecks.spreadsheet(bytes)
    FuzzChecks.privacyScan(bytes)
    HostileYAMLChecks.run(bytes)
    FuzzChecks.normalizer(bytes)
    FuzzChecks.xml(bytes)
    FuzzChecks.archive(bytes)
    return 0
}

enum FuzzChecks {
    static let markdownFile = "Content/datasets/fuzz.md"
    static let catalogFile = "Content/catalog.csv"

    /// A dataset file: UTF-8 → front matter → YAML with positions; the body and the whole text as CSV too.
    static func markdown(_ bytes: Data) {
        let text: String
        switch TextDecoder.decodeUTF8(bytes, file: markdownFile) {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic):
            precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "bad encoding position")
            return
        }
        precondition(!text.utf8.contains(13), "a CR survived line-end normalisation")
        switch FrontMatterDocument.split(text, file: markdownFile) {
        case .success(let document):
            precondition(document.bodyLine >= 3, "body before the closing ---")
            precondition(text.hasSuffix(document.body), "the body is not the end of the file")
            checkYAML(YAMLReader.parse(document.yaml, file: markdownFile, lineOffset: document.yamlLineOffset),
                      lines: text.split(separator: "\n", omittingEmptySubsequences: false).count)
        case .failure(let diagnostic):
            precondition(diagnostic.location.line == 1)
        }
        _ = YAMLReader.parse(text, file: "Content/site.yaml")
        checkCSV(text)
    }

    /// catalog.csv as offices save it: UTF-8 or GB18030.
    static func spreadsheet(_ bytes: Data) {
        guard case .success(let text) = LegacyEncoding.decodeSpreadsheetText(bytes, file: catalogFile) else { return }
        checkCSV(text)
        let (rows, diagnostics) = CatalogCSVLoader(file: catalogFile).parse(text)
        for row in rows { precondition(row.bodyLine >= 1 && !row.slug.isEmpty, "row without a place or a slug") }
        for diagnostic in diagnostics.all { precondition(diagnostic.location.line >= 1) }
    }

    static func checkCSV(_ text: String) {
        guard case .success(let rows) = CSVReader.parse(text) else { return }
        var lastLine = 0
        for row in rows {
            precondition(row.line > lastLine, "CSV rows out of order")
            lastLine = row.line
            for cell in row.cells { precondition(cell.line >= row.line && cell.column >= 1, "CSV cell before its row") }
        }
    }

    static func checkYAML(_ result: Result<YAMLNode, Diagnostic>, lines: Int) {
        guard case .success(let root) = result else { return }
        var stack = [root]
        while let node = stack.popLast() {
            precondition(node.location.line >= 2 && node.location.line <= lines + 1, "YAML position outside the front matter")
            switch node.value {
            case .sequence(let items): stack += items
            case .mapping(let entries): stack += entries.map(\.value)
            case .null, .scalar: break
            }
        }
    }

    /// The streaming scan must find the same things however the bytes are
    /// cut into chunks, and never print a whole number.
    static func privacyScan(_ bytes: Data) {
        guard let first = bytes.first else { return }
        let layout: PrivacyStreamScan.Layout = first & 1 == 0 ? .table(delimiter: UInt8(ascii: ",")) : .text
        let encodings: [ScanEncoding] = [.utf8, .gb18030, .utf16LittleEndian, .utf16BigEndian, .bytes]
        let encoding = encodings[Int(first >> 1) % encodings.count]
        let whole = scan(bytes, layout: layout, encoding: encoding, chunkSize: max(bytes.count, 1))
        let chunked = scan(bytes, layout: layout, encoding: encoding, chunkSize: Int(first >> 4) % 7 + 1)
        precondition(whole.reported == chunked.reported, "chunk boundaries change what the privacy scan finds")
        precondition(whole.secrecy == chunked.secrecy, "chunk boundaries change the secrecy markings found")
        precondition(whole.columnNames == chunked.columnNames, "chunk boundaries change the header")
        for finding in whole.reported {
            precondition(finding.masked.contains("*"), "an unmasked value in a message")
            precondition(finding.position.line >= 1 && finding.position.column >= 1, "a finding before the file")
        }
    }

    static func scan(_ bytes: Data, layout: PrivacyStreamScan.Layout, encoding: ScanEncoding, chunkSize: Int) -> PrivacyStreamScan {
        let scan = PrivacyStreamScan(layout: layout, today: Day(year: 2026, month: 10, day: 1), exceptedColumns: [], reportLimit: 1000)
        var feeder = ChunkFeeder(scan: scan, encoding: encoding, skipping: 0)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            feeder.feed(bytes[offset..<end])
            offset = end
        }
        return feeder.finish()
    }

    /// The normaliser never invents characters: at most one out per character
    /// in, positions in order; and the text scan of a string agrees with the
    /// stream scan of its characters.
    static func normalizer(_ bytes: Data) {
        let text = String(decoding: bytes, as: UTF8.self)
        var normalizer = PrivacyNormalizer()
        var count = 0, out = 0
        var last = ScanPosition(line: 1, column: 0, field: 0)
        let emit: (NormalizedCharacter) -> Void = { character in
            out += 1
            precondition(character.position.column >= last.column, "normalised characters out of order")
            last = character.position
        }
        for scalar in text.unicodeScalars {
            count += 1
            normalizer.push(scalar, at: ScanPosition(line: 1, column: count, field: 0), emit)
        }
        normalizer.finish(emit)
        precondition(out <= count, "the normaliser made more characters than it was given")
        for hit in TextScan.scan(text, today: Day(year: 2026, month: 10, day: 1)) {
            if case .personal(_, let masked) = hit.what { precondition(masked.contains("*"), "an unmasked value") }
            precondition(hit.line >= 1 && hit.column >= 1, "a hit before the text")
        }
    }

    /// XML read whole or byte by byte gives the same events.
    static func xml(_ bytes: Data) {
        func events(chunk: Int) -> [XMLStream.Event]? {
            var stream = XMLStream()
            var events: [XMLStream.Event] = []
            var offset = 0
            do {
                while offset < bytes.count {
                    let end = min(offset + chunk, bytes.count)
                    try stream.feed(bytes[offset..<end]) { events.append($0) }
                    offset = end
                }
                try stream.finish { events.append($0) }
            } catch {
                return nil
            }
            return events
        }
        let whole = events(chunk: max(bytes.count, 1))
        let single = events(chunk: 1)
        precondition((whole == nil) == (single == nil) && (whole == nil || joined(whole!) == joined(single!)),
                     "chunking changes the XML events")
    }

    /// Adjacent text events joined (chunking may cut text in two).
    static func joined(_ events: [XMLStream.Event]) -> [XMLStream.Event] {
        var result: [XMLStream.Event] = []
        for event in events {
            if case .text(let piece) = event, case .text(let before)? = result.last {
                result[result.count - 1] = .text(before + piece)
            } else {
                result.append(event)
            }
        }
        return result
    }

    /// The bytes as a ZIP archive read as every office kind, and as gzip:
    /// errors are fine, crashes, hangs and reads out of bounds are not, and
    /// nothing comes out past the expansion limit.
    static func archive(_ bytes: Data) {
        let limit: Int64 = 1 << 20
        for kind in [OfficeKind.xlsx, .docx, .ods] {
            guard var zip = try? ZipReader(source: .data(bytes), limit: limit) else { break }
            if let result = try? OfficeScanner(today: Day(year: 2026, month: 10, day: 1)).scan(&zip, kind: kind) {
                for hit in result.hits {
                    if case .personal(_, let masked) = hit.what { precondition(masked.contains("*"), "an unmasked value") }
                }
            }
            precondition(zip.expanded <= limit, "an archive expanded past its limit")
        }
        if let inflater = try? Inflater(.gzip, limit: limit) {
            var produced = 0
            try? inflater.feed(bytes) { produced += $0.count }
            _ = try? inflater.finish()
            precondition(produced <= limit, "gzip expanded past its limit")
        }
    }
}

/// The YAML guard and the content limits (YAMLGuard, YAMLLimits): whatever
/// the bytes, refusing never crashes, and what is accepted is within the
/// limits, so no accepted document can expand past them (libFuzzer's
/// -rss_limit_mb catches any input that still costs memory).
enum HostileYAMLChecks {
    static let file = "Content/datasets/hostile.md"

    static func run(_ bytes: Data) {
        guard let first = bytes.first, case .success(let text) = TextDecoder.decodeUTF8(bytes, file: file) else { return }
        // Small limits, chosen by the first byte, so the fuzzer reaches every refusal quickly.
        var limits = YAMLLimits()
        limits.valueBytes = Int(first & 0x3F) * 16 + 16
        limits.listItems = Int(first >> 4) + 2
        limits.values = Int(first) + 8
        limits.nesting = Int(first & 7) + 2
        check(text, limits: limits)
        check(text, limits: YAMLLimits())
        // The input under an anchor and aliased nine times: refused as soon as the anchor is read.
        let amplified = "a: &a [\(text)]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        if case .success = YAMLReader.parse(amplified, file: file, limits: limits) {
            preconditionFailure("an anchored and aliased document was accepted")
        }
    }

    static func check(_ text: String, limits: YAMLLimits) {
        switch YAMLReader.parse(text, file: file, lineOffset: 1, limits: limits) {
        case .failure(let diagnostic):
            precondition(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "a refusal before the file")
            precondition(diagnostic.code.hasPrefix("yaml."), "a YAML refusal with code \(diagnostic.code)")
        case .success(let root):
            var values = 0
            var stack = [(root, 1)]
            while let (node, depth) = stack.popLast() {
                values += 1
                precondition(values <= limits.values, "more values than the limit were accepted")
                switch node.value {
                case .sequence(let items):
                    precondition(items.count <= limits.listItems && depth <= limits.nesting, "a list past the limits was accepted")
                    stack += items.map { ($0, depth + 1) }
                case .mapping(let entries):
                    precondition(entries.count <= limits.listItems && depth <= limits.nesting, "a mapping past the limits was accepted")
                    stack += entries.map { ($0.value, depth + 1) }
                case .scalar(let value, _):
                    precondition(value.utf8.count <= limits.valueBytes, "a value past the limit was accepted")
                case .null:
                    break
                }
            }
        }
    }
}
