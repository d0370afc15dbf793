import Foundation
import XCTest
@testable import KaifangKit

/// The readers under the office and gzip scan: XML, ZIP, inflate, with
/// damaged and hostile input.
final class OfficeReaderTests: XCTestCase {
    func events(_ xml: String, chunk: Int) throws -> [XMLStream.Event] {
        var stream = XMLStream()
        var events: [XMLStream.Event] = []
        let bytes = Array(xml.utf8)
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            try stream.feed(bytes[offset..<end]) { events.append($0) }
            offset = end
        }
        try stream.finish { events.append($0) }
        return events
    }

    func testXMLTextHasEntitiesDecodedAndPrefixesDropped() throws {
        let xml = #"<?xml version="1.0"?><!-- a > comment --><w:p a:x="1 &gt; 0" y='&#49;'><w:t>&#49;&#x33;9&amp;&lt;</w:t><![CDATA[<&#49;>]]><w:br/></w:p>"#
        let expected: [XMLStream.Event] = [
            .start(name: "p", attributes: ["x": "1 > 0", "y": "1"], selfClosing: false),
            .start(name: "t", attributes: [:], selfClosing: false),
            .text("139&<"),
            .end(name: "t"),
            .text("<&#49;>"),
            .start(name: "br", attributes: [:], selfClosing: true),
            .end(name: "br"),
            .end(name: "p"),
        ]
        for chunk in [1, 2, 5, 1000] {
            XCTAssertEqual(try events(xml, chunk: chunk), expected, "chunk \(chunk)")
        }
    }

    func testCellReferences() {
        XCTAssertEqual(OfficeScanner.cellPosition("B7").map { [$0.row, $0.column] }, [7, 2])
        XCTAssertEqual(OfficeScanner.cellPosition("AA10").map { [$0.row, $0.column] }, [10, 27])
        XCTAssertNil(OfficeScanner.cellPosition("7B"))
        XCTAssertEqual(OfficeScanner.columnName(27), "AA")
        XCTAssertEqual(OfficeScanner.columnName(2), "B")
    }

    func testZipMembersAreReadWhole() throws {
        let folder = try TemporaryFolder()
        let text = String(repeating: "公交站点 0531-86012345\n", count: 5000)
        let url = try folder.write("a.zip", ArchiveSamples.zip([("a.txt", text), ("dir/b.xml", "<b/>")]))
        var zip = try ZipReader(url: url, limit: 1 << 30)
        XCTAssertEqual(zip.members.map(\.name), ["a.txt", "dir/b.xml"])
        var read: [UInt8] = []
        try zip.read(XCTUnwrap(zip.member(named: "a.txt"))) { read += $0 }
        XCTAssertEqual(String(decoding: read, as: UTF8.self), text)
    }

    func testATruncatedOrDamagedArchiveIsAnErrorNotAHang() throws {
        let folder = try TemporaryFolder()
        let whole = try ArchiveSamples.zip([("a.txt", String(repeating: "13912345678 ", count: 4000))])
        for cut in [10, whole.count / 2, whole.count - 30] {
            let url = try folder.write("cut-\(cut).zip", whole.prefix(cut))
            XCTAssertThrowsError(try { () throws in
                var zip = try ZipReader(url: url, limit: 1 << 30)
                for member in zip.members { try zip.read(member) { _ in } }
            }(), "cut at \(cut)")
        }
        // A central directory that claims a member larger than the archive: refused before any read.
        var lying = [UInt8](whole)
        let directory = try XCTUnwrap((0..<(lying.count - 4)).last { lying[$0..<($0 + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) })
        lying.replaceSubrange((directory + 20)..<(directory + 24), with: [0xFF, 0xFF, 0xFF, 0x7F])
        let url = try folder.write("lying.zip", Data(lying))
        var zip = try ZipReader(url: url, limit: 1 << 30)
        XCTAssertThrowsError(try zip.read(zip.members[0]) { _ in }) { error in
            XCTAssertEqual(error as? ExpansionError, .corrupt("a.txt runs past the end of the archive"))
        }
    }

    func testATruncatedGzipIsAnErrorAndConcatenatedMembersAreRead() throws {
        let first = ArchiveSamples.gzip(Data("a,b\n1,2\n".utf8)), second = ArchiveSamples.gzip(Data("3,4\n".utf8))
        let inflater = try Inflater(.gzip, limit: 1 << 20)
        var out: [UInt8] = []
        try inflater.feed(first + second) { out += $0 }
        try inflater.finish()
        XCTAssertEqual(String(decoding: out, as: UTF8.self), "a,b\n1,2\n3,4\n")

        let truncated = try Inflater(.gzip, limit: 1 << 20)
        try truncated.feed(first.prefix(first.count - 6)) { _ in }
        XCTAssertThrowsError(try truncated.finish())

        let bomb = try Inflater(.gzip, limit: 1000)
        XCTAssertThrowsError(try bomb.feed(ArchiveSamples.gzip(Data(count: 100_000))) { _ in }) { error in
            XCTAssertEqual(error as? ExpansionError, .tooLarge(limit: 1000))
        }
    }

    func testEntityEncodedDigitsInAWorkbookAreFound() throws {
        let encoded = "13912345678".unicodeScalars.map { "&#\($0.value);" }.joined()
        let workbook = try ArchiveSamples.xlsx(sharedStrings: ["手机", encoded], cells: #"<row r="2"><c r="A2" t="s"><v>1</v></c></row>"#)
        XCTAssertEqual(places(try scan(workbook, format: "XLSX", chunkSizes: [1 << 20])), ["2:1 privacy.mobile-number"])
    }

    func testAStringNoCellUsesIsReportedInTheSharedStringsPart() throws {
        let workbook = try ArchiveSamples.xlsx(sharedStrings: ["手机", "13912345678"], cells: "")
        let found = try scan(workbook, format: "XLSX", chunkSizes: [1 << 20])
        XCTAssertEqual(found.map(\.message), ["personal data: a mobile number (139****5678) in xl/sharedStrings.xml, string 2"])
    }

    func testAnImageInsideADocumentMakesItUnscannedUnlessReviewed() throws {
        let folder = try TemporaryFolder()
        let document = try ArchiveSamples.zip([
            ("word/document.xml", "<w:document><w:body><w:p><w:t>正文</w:t></w:p></w:body></w:document>"),
            ("word/media/image1.png", "\u{89}PNG"),
            ("docProps/thumbnail.jpeg", "jpeg"),
        ])
        let url = try folder.write("a.docx", document)
        let scanner = PrivacyScanner(today: SafetySamples.today, chunkSize: 1 << 16)
        let unreviewed = try scanner.scanAndDigest(file: url, displayPath: "a.docx", format: "DOCX", exceptions: [])
        XCTAssertEqual(unreviewed.diagnostics.map(\.message),
                       ["the file was not checked for personal data: it contains files Kaifang cannot read (word/media/image1.png)"])
        XCTAssertFalse(unreviewed.file.scanned)
        let review = PrivacyReview(by: "王五", date: Day(year: 2026, month: 9, day: 1), note: "图片为单位标识",
                                   location: SourceLocation(file: "x.md"))
        let reviewed = scanner.scan(file: url, displayPath: "a.docx", format: "DOCX", exceptions: [], review: review)
        XCTAssertEqual(reviewed.map(\.severity), [.note])
        XCTAssertEqual(reviewed.map(\.code), ["privacy.reviewed"])
    }
}
