import XCTest
@testable import KaifangKit

final class PrivacyScannerTests: XCTestCase {
    let id = "110105199001010010"

    // MARK: Tables

    func testAnIdentityNumberInACSVCellIsAnErrorAtItsLineAndCSVColumnWithTheValueMasked() throws {
        let found = try scan("姓名,身份证号,备注\n张三,\(id),无\n")
        XCTAssertEqual(places(found), ["2:2 privacy.id-number"])
        let diagnostic = try XCTUnwrap(found.first)
        XCTAssertEqual(diagnostic.severity, .error)
        XCTAssertEqual(diagnostic.location.file, "Content/data/x.csv")
        XCTAssertTrue(diagnostic.message.contains("a resident identity number (110105********0010) in column 身份证号"), diagnostic.message)
        XCTAssertFalse(diagnostic.message.contains(id))
        XCTAssertFalse(diagnostic.hint?.contains(id) ?? true)
        XCTAssertTrue(diagnostic.hint?.contains("privacy_exceptions") ?? false)
    }

    func testMaskedValuesPass() throws {
        let found = try scan("""
            身份证号,手机,银行卡
            230102********0011,139****8912,6222 **** **** 1234
            110105********001X,139*****912,6222********0128
            ***105199001010010,1391234567*,6222021234567890***

            """)
        XCTAssertEqual(found, [])
    }

    func testHitsInsideQuotedMultiLineCellsPointAtThePhysicalLineAndTheCSVColumn() throws {
        let found = try scan("""
            编号,说明,联系电话
            1,"第一行
            第二行，含""引号"",和逗号
            电话 13912345678",备用
            2,无,13812345678
            3,"a,b","x
            y",\(id)

            """)
        XCTAssertEqual(places(found), ["4:2 privacy.mobile-number", "5:3 privacy.mobile-number", "7:4 privacy.id-number"])
        XCTAssertTrue(found[0].message.hasSuffix("in column 说明"), found[0].message)
        XCTAssertTrue(found[1].message.contains("(138****5678) in column 联系电话"), found[1].message)
    }

    func testTSVColumnsAreSplitAtTabs() throws {
        let found = try scan("姓名\t电话\t备注\n张三\t13912345678\t无\n", format: "TSV")
        XCTAssertEqual(places(found), ["2:2 privacy.mobile-number"])
        XCTAssertTrue(found[0].message.hasSuffix("in column 电话"))
    }

    func testCRLFLineEndsAndAByteOrderMarkKeepLinesAndColumnNames() throws {
        let found = try scan("\u{FEFF}手机,姓名\r\n13912345678,张三\r\n\r\n李四,13812345678\r\n")
        XCTAssertEqual(places(found), ["2:1 privacy.mobile-number", "4:2 privacy.mobile-number"])
        XCTAssertTrue(found[0].message.hasSuffix("in column 手机"), found[0].message)
    }

    func testAColumnWithoutAHeaderNameIsNamedByItsNumber() throws {
        let found = try scan("a,,c\n1,13912345678,3\n")
        XCTAssertTrue(found[0].message.hasSuffix("in column 2"), found[0].message)
    }

    // MARK: What counts as a hit

    func testMobileNumbersAreFoundInTheirUsualSpellings() throws {
        let spellings = [
            "13912345678", "+86 13912345678", "+8613912345678", "8613912345678", "+86-13912345678",
            "139-1234-5678", "139 1234 5678", "+86 139 1234 5678", "86-139-1234-5678",
            "电话：13912345678。", "tel:13912345678", "(13912345678)",
        ]
        for spelling in spellings {
            let found = try scan("联系方式：\(spelling)\n", format: "TXT", chunkSizes: [1, 5, 1 << 20])
            XCTAssertEqual(found.map(\.code), ["privacy.mobile-number"], spelling)
            XCTAssertTrue(found.first?.message.contains("(139****5678)") ?? false, spelling)
        }
    }

    func testLandlinesServiceNumbersCodesAndOtherLongNumbersDoNotHit() throws {
        let innocent = [
            "0531-86012345", "(0531)86012345", "053186012345", "0531 8601 2345", "010-12345678",
            "400-123-4567", "400 1234 567", "4001234567", "800-810-8888", "95588", "12345",
            "91370100MA3C500005", "91370671MA6F4T125F", "123700004955704052",
            "2604-371711-30-01-916583", "3703032026B01723", "370100GC001",
            "117.13912345678,36.13912345678", "1.3912345678E10", "13912345678.5",
            "20240315123045678", "1234567812345670", "a13912345678", "13912345678b", "0x13912345678",
            "139 1234 5678 9", "1 139 1234 5678", "139  1234  5678", "13912345678901",
            "1110105199001010010", "\(id)3", "\(id)X", "6222021234567890127",
            "37010219810229001X", "990105199001010014",
            "4111 1111 1111 1111 2222", "9 4111 1111 1111 1111", "12345 139 1234 5678",
        ]
        for text in innocent {
            XCTAssertEqual(try scan("值：\(text)\n", format: "TXT", chunkSizes: [1, 4, 1 << 20]), [], text)
        }
    }

    func testIdentityNumbersEndingInXAreFound() throws {
        let found = try scan("11010519491231002X\n11010519491231002x,\n", format: "TXT")
        XCTAssertEqual(places(found), ["1:1 privacy.id-number", "2:1 privacy.id-number"])
        XCTAssertTrue(found[0].message.contains("(110105********002X)"), found[0].message)
    }

    func testBankCardNumbersAreFoundWithAndWithoutGroups() throws {
        let found = try scan("""
            6222021234567890128
            卡号 6222 0212 3456 7890 128
            4111-1111-1111-1111
            6212345678901232

            """, format: "TXT")
        XCTAssertEqual(places(found), ["1:1 privacy.bank-card", "2:4 privacy.bank-card", "3:1 privacy.bank-card", "4:1 privacy.bank-card"])
        XCTAssertTrue(found[0].message.contains("(6222***********0128)"))
    }

    func testAnIdentityNumberThatAlsoPassesLuhnIsReportedOnceAsAnIdentityNumber() throws {
        XCTAssertTrue(PersonalDataPatterns.passesLuhn(Array("410105199001100754".utf8)[...]))
        XCTAssertEqual(try scan("410105199001100754\n", format: "TXT").map(\.code), ["privacy.id-number"])
    }

    // MARK: Text files

    func testTextFilesReportTheLineAndTheCharacterColumn() throws {
        let json = "{\n  \"姓名\": \"张三\", \"证件\": \"\(id)\"\n}\n"
        let found = try scan(json, format: "JSON")
        let line = "  \"姓名\": \"张三\", \"证件\": \""
        XCTAssertEqual(places(found), ["2:\(line.unicodeScalars.count + 1) privacy.id-number"])
        XCTAssertEqual(found[0].message, "personal data: a resident identity number (110105********0010)")
    }

    func testANumberCutByAChunkBoundaryIsFound() throws {
        let text = "0123456789\(id)\n"
        for size in 11...27 {
            XCTAssertEqual(places(try scan(text, format: "TXT", chunkSizes: [size])), [], "not standing alone at \(size)")
        }
        let alone = "012345678 \(id) 13912345678\n"
        for size in [10, 12, 16, 20, 27, 30, 32] {
            XCTAssertEqual(places(try scan(alone, format: "TXT", chunkSizes: [size])),
                           ["1:11 privacy.id-number", "1:30 privacy.mobile-number"], "chunk size \(size)")
        }
    }

    // MARK: Exceptions

    func testAHitInAnExceptedColumnIsOneNotePerColumnWithTheReason() throws {
        let rows = (1...3).map { "企业\($0),\(id),\(id)" }.joined(separator: "\n")
        let found = try scan("名称,登记号,法人身份证\n\(rows)\n", exceptions: [SafetySamples.exception("登记号", "旧式登记号，已人工核对")])
        XCTAssertEqual(places(found), ["2:2 privacy.exception", "2:3 privacy.id-number", "3:3 privacy.id-number", "4:3 privacy.id-number"])
        let note = found[0]
        XCTAssertEqual(note.severity, .note, "a reviewed exception never fails a build, not even with --strict")
        XCTAssertEqual(note.location.file, "Content/data/x.csv")
        XCTAssertTrue(note.message.contains("3 values in column 登记号"), note.message)
        XCTAssertTrue(note.message.contains("旧式登记号，已人工核对"), note.message)
        XCTAssertFalse(note.message.contains(id))
    }

    func testAnExceptionForAColumnTheFileDoesNotHaveIsWarnedWhereItIsDeclared() throws {
        let found = try scan("名称,登记号\n甲,1\n", exceptions: [SafetySamples.exception("登记码")])
        XCTAssertEqual(found.map(\.code), ["privacy.exception-column"])
        XCTAssertEqual(found[0].location, SourceLocation(file: "Content/datasets/x.md", line: 12, column: 7))
        XCTAssertEqual(found[0].hint, "did you mean 登记号?")
    }

    // MARK: Encodings and binary files

    func testAGB18030HeaderNamesTheColumn() throws {
        // 姓名,手机号码 in GB18030; then a row whose first cell ends in 😀, a four-byte
        // character whose second and fourth bytes are the ASCII digits 9 and 6.
        var data = Data([0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xCA, 0xD6, 0xBB, 0xFA, 0xBA, 0xC5, 0xC2, 0xEB, 0x0A])
        data += Data([0xD5, 0xC5, 0x2C]) + Data("13912345678\n".utf8)
        data += Data([0x94, 0x39, 0xFC, 0x36]) + Data("13812345678,1\n".utf8)
        let found = try scan(data)
        XCTAssertEqual(places(found), ["2:2 privacy.mobile-number", "3:1 privacy.mobile-number"])
        XCTAssertTrue(found[0].message.hasSuffix("in column 手机号码"), found[0].message)
        XCTAssertTrue(found[1].message.contains("(138****5678) in column 姓名"), found[1].message)
    }

    func testAFileInNeitherEncodingIsScannedAsBytes() throws {
        // Latin-1 "é" before the number: not valid UTF-8, and not GB18030 that could hide digits.
        let data = Data([0x6E, 0x6F, 0x6D, 0xE9, 0x2C]) + Data("13912345678\n".utf8)
        XCTAssertEqual(places(try scan(data, format: "TXT")), ["1:6 privacy.mobile-number"])
    }

    /// Until the scan read office files and sniffed contents, these passed silently (the bug of issue 8 §3).
    func testFilesThatCannotBeScannedOrAreNotWhatTheySayAreErrors() throws {
        let data = Data("PK\u{3}\u{4}\0\0\(id)\n".utf8)
        XCTAssertEqual(try scan(data, format: "XLSX").map(\.code), ["privacy.not-scanned"], "a damaged archive")
        XCTAssertEqual(try scan(data, format: "BIN").map(\.code), ["privacy.not-scanned"], "an unknown binary")
        XCTAssertEqual(try scan(data, format: "CSV").map(\.code), ["resource.format-mismatch"], "a ZIP archive called CSV")
    }

    // MARK: Limits and digests

    func testOnlyTheFirstTwentyHitsAreListedThenASummary() throws {
        let rows = (0..<30).map { "\($0),1391234\(String(format: "%04d", $0))" }.joined(separator: "\n")
        let found = try scan("序号,手机\n\(rows)\n", chunkSizes: [1 << 20])
        XCTAssertEqual(found.filter { $0.code == "privacy.mobile-number" }.count, 20)
        let summary = try XCTUnwrap(found.last)
        XCTAssertEqual(summary.code, "privacy.more")
        XCTAssertEqual(summary.location.line, 22)
        XCTAssertTrue(summary.message.contains("and 10 more"), summary.message)
        XCTAssertTrue(summary.message.contains("10 mobile numbers"), summary.message)
    }

    func testScanAndDigestReadsTheFileOnceAndAgreesWithFileDigest() throws {
        let folder = try TemporaryFolder()
        let text = "手机\n13912345678\n" + String(repeating: "abc,def\n", count: 20_000)
        let url = try folder.write("a.csv", text)
        let scanner = PrivacyScanner(today: SafetySamples.today, chunkSize: 1000)
        let (file, found) = try scanner.scanAndDigest(file: url, displayPath: "a.csv", format: "CSV", exceptions: [])
        let digest = try FileDigest.sha256AndSize(of: url)
        XCTAssertEqual(file.sha256, digest.sha256)
        XCTAssertEqual(file.byteSize, Int64(text.utf8.count))
        XCTAssertTrue(file.scanned)
        XCTAssertEqual(places(found), ["2:1 privacy.mobile-number"])

        // Five bytes that are no XLSX: measured all the same, and refused (they used to pass unscanned).
        let binary = try folder.write("b.xlsx", Data([0x50, 0x4B, 0, 1, 2]))
        let digested = try scanner.scanAndDigest(file: binary, displayPath: "b.xlsx", format: "XLSX", exceptions: [])
        XCTAssertEqual(digested.file.byteSize, 5)
        XCTAssertFalse(digested.file.scanned)
        XCTAssertEqual(digested.diagnostics.map(\.code), ["resource.format-mismatch"])
    }

    func testFileDigestIsTheSHA256OfTheBytes() throws {
        let folder = try TemporaryFolder()
        let abc = try FileDigest.sha256AndSize(of: folder.write("abc.txt", "abc"))
        XCTAssertEqual(abc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(abc.byteSize, 3)
        let empty = try FileDigest.sha256AndSize(of: folder.write("empty.txt", ""))
        XCTAssertEqual(empty.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertThrowsError(try FileDigest.sha256AndSize(of: folder.url.appendingPathComponent("missing")))
    }
}
