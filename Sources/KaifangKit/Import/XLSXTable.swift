import Foundation

/// The first worksheet of an XLSX file as rows of text, each cell with its
/// row and column, so that a catalogue kept in Excel imports like a CSV.
/// Reads through the same bounded ZIP reader as the privacy scan.
enum XLSXTable {
    struct Failure: Error { var message: String }

    static let expansionLimit: Int64 = 1 << 30

    static func rows(_ url: URL) throws -> [CSVRow] {
        var zip: ZipReader
        do { zip = try ZipReader(url: url, limit: expansionLimit) } catch { throw Failure(message: "not a readable XLSX file: \(error)") }
        var firstSheetRelation: String?
        if let workbook = zip.member(named: "xl/workbook.xml") {
            try events(&zip, workbook) { event in
                if case .start("sheet", let attributes, _) = event, firstSheetRelation == nil {
                    firstSheetRelation = attributes["id"] ?? ""
                }
            }
        }
        var sheetPath = "xl/worksheets/sheet1.xml"
        var sharedStringsPath = "xl/sharedStrings.xml"
        if let relations = zip.member(named: "xl/_rels/workbook.xml.rels") {
            try events(&zip, relations) { event in
                guard case .start("Relationship", let attributes, _) = event, let target = attributes["Target"] else { return }
                let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                if attributes["Id"] == firstSheetRelation { sheetPath = path }
                if attributes["Type"]?.hasSuffix("/sharedStrings") == true { sharedStringsPath = path }
            }
        }
        var shared: [String] = []
        if let member = zip.member(named: sharedStringsPath) {
            var text = ""
            var inItem = false, inText = false, inPhonetic = false
            try events(&zip, member) { event in
                switch event {
                case .start("si", _, _): inItem = true; text = ""
                case .end("si"): inItem = false; shared.append(text)
                case .start("rPh", _, _): inPhonetic = true
                case .end("rPh"): inPhonetic = false
                case .start("t", _, let selfClosing): inText = !selfClosing
                case .end("t"): inText = false
                case .text(let value): if inItem, inText, !inPhonetic { text += value }
                default: break
                }
            }
        }
        guard let sheet = zip.member(named: sheetPath) else { throw Failure(message: "the workbook has no worksheet") }
        var rows: [CSVRow] = []
        var cells: [CSVCell] = []
        var rowNumber = 0
        var cellColumn = 0, cellType = "", cellText = ""
        var inValue = false
        try events(&zip, sheet) { event in
            switch event {
            case .start("row", let attributes, let selfClosing):
                rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = []
                if selfClosing { rows.append(CSVRow(cells: [], line: rowNumber)) }
            case .end("row"):
                rows.append(CSVRow(cells: cells, line: rowNumber))
            case .start("c", let attributes, let selfClosing):
                cellColumn = attributes["r"].flatMap(columnIndex) ?? (cells.last.map { $0.column + 1 } ?? 1)
                cellType = attributes["t"] ?? ""
                cellText = ""
                if selfClosing { cellText = "" }
            case .end("c"):
                var value = cellText
                if cellType == "s", let index = Int(value.trimmingCharacters(in: .whitespaces)), shared.indices.contains(index) {
                    value = shared[index]
                } else if cellType == "b" {
                    value = value == "1" ? "TRUE" : "FALSE"
                }
                // Missing cells before this one are empty, so columns stay aligned with the header.
                while (cells.last?.column ?? 0) + 1 < cellColumn {
                    cells.append(CSVCell(value: "", line: rowNumber, column: (cells.last?.column ?? 0) + 1))
                }
                cells.append(CSVCell(value: value, line: rowNumber, column: cellColumn))
            case .start("v", _, _), .start("t", _, false): inValue = true
            case .end("v"), .end("t"): inValue = false
            case .text(let value): if inValue { cellText += value }
            default: break
            }
        }
        return rows
    }

    /// `C12` → 3.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index == 0 ? nil : index
    }

    /// An Excel date serial (days since 1899-12-30) as `YYYY-MM-DD`, for date cells stored as numbers.
    static func day(fromSerial text: String) -> String? {
        guard let serial = Double(text), serial > 0, serial < 2_958_466 else { return nil }
        let seconds = (serial.rounded(.down) - 25_569) * 86_400
        let date = Date(timeIntervalSince1970: seconds)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    private static func events(_ zip: inout ZipReader, _ member: ZipReader.Member, _ handle: (XMLStream.Event) -> Void) throws {
        var xml = XMLStream()
        try zip.read(member) { bytes in try xml.feed(bytes, handle) }
        try xml.finish(handle)
    }
}
