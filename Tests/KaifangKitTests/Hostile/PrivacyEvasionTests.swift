import Foundation
import XCTest
@testable import KaifangKit

/// Issue 8 §3: personal data cannot slip through, however it is written and
/// wherever it is published. Each case starts from the minimal portal, adds
/// one dataset (or changes one text), builds, and asserts the build failed
/// with exactly these lines — values masked — and left the previous site alone.
final class PrivacyEvasionTests: XCTestCase {
    static let id = "110105199001010010"
    static let idMasked = "110105********0010"
    static let mobile = "13912345678"
    static let mobileMasked = "139****5678"

    private func rebuild(_ change: (PortalFixture) throws -> Void) throws -> (PortalFixture, BuildReport, unchanged: Bool) {
        let portal = try PortalFixture(PortalFixture.minimal)
        addTeardownBlock { try? FileManager.default.removeItem(at: portal.root) }
        let first = portal.build()
        XCTAssertTrue(first.succeeded, PortalFixture.lines(first).joined(separator: "\n"))
        let before = try portal.snapshot()
        try change(portal)
        let report = portal.build()
        return (portal, report, try portal.snapshot() == before)
    }

    private func assertRefused(_ change: (PortalFixture) throws -> Void, _ expected: [String],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let (_, report, unchanged) = try rebuild(change)
        XCTAssertFalse(report.succeeded, file: file, line: line)
        let lines = PortalFixture.lines(report)
        XCTAssertEqual(lines, expected, file: file, line: line)
        for text in lines {
            XCTAssertFalse(text.contains(Self.id) || text.contains(Self.mobile), "an unmasked value: \(text)", file: file, line: line)
        }
        XCTAssertTrue(unchanged, "the previous site must be untouched", file: file, line: line)
    }

    /// A dataset publishing one file `leak/<name>` of the given format.
    private func publish(_ data: Data, name: String, format: String, extra: String = "") -> (PortalFixture) throws -> Void {
        { portal in
            try portal.write("Content/data/leak/\(name)", data: data)
            try portal.write("Content/datasets/leak.md", """
                ---
                id: LEAK-1
                title: 泄露测试
                organization: jtt
                themes: [transport]
                open_type: open
                issued: 2024-05-05
                resources:
                  - name: 文件
                    format: \(format)
                    path: leak/\(name)
                \(extra)
                ---
                正文
                """)
        }
    }

    private func publish(_ text: String, name: String, format: String, extra: String = "") -> (PortalFixture) throws -> Void {
        publish(Data(text.utf8), name: name, format: format, extra: extra)
    }

    // MARK: Normalisation

    func testFullWidthDigitsAndLetters() throws {
        try assertRefused(publish("姓名,电话,证件\n张三,１３９１２３４５６７８,１１０１０５１９４９１２３１００２Ｘ\n", name: "a.csv", format: "CSV"), [
            "Content/data/leak/a.csv:2:2: error: personal data: a mobile number (\(Self.mobileMasked)) in column 电话",
            "Content/data/leak/a.csv:2:3: error: personal data: a resident identity number (110105********002X) in column 证件",
        ])
    }

    func testEachSeparatorInsideANumber() throws {
        for separator in [" ", "-", ".", "/", "_", "\u{00A0}", "\u{3000}", "－", "\u{2009}"] {
            try assertRefused(publish("联系：139\(separator)1234\(separator)5678\n证件：110105\(separator)19900101\(separator)0010\n",
                                      name: "a.txt", format: "TXT"), [
                "Content/data/leak/a.txt:1:4: error: personal data: a mobile number (\(Self.mobileMasked))",
                "Content/data/leak/a.txt:2:4: error: personal data: a resident identity number (\(Self.idMasked))",
            ])
        }
    }

    func testZeroWidthCharactersInsideANumber() throws {
        try assertRefused(publish("联系：139\u{200B}1234\u{200B}5678\n", name: "a.txt", format: "TXT"), [
            "Content/data/leak/a.txt:1:4: error: personal data: a mobile number (\(Self.mobileMasked))",
        ])
    }

    func testEachPrefix() throws {
        let text = """
            +86 13912345678
            0086 139 1234 5678
            008613912345678
            (+86)13912345678
            ID110105199001010010
            身份证号110105199001010010
            身份证号：１１０１０５１９９００１０１００１０

            """
        try assertRefused(publish(text, name: "a.txt", format: "TXT"), [
            "Content/data/leak/a.txt:1:5: error: personal data: a mobile number (\(Self.mobileMasked))",
            "Content/data/leak/a.txt:2:1: error: personal data: a mobile number (\(Self.mobileMasked))",
            "Content/data/leak/a.txt:3:1: error: personal data: a mobile number (\(Self.mobileMasked))",
            "Content/data/leak/a.txt:4:6: error: personal data: a mobile number (\(Self.mobileMasked))",
            "Content/data/leak/a.txt:5:3: error: personal data: a resident identity number (\(Self.idMasked))",
            "Content/data/leak/a.txt:6:5: error: personal data: a resident identity number (\(Self.idMasked))",
            "Content/data/leak/a.txt:7:6: error: personal data: a resident identity number (\(Self.idMasked))",
        ])
    }

    func testSpreadsheetFloatExport() throws {
        try assertRefused(publish("姓名,手机\n张三,13912345678.0\n", name: "a.csv", format: "CSV"), [
            "Content/data/leak/a.csv:2:2: error: personal data: a mobile number (\(Self.mobileMasked)) in column 手机",
        ])
    }

    func testJSONUnicodeEscapes() throws {
        let escaped = Self.mobile.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined()
        let fullWidth = "\\uff11\\uff13\\uff19" + "12345678"
        try assertRefused(publish("{\"tel\": \"\(escaped)\",\n \"tel2\": \"\(fullWidth)\"}\n", name: "a.json", format: "JSON"), [
            "Content/data/leak/a.json:1:10: error: personal data: a mobile number (\(Self.mobileMasked))",
            "Content/data/leak/a.json:2:11: error: personal data: a mobile number (\(Self.mobileMasked))",
        ])
    }

    func testUTF16TextIsDecodedAndScanned() throws {
        let text = "姓名\t手机\n张三\t13912345678\n"
        for (littleEndian, bom) in [(true, true), (false, true), (true, false)] {
            try assertRefused(publish(ArchiveSamples.utf16(text, littleEndian: littleEndian, bom: bom), name: "a.tsv", format: "TSV"), [
                "Content/data/leak/a.tsv:2:2: error: personal data: a mobile number (\(Self.mobileMasked)) in column 手机",
            ])
        }
    }

    // MARK: Formats

    func testXLSXSharedStringsAndNumberCells() throws {
        let workbook = try ArchiveSamples.xlsx(sharedStrings: ["姓名", "证件", "张三", Self.id], cells: """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
            <row r="7"><c r="A7" t="s"><v>2</v></c><c r="B7" t="s"><v>3</v></c><c r="C7"><v>13912345678</v></c></row>
            <row r="8"><c r="A8" t="inlineStr"><is><t>&#49;39 1234 5678</t></is></c></row>
            """)
        try assertRefused(publish(workbook, name: "a.xlsx", format: "XLSX"), [
            "Content/data/leak/a.xlsx:7:2: error: personal data: a resident identity number (\(Self.idMasked)) in sheet 名单, cell B7",
            "Content/data/leak/a.xlsx:7:3: error: personal data: a mobile number (\(Self.mobileMasked)) in sheet 名单, cell C7",
            "Content/data/leak/a.xlsx:8:1: error: personal data: a mobile number (\(Self.mobileMasked)) in sheet 名单, cell A8",
        ])
    }

    func testDOCXNumbersSplitIntoRunsAndMarkingsInHeaders() throws {
        let document = try ArchiveSamples.docx(
            paragraphs: "<w:p><w:r><w:t>第一段</w:t></w:r></w:p><w:p><w:r><w:t>电话 139</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>1234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>",
            header: "<w:p><w:r><w:t>秘密★1年</w:t></w:r></w:p>")
        try assertRefused(publish(document, name: "a.docx", format: "DOCX"), [
            "Content/data/leak/a.docx:1:1: error: secrecy marking 秘密★ in word/header1.xml, paragraph 1: classified or internal material must not be published",
            "Content/data/leak/a.docx:2:4: error: personal data: a mobile number (\(Self.mobileMasked)) in word/document.xml, paragraph 2",
        ])
    }

    func testODSCellsAndValues() throws {
        let spreadsheet = try ArchiveSamples.ods(rows: """
            <table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>手机</text:p></table:table-cell></table:table-row>
            <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
            <table:table-row><table:table-cell><text:p>张三</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="13912345678"><text:p>1.39E+10</text:p></table:table-cell></table:table-row>
            """)
        try assertRefused(publish(spreadsheet, name: "a.ods", format: "ODS"), [
            "Content/data/leak/a.ods:5:2: error: personal data: a mobile number (\(Self.mobileMasked)) in sheet Sheet1, cell B5",
        ])
    }

    func testGzipIsInflatedAndScanned() throws {
        let compressed = ArchiveSamples.gzip(Data("姓名,手机\n张三,13912345678\n".utf8))
        try assertRefused(publish(compressed, name: "a.csv.gz", format: "CSV.GZ"), [
            "Content/data/leak/a.csv.gz:2:2: error: personal data: a mobile number (\(Self.mobileMasked)) in column 手机",
        ])
        try assertRefused(publish(compressed, name: "b.csv.gz", format: "GZ"), [
            "Content/data/leak/b.csv.gz:2:2: error: personal data: a mobile number (\(Self.mobileMasked)) in column 手机",
        ])
    }

    func testACSVCalledXLSXIsAnError() throws {
        try assertRefused(publish("姓名,手机\n张三,1\n", name: "a.xlsx", format: "XLSX"), [
            "Content/data/leak/a.xlsx:1:1: error: the file is declared XLSX but its content is text",
        ])
        try assertRefused(publish(try ArchiveSamples.docx(paragraphs: "<w:p/>"), name: "b.xlsx", format: "XLSX"), [
            "Content/data/leak/b.xlsx:1:1: error: the file is declared XLSX but its content is a ZIP archive that is not an XLSX workbook (it has no xl/workbook.xml)",
        ])
        try assertRefused(publish("%PDF-1.7\n", name: "c.csv", format: "CSV"), [
            "Content/data/leak/c.csv:1:1: error: the file is declared CSV but its content is a PDF document",
        ])
    }

    func testAPDFWithoutAReviewIsAnErrorAndWithOneANote() throws {
        let pdf = Data("%PDF-1.7\n1 0 obj <<>> stream\n\u{0}\u{1}x\u{9C}\nendstream\n".utf8)
        try assertRefused(publish(pdf, name: "a.pdf", format: "PDF"), [
            "Content/data/leak/a.pdf:1:1: error: the file was not checked for personal data: Kaifang cannot read PDF files",
        ])
        let (portal, report, _) = try rebuild(publish(pdf, name: "a.pdf", format: "PDF", extra: """
                privacy_review: {by: 王五（数据管理处）, date: 2025-11-20, note: 已逐页核对，无个人信息}
            """))
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/data/leak/a.pdf:1:1: note: not checked for personal data (Kaifang cannot read PDF files); published under the privacy review by 王五（数据管理处） on 2025-11-20: 已逐页核对，无个人信息",
        ])
        XCTAssertTrue(portal.exists("data/leak/a.pdf"))
    }

    func testAPrivacyReviewNeedsAllThreeFieldsAndARealPastDate() throws {
        try assertRefused(publish("%PDF-1.7\n", name: "a.pdf", format: "PDF", extra: """
                privacy_review: {by: 王五, date: 2025-02-30}
            """), [
            "Content/datasets/leak.md:12:21: error: privacy review has no note",
            "Content/datasets/leak.md:12:36: error: date \"2025-02-30\" is not a real date",
        ])
        try assertRefused(publish("%PDF-1.7\n", name: "a.pdf", format: "PDF", extra: """
                privacy_review: {by: 王五, date: 2030-01-01, note: 看过}
            """), [
            "Content/datasets/leak.md:12:36: error: the privacy review date 2030-01-01 is in the future",
        ])
    }

    func testAZipBombIsRefusedWithAClearError() throws {
        let folder = try TemporaryFolder()
        let zeros = String(repeating: "0", count: 200_000)
        let url = try folder.write("bomb.xlsx", ArchiveSamples.xlsx(sharedStrings: [zeros], cells: ""))
        let scanner = PrivacyScanner(today: SafetySamples.today, chunkSize: 1 << 16, expansionLimit: 100_000)
        let found = scanner.scan(file: url, displayPath: "bomb.xlsx", format: "XLSX", exceptions: [])
        XCTAssertEqual(found.map(\.code), ["privacy.expansion-limit"])
        XCTAssertEqual(found.first?.severity, .error)
        let gzipped = try folder.write("bomb.csv.gz", ArchiveSamples.gzip(Data(zeros.utf8)))
        XCTAssertEqual(scanner.scan(file: gzipped, displayPath: "bomb.csv.gz", format: "CSV.GZ", exceptions: []).map(\.code),
                       ["privacy.expansion-limit"])
    }

    // MARK: Secrecy markings

    func testSecrecyMarkingInATitleAndInAFile() throws {
        try assertRefused({ portal in
            try portal.write("Content/datasets/bus-stops.md",
                             try portal.readSource("Content/datasets/bus-stops.md").replacingOccurrences(of: "title: 公交站点信息", with: "title: 公交站点信息（机密★长期）"))
        }, [
            "Content/datasets/bus-stops.md:3:15: error: secrecy marking 机密★ in title: classified or internal material must not be published",
        ])
        try assertRefused(publish("标题\n内部资料，注意保存\n密级：秘密\n正文\n", name: "a.txt", format: "TXT"), [
            "Content/data/leak/a.txt:2:1: error: secrecy marking 内部资料注意保存: classified or internal material must not be published",
            "Content/data/leak/a.txt:3:1: error: secrecy marking 密级：秘密: classified or internal material must not be published",
        ])
        try assertRefused(publish("文件,备注\n【涉密】,无\n甲,机密级\n", name: "a.csv", format: "CSV"), [
            "Content/data/leak/a.csv:2:1: error: secrecy marking 涉密 in column 文件: classified or internal material must not be published",
            "Content/data/leak/a.csv:3:2: error: secrecy marking 机密级 in column 备注: classified or internal material must not be published",
        ])
    }

    func testOrdinaryWordsAboutSecrecyPass() throws {
        let prose = """
            本数据不涉密，不涉及国家秘密。涉及国家秘密的数据不予开放。
            依据《中华人民共和国保守国家秘密法》采取保密措施，国家秘密分为绝密级、机密级、秘密级。
            依法保护国家秘密、商业秘密和个人信息。内部资料汇编目录。工作秘密不在本平台发布。
            秘密花园,机密文件检索,涉密人员培训
            """
        let (_, report, _) = try rebuild(publish(prose, name: "a.txt", format: "TXT"))
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
    }

    // MARK: Metadata texts

    func testPersonalDataInEveryPublishedText() throws {
        try assertRefused({ portal in
            try portal.write("Content/datasets/meta.md", """
                ---
                id: META-1
                title: 名单\(Self.id)
                organization: jtt
                keywords: [公交, "139 1234 5678"]
                open_type: conditional
                issued: 2024-05-05
                resources:
                  - name: 文件
                    format: CSV
                    url: https://files.example.gov.cn/x.csv
                    description: 联系 13912345678
                ---
                第一行

                联系人身份证：\(Self.id)
                """)
            try portal.write("Content/pages/contact.md", "---\ntitle: 联系\n---\n电话 13912345678\n")
            try portal.write("Content/organizations/xyzx.md", "---\nname: 测试公共信用信息中心\nphone: \"13912345678\"\n---\n信用数据。\n")
            let site = try portal.readSource("Content/site.yaml").replacingOccurrences(of: "  name: 运维组", with: "  name: 运维组 13912345678")
            try portal.write("Content/site.yaml", site)
        }, [
            "Content/datasets/meta.md:3:10: error: personal data: a resident identity number (\(Self.idMasked)) in title",
            "Content/datasets/meta.md:5:17: error: personal data: a mobile number (\(Self.mobileMasked)) in keywords[2]",
            "Content/datasets/meta.md:12:21: error: personal data: a mobile number (\(Self.mobileMasked)) in resources[1].description",
            "Content/datasets/meta.md:16:8: error: personal data: a resident identity number (\(Self.idMasked)) in the description",
            "Content/organizations/xyzx.md:3:9: error: personal data: a mobile number (\(Self.mobileMasked)) in phone",
            "Content/pages/contact.md:4:4: error: personal data: a mobile number (\(Self.mobileMasked)) in the description",
            "Content/site.yaml:9:13: error: personal data: a mobile number (\(Self.mobileMasked)) in contact.name",
        ])
    }

    func testClosedDatasetsAreNotScannedBecauseTheyAreNeverPublished() throws {
        let (_, report, _) = try rebuild { portal in
            try portal.write("Content/datasets/closed.md", "---\nid: C-1\ntitle: 名单\(Self.id)\norganization: jtt\nopen_type: closed\nissued: 2024-05-05\n---\n秘密★\n")
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
    }

    // MARK: What must still pass

    func testMaskedValuesAndOrdinaryNumbersPass() throws {
        let text = """
            身份证号,手机,座机,日期,时间,经度,纬度,金额,编号
            230102********0011,139****8912,0531-86012345,2024-03-15,2024-03-15 13:45:12,117.139123456,36.13912345678,13912345678.5,3703032026B01723
            １１０１０５＊＊＊＊＊＊＊＊００１０,１３９＊＊＊＊５６７８,(0531)86012345,2024/03/15,20240315134512,117.1,36.1,1.3912345678E10,91370100MA3C500005
            110105 1990 0101,139 1234,400-123-4567,2024.03.15,1733040000,0.13912345678,-36.13912345678,"1,391,234,567.80",2604-371711-30-01-916583

            """
        let (portal, report, _) = try rebuild(publish(text, name: "a.csv", format: "CSV"))
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(try portal.read("datasets/leak/index.html").contains("preview-table"), "a scanned CSV is previewed")
    }
}

private extension PortalFixture {
    func readSource(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}
