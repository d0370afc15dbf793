import XCTest
@testable import KaifangKit

final class SlugTests: XCTestCase {
    func testIdentifiersBecomeSlugs() {
        XCTAssertEqual(Slug.fromIdentifier("370000-JTT-000118"), "370000-jtt-000118")
        XCTAssertEqual(Slug.fromIdentifier("37/0001 A"), "37-0001-a")
        XCTAssertEqual(Slug.fromIdentifier("///"), "dataset")
    }

    func testOnlySafeSegmentsAreSlugs() {
        XCTAssertTrue(Slug.isSafe("bus-routes_2024"))
        XCTAssertTrue(Slug.isSafe("公交线路"))
        for unsafe in ["", ".", "..", ".hidden", "a/b", "a b", "a%2F", "<x>"] {
            XCTAssertFalse(Slug.isSafe(unsafe), unsafe)
        }
    }

    func testCaseAndNormalisationCollide() {
        XCTAssertEqual(Slug.collisionKey("Bus"), Slug.collisionKey("bus"))
        XCTAssertEqual(Slug.collisionKey("caf\u{E9}"), Slug.collisionKey("cafe\u{301}"))
    }

    func testChineseSlugsArePercentEncodedInURLs() {
        XCTAssertEqual(Slug.urlEncoded("公交"), "%E5%85%AC%E4%BA%A4")
    }

    /// The byte-level encoder gives what Foundation's `addingPercentEncoding`
    /// gives with RFC 3986's unreserved set, on every mix of ASCII (each of
    /// the 128), CJK, emoji, combining marks and the characters URLs reserve.
    func testURLEncodingAgreesWithFoundationOnEveryMix() {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["中", "，", "é", "e\u{301}", "😀", "\u{FEFF}", "\u{7FF}", "\u{10FFFF}", "%2F"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Slug.urlEncoded(text), text.addingPercentEncoding(withAllowedCharacters: unreserved),
                           "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}

final class VocabularyTests: XCTestCase {
    func testEnglishAndChineseValuesAreAccepted() {
        XCTAssertEqual(OpenType(catalogueValue: "有条件开放"), .conditional)
        XCTAssertEqual(OpenType(catalogueValue: "Open"), .open)
        XCTAssertEqual(ShareType(catalogueValue: "不予共享"), ShareType.none)
        XCTAssertEqual(UpdateFrequency(catalogueValue: "每季度"), .quarterly)
        XCTAssertNil(UpdateFrequency(catalogueValue: "hourly"))
    }

    func testDaysAreRealDates() {
        XCTAssertEqual(Day(iso: "2024-02-29"), Day(year: 2024, month: 2, day: 29))
        XCTAssertNil(Day(iso: "2023-02-29"))
        XCTAssertNil(Day(iso: "2024-13-01"))
        XCTAssertEqual(Day(iso: "2024/3/5")?.description, "2024-03-05")
        XCTAssertEqual(Day(daysSinceEpoch: Day(year: 2026, month: 11, day: 29).daysSinceEpoch), Day(year: 2026, month: 11, day: 29))
        XCTAssertEqual(Day(year: 1970, month: 1, day: 2).daysSinceEpoch, 1)
    }

    /// A day prints as `printf("%04d-%02d-%02d")` does, for years of any
    /// length and sign (a day counted back from the epoch can be any year).
    func testDaysPrintAsPrintfDoes() {
        for year in [-10_000, -999, -10, -1, 0, 7, 99, 999, 1_000, 2_026, 9_999, 10_000, 123_456] {
            for (month, day) in [(1, 1), (9, 30), (12, 31), (0, 0), (-1, -5), (100, 7)] {
                XCTAssertEqual(Day(year: year, month: month, day: day).description, String(format: "%04d-%02d-%02d", year, month, day))
            }
        }
    }

    func testUnifiedSocialCreditCodeCheckCharacter() {
        XCTAssertTrue(CatalogueCodes.isValidCreditCode("91350100M000100Y43"))
        XCTAssertFalse(CatalogueCodes.isValidCreditCode("91350100M000100Y44"))
        XCTAssertFalse(CatalogueCodes.isValidCreditCode("FGW"))
    }

    func testBuildDayHonoursSourceDateEpoch() {
        XCTAssertEqual(BuildOptions.buildDay(environment: ["SOURCE_DATE_EPOCH": "1700000000"]), Day(year: 2023, month: 11, day: 14))
    }

    func testEditDistanceSuggestsFieldNames() {
        XCTAssertEqual(Suggestions.closest(to: "tittle", in: DatasetDecoder.knownFields), "title")
        XCTAssertNil(Suggestions.closest(to: "zzzzzz", in: DatasetDecoder.knownFields))
    }
}

final class ResourceCodeTests: XCTestCase {
    func testNationalResourceCodesAreChecked() {
        XCTAssertNil(CatalogueCodes.nationalResourceCodeProblem("301001001/000123"))
        XCTAssertNil(CatalogueCodes.nationalResourceCodeProblem("370000-JTT-000001"), "other schemes are not judged")
        XCTAssertEqual(CatalogueCodes.nationalResourceCodeProblem("401001/000001"),
                       "its class (first digit) must be 1 (基础), 2 (主题) or 3 (部门), not 4")
        XCTAssertEqual(CatalogueCodes.nationalResourceCodeProblem("30100/000001"),
                       "its classification code needs at least 6 digits (类 1, 项 2, 目 3), it has 5")
        XCTAssertEqual(CatalogueCodes.nationalResourceCodeProblem("301001/0000"), "its sequence number after the / is missing or zero")
    }

    func testPortalsCanRequireTheNationalForm() throws {
        let portal = try PortalFixture(PortalFixture.minimal.replacingOccurrences(of: "build:\n  page_size: 2", with: "resource_code_pattern: national\nbuild:\n  page_size: 2"))
        let lines = PortalFixture.lines(portal.check()).filter { $0.contains("national") }
        XCTAssertEqual(lines, [
            "Content/datasets/bus-stops.md:2:5: error: id \"370000-JTT-000001\" is not in the national resource-code form",
            "Content/datasets/credit-list.md:2:5: error: id \"370000-XYZX-000002\" is not in the national resource-code form",
            "Content/datasets/secret-register.md:2:5: error: id \"370000-XYZX-999999\" is not in the national resource-code form",
        ])
    }
}
