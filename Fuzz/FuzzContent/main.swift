import Foundation

// libFuzzer target for everything Kaifang reads from a publisher's bytes
// before any checking: decoding, front matter, YAML, CSV and catalog.csv
// rows, and the privacy scanner's streaming state machine.
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
        let encoding: PrivacyStreamScan.Encoding = first & 2 == 0 ? .utf8 : .gb18030
        let whole = scan(bytes, layout: layout, encoding: encoding, chunkSize: max(bytes.count, 1))
        let chunked = scan(bytes, layout: layout, encoding: encoding, chunkSize: Int(first >> 2) % 7 + 1)
        precondition(whole.reported == chunked.reported, "chunk boundaries change what the privacy scan finds")
        precondition(whole.columnNames == chunked.columnNames, "chunk boundaries change the header")
        for finding in whole.reported {
            precondition(finding.masked.contains("*"), "an unmasked value in a message")
            precondition(finding.position.line >= 1 && finding.position.column >= 1, "a finding before the file")
        }
    }

    static func scan(_ bytes: Data, layout: PrivacyStreamScan.Layout, encoding: PrivacyStreamScan.Encoding,
                     chunkSize: Int) -> PrivacyStreamScan {
        let scan = PrivacyStreamScan(layout: layout, encoding: encoding, today: Day(year: 2026, month: 10, day: 1),
                                     exceptedColumns: [], reportLimit: 1000)
        var feeder = ChunkFeeder(scan: scan, skipping: 0)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            feeder.feed(bytes[offset..<end])
            offset = end
        }
        return feeder.finish()
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
