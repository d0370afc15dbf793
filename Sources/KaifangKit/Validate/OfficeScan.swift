import Foundation

/// What a scan of one short text (a metadata field, a spreadsheet cell, a
/// paragraph) found, with positions inside that text.
struct TextHit: Sendable, Hashable {
    enum What: Sendable, Hashable {
        case personal(PersonalDataKind, masked: String)
        case secrecy(String)
    }

    var what: What
    /// Line and column inside the text, 1-based.
    var line: Int
    var column: Int
}

enum TextScan {
    /// Whether a text could hold anything the scan looks for: digits of any
    /// width, or CJK characters and stars (secrecy markings). Most cells and
    /// fields have neither, and are not scanned at all.
    static func needsScan(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || value >= 0x2E80 || value == 0x2605 || value == 0x2606
        }
    }

    /// Runs the one detector of files over a text.
    static func scan(_ text: String, today: Day) -> [TextHit] {
        guard needsScan(text) else { return [] }
        var scan = PrivacyStreamScan(layout: .text, today: today, exceptedColumns: [], reportLimit: 1000)
        scan.consume(text)
        scan.finish()
        var hits = scan.reported.map {
            TextHit(what: .personal($0.kind, masked: $0.masked), line: $0.position.line, column: $0.position.column)
        }
        hits += scan.secrecy.map { TextHit(what: .secrecy($0.marking), line: $0.position.line, column: $0.position.column) }
        return hits.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }
}

/// The office documents whose text the scan reads from the XML inside their ZIP archive.
enum OfficeKind: String, Sendable {
    case xlsx = "XLSX", docx = "DOCX", pptx = "PPTX", ods = "ODS", odt = "ODT", odp = "ODP"

    init?(format: String) {
        self.init(rawValue: format)
    }

    /// The member every archive of the kind has; without it the file is some other ZIP.
    var requiredMember: String {
        switch self {
        case .xlsx: "xl/workbook.xml"
        case .docx: "word/document.xml"
        case .pptx: "ppt/presentation.xml"
        case .ods, .odt, .odp: "content.xml"
        }
    }

    var noun: String {
        switch self {
        case .xlsx: "an XLSX workbook"
        case .docx: "a DOCX document"
        case .pptx: "a PPTX presentation"
        case .ods: "an ODS spreadsheet"
        case .odt: "an ODT document"
        case .odp: "an ODP presentation"
        }
    }
}

/// Where in an office document a hit is. For a sheet cell, `line` and
/// `column` are its row and column number and `place` says `sheet Sheet1, cell B7`;
/// elsewhere they count paragraphs of a part (`word/document.xml, paragraph 3`)
/// and characters in it.
struct OfficeHit: Sendable, Hashable {
    var what: TextHit.What
    var line: Int
    var column: Int
    var place: String
}

/// Reads the text of XLSX, DOCX, PPTX, ODS, ODT and ODP files: every XML
/// member of the archive (sheets cell by cell, shared strings, document
/// paragraphs, headers, footers, comments, notes, properties). Members that
/// are not text (images, embedded objects, macros) cannot be checked; they
/// are listed so the file counts as not scanned. Thumbnails and printer
/// settings are skipped (see `isThumbnail`).
struct OfficeScanner {
    let today: Day

    struct Result: Sendable {
        var hits: [OfficeHit] = []
        var unreadableMembers: [String] = []
    }

    static func isTextMember(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".xml") || lower.hasSuffix(".rels") || lower.hasSuffix(".rdf") || lower == "mimetype"
            || lower.hasSuffix(".txt")
    }

    /// Binary members that hold no content of the document: thumbnails (a picture of the first
    /// page, whose text is scanned) and Excel's printer settings (a printer's DEVMODE record).
    static func isThumbnail(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("thumbnails/") || lower.hasPrefix("docprops/thumbnail.")
            || (lower.hasPrefix("xl/printersettings/") && lower.hasSuffix(".bin"))
    }

    func scan(_ zip: inout ZipReader, kind: OfficeKind) throws -> Result {
        var result = Result()
        var done: Set<String> = []
        if kind == .xlsx {
            try scanWorkbook(&zip, into: &result, done: &done)
        } else if kind == .ods, let content = zip.member(named: "content.xml") {
            try scanSpreadsheetContent(&zip, content, into: &result)
            done.insert(content.name)
        }
        for member in zip.members where !member.isDirectory && !done.contains(member.name) {
            if Self.isThumbnail(member.name) { continue }
            guard Self.isTextMember(member.name) else {
                result.unreadableMembers.append(member.name)
                continue
            }
            try scanParagraphs(&zip, member, into: &result)
        }
        return result
    }

    // MARK: Any XML part: text by paragraph

    /// Text joined by paragraph (`w:p`, `a:p`, `text:p`, `text:h`), so that a
    /// number split into several runs (Word splits at every format change) is seen whole.
    private func scanParagraphs(_ zip: inout ZipReader, _ member: ZipReader.Member, into result: inout Result) throws {
        var xml = XMLStream()
        var text = ""
        var paragraph = 0
        let today = self.today
        var hits: [OfficeHit] = []
        func flush() {
            guard !text.isEmpty else { return }
            paragraph += 1
            for hit in TextScan.scan(text, today: today) {
                hits.append(OfficeHit(what: hit.what, line: paragraph, column: hit.column,
                                      place: "\(member.name), paragraph \(paragraph)"))
            }
            text = ""
        }
        // Runs inside a paragraph end with their own end tags; only a paragraph's end
        // (or, outside paragraphs, any element's end) cuts the text.
        var depthInParagraph = 0
        try zip.read(member) { bytes in
            try xml.feed(bytes) { event in
                switch event {
                case .text(let piece):
                    text += piece
                case .start(let name, _, _) where name == "p" || name == "h":
                    // A self-closing paragraph is followed by its end event too.
                    flush()
                    depthInParagraph += 1
                case .end(let name) where name == "p" || name == "h":
                    if depthInParagraph > 0 { depthInParagraph -= 1 }
                    flush()
                case .start(let name, _, _) where ["tab", "br", "s", "line-break", "cr"].contains(name):
                    text += " "
                case .end:
                    if depthInParagraph == 0 { flush() }
                case .start:
                    break
                }
            }
        }
        try xml.finish { if case .text(let piece) = $0 { text += piece } }
        flush()
        result.hits += hits
    }

    // MARK: XLSX

    private func readAll(_ zip: inout ZipReader, _ member: ZipReader.Member, _ handle: (XMLStream.Event) -> Void) throws {
        var xml = XMLStream()
        try zip.read(member) { bytes in try xml.feed(bytes, handle) }
        try xml.finish(handle)
    }

    private func scanWorkbook(_ zip: inout ZipReader, into result: inout Result, done: inout Set<String>) throws {
        var sheets: [(name: String, relation: String)] = []
        if let workbook = zip.member(named: "xl/workbook.xml") {
            try readAll(&zip, workbook) { event in
                if case .start("sheet", let attributes, _) = event {
                    sheets.append((attributes["name"] ?? "", attributes["id"] ?? ""))
                }
            }
            done.insert(workbook.name)
        }
        var targets: [String: String] = [:]
        var sharedStringsPath = "xl/sharedStrings.xml"
        if let relations = zip.member(named: "xl/_rels/workbook.xml.rels") {
            try readAll(&zip, relations) { event in
                guard case .start("Relationship", let attributes, _) = event,
                      let id = attributes["Id"], let target = attributes["Target"] else { return }
                let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                targets[id] = path
                if attributes["Type"]?.hasSuffix("/sharedStrings") == true { sharedStringsPath = path }
            }
            done.insert(relations.name)
        }

        // Shared strings: only those with a hit are remembered, by index.
        var flagged: [Int: [TextHit]] = [:]
        if let shared = zip.member(named: sharedStringsPath) {
            var index = -1
            var text = ""
            var inItem = false
            let today = self.today
            try readAll(&zip, shared) { event in
                switch event {
                case .start("si", _, let selfClosing):
                    index += 1
                    inItem = !selfClosing
                    text = ""
                case .end("si"):
                    inItem = false
                    let hits = TextScan.scan(text, today: today)
                    if !hits.isEmpty { flagged[index] = hits }
                case .text(let piece) where inItem:
                    text += piece
                default:
                    break
                }
            }
            done.insert(shared.name)
        }

        var referenced: Set<Int> = []
        for (number, sheet) in sheets.enumerated() {
            guard let path = targets[sheet.relation], let member = zip.member(named: path), !done.contains(path) else { continue }
            let name = sheet.name.isEmpty ? "Sheet\(number + 1)" : sheet.name
            try scanSheet(&zip, member, name: name, flagged: flagged, referenced: &referenced, into: &result)
            done.insert(path)
        }
        for index in flagged.keys.sorted() where !referenced.contains(index) {
            for hit in flagged[index] ?? [] {
                result.hits.append(OfficeHit(what: hit.what, line: index + 1, column: hit.column,
                                             place: "\(sharedStringsPath), string \(index + 1)"))
            }
        }
    }

    /// `B7` → (7, 2).
    static func cellPosition(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var seenDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A where !seenDigit: column = column * 26 + Int(scalar.value - 0x40)
            case 0x61...0x7A where !seenDigit: column = column * 26 + Int(scalar.value - 0x60)
            case 0x30...0x39:
                seenDigit = true
                row = row * 10 + Int(scalar.value - 0x30)
            default: return nil
            }
            if column > 1 << 20 || row > 1 << 24 { return nil }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }

    static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    private func scanSheet(_ zip: inout ZipReader, _ member: ZipReader.Member, name: String, flagged: [Int: [TextHit]],
                           referenced: inout Set<Int>, into result: inout Result) throws {
        var row = 0, column = 0
        var cellType = ""
        var text = ""
        var inCell = false
        var hits: [OfficeHit] = []
        let today = self.today
        var outside = ""
        var paragraph = 0
        try readAll(&zip, member) { event in
            switch event {
            case .start("row", let attributes, _):
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                column = 0
            case .start("c", let attributes, let selfClosing):
                if let reference = attributes["r"], let position = Self.cellPosition(reference) {
                    (row, column) = (max(row, position.row), position.column)
                } else {
                    column += 1
                }
                cellType = attributes["t"] ?? "n"
                text = ""
                inCell = !selfClosing
            case .end("c"):
                guard inCell else { return }
                inCell = false
                let place = "sheet \(name), cell \(Self.columnName(column))\(row)"
                if cellType == "s" {
                    if let index = Int(text.trimmingCharacters(in: .whitespaces)), let found = flagged[index] {
                        referenced.insert(index)
                        hits += found.map { OfficeHit(what: $0.what, line: row, column: column, place: place) }
                    }
                } else {
                    hits += TextScan.scan(text, today: today).map { OfficeHit(what: $0.what, line: row, column: column, place: place) }
                }
            case .text(let piece) where inCell:
                text += piece
            case .text(let piece):
                // Header and footer text, and anything else outside the cells.
                outside += piece
            case .end:
                if !outside.isEmpty {
                    paragraph += 1
                    hits += TextScan.scan(outside, today: today).map {
                        OfficeHit(what: $0.what, line: paragraph, column: $0.column, place: "\(member.name), text \(paragraph)")
                    }
                    outside = ""
                }
            default:
                break
            }
        }
        result.hits += hits
    }

    // MARK: ODS

    private func scanSpreadsheetContent(_ zip: inout ZipReader, _ member: ZipReader.Member, into result: inout Result) throws {
        var table = ""
        var row = 0, column = 0
        var rowRepeat = 1, columnRepeat = 1
        var inCell = false
        var text = ""
        var value = ""
        var hits: [OfficeHit] = []
        let today = self.today
        try readAll(&zip, member) { event in
            switch event {
            case .start("table", let attributes, _):
                table = attributes["name"] ?? ""
                row = 0
            case .start("table-row", let attributes, _):
                row += 1
                rowRepeat = attributes["number-rows-repeated"].flatMap { Int($0) } ?? 1
                column = 0
            case .end("table-row"):
                row += max(0, min(rowRepeat, 1 << 20) - 1)
            case .start(let name, let attributes, let selfClosing) where name == "table-cell" || name == "covered-table-cell":
                column += 1
                columnRepeat = attributes["number-columns-repeated"].flatMap { Int($0) } ?? 1
                value = attributes["value"] ?? attributes["string-value"] ?? ""
                text = ""
                inCell = true
                _ = selfClosing
            case .end(let name) where name == "table-cell" || name == "covered-table-cell":
                guard inCell else { return }
                inCell = false
                let place = "sheet \(table), cell \(Self.columnName(column))\(row)"
                var scanned = text
                if !value.isEmpty && !text.contains(value) { scanned += " " + value }
                hits += TextScan.scan(scanned, today: today).map { OfficeHit(what: $0.what, line: row, column: column, place: place) }
                column += max(0, min(columnRepeat, 1 << 14) - 1)
            case .start(let name, _, _) where inCell && ["p", "h"].contains(name) && !text.isEmpty:
                text += " "
            case .start(let name, _, _) where inCell && ["tab", "s", "line-break"].contains(name):
                text += " "
            case .text(let piece) where inCell:
                text += piece
            default:
                break
            }
        }
        result.hits += hits
    }
}
