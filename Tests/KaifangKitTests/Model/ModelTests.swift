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
