import XCTest
@testable import KaifangKit

final class PersonalDataPatternsTests: XCTestCase {
    let today = SafetySamples.today

    func isIdentityNumber(_ text: String) -> Bool {
        PersonalDataPatterns.isResidentIdentityNumber(Array(text.utf8), today: today)
    }

    func testTheStandardsExampleWithCheckCharacterXIsAnIdentityNumber() {
        XCTAssertTrue(isIdentityNumber("11010519491231002X"))
        XCTAssertTrue(isIdentityNumber("11010519491231002x"))
    }

    func testIdentityNumbersWithAWrongCheckCharacterAreNot() {
        XCTAssertTrue(isIdentityNumber("110105199001010010"))
        for wrong in ["110105199001010011", "110105199001010019", "11010519900101001X"] {
            XCTAssertFalse(isIdentityNumber(wrong), wrong)
        }
    }

    func testIdentityNumbersNeedARealBirthDateNotInALaterYear() {
        XCTAssertTrue(isIdentityNumber(SafetySamples.identityNumber("37010219800229001")), "1980 was a leap year")
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("37010219810229001")), "29 February 1981")
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("37010219801301001")), "month 13")
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("37010218991231001")), "before 1900")
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("37010220270101001")), "after this year")
        XCTAssertTrue(isIdentityNumber(SafetySamples.identityNumber("44030420240101001")))
    }

    func testIdentityNumbersNeedAProvinceThatExists() {
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("99010519900101001")))
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("10010519900101001")))
        XCTAssertFalse(isIdentityNumber(SafetySamples.identityNumber("38010519900101001")))
        for province in ["11", "15", "23", "37", "46", "54", "65", "71", "81", "82", "83", "91"] {
            XCTAssertTrue(isIdentityNumber(SafetySamples.identityNumber(province + "010519900101001")), province)
        }
    }

    func testMobileNumbersBeginWith13To19() {
        XCTAssertTrue(PersonalDataPatterns.isMobileNumber(Array("13912345678".utf8)[...]))
        XCTAssertTrue(PersonalDataPatterns.isMobileNumber(Array("19912345678".utf8)[...]))
        XCTAssertFalse(PersonalDataPatterns.isMobileNumber(Array("12912345678".utf8)[...]))
        XCTAssertFalse(PersonalDataPatterns.isMobileNumber(Array("05318601234".utf8)[...]))
    }

    func testBankCardsPassTheLuhnCheckAndHaveACardPrefix() {
        for card in ["6222021234567890128", "4111111111111111", "6212345678901232", "9558801234567890128"] {
            XCTAssertTrue(PersonalDataPatterns.isBankCardNumber(Array(card.utf8)[...]), card)
        }
        XCTAssertFalse(PersonalDataPatterns.isBankCardNumber(Array("6222021234567890127".utf8)[...]), "Luhn fails")
        XCTAssertFalse(PersonalDataPatterns.isBankCardNumber(Array("1234567812345670".utf8)[...]), "no card begins with 1")
        XCTAssertFalse(PersonalDataPatterns.isBankCardNumber(Array("411111111111111".utf8)[...]), "15 digits")
    }

    func testMaskingKeepsOnlyTheEnds() {
        XCTAssertEqual(PersonalDataPatterns.masked(Array("110105199001010012".utf8), as: .residentIdentityNumber), "110105********0012")
        XCTAssertEqual(PersonalDataPatterns.masked(Array("13912345678".utf8), as: .mobileNumber), "139****5678")
        XCTAssertEqual(PersonalDataPatterns.masked(Array("6222021234567890128".utf8), as: .bankCardNumber), "6222***********0128")
    }
}
