import XCTest
@testable import KaifangKit

/// The normalising layer between decoded text and the detectors, and the
/// secrecy markings, on their own.
final class PrivacyNormalizerTests: XCTestCase {
    /// What the detector sees of a text, with each character's original column.
    func normalized(_ text: String) -> [(String, Int)] {
        var normalizer = PrivacyNormalizer()
        var out: [(String, Int)] = []
        var column = 0
        let emit: (NormalizedCharacter) -> Void = { character in
            out.append((character.byte == 0x80 ? "·" : String(UnicodeScalar(character.byte)), character.position.column))
        }
        for scalar in text.unicodeScalars {
            column += 1
            normalizer.push(scalar, at: ScanPosition(line: 1, column: column, field: 0), emit)
        }
        normalizer.finish(emit)
        return out
    }

    func bytes(_ text: String) -> String { normalized(text).map(\.0).joined() }

    func testFullWidthDigitsLettersAndSignsBecomeASCII() {
        XCTAssertEqual(bytes("１３９１２３４５６７８"), "13912345678")
        XCTAssertEqual(bytes("Ｘｘ＋－．／＿＊（）"), "Xx+-./_*()")
    }

    func testOtherSpacesAndDashesBecomeSpaceAndHyphen() {
        XCTAssertEqual(bytes("1\u{00A0}2\u{3000}3\u{2009}4\u{202F}5"), "1 2 3 4 5")
        XCTAssertEqual(bytes("1\u{2010}2\u{2013}3\u{2014}4\u{2212}5\u{FE63}6"), "1-2-3-4-5-6")
    }

    func testInvisibleCharactersAreDroppedAndPositionsKept() {
        let result = normalized("1\u{200B}2\u{00AD}3\u{FEFF}4")
        XCTAssertEqual(result.map(\.0).joined(), "1234")
        XCTAssertEqual(result.map(\.1), [1, 3, 5, 7])
    }

    func testOtherCharactersAreNeutral() {
        XCTAssertEqual(bytes("电话：1。"), "···1·")
    }

    func testJSONEscapesAreDecodedAtTheEscapesPosition() {
        let result = normalized("a\\u0031\\uFF13b")
        XCTAssertEqual(result.map(\.0).joined(), "a13b")
        XCTAssertEqual(result.map(\.1), [1, 2, 8, 14])
    }

    func testWhatOnlyLooksLikeAnEscapeIsKeptAsWritten() {
        XCTAssertEqual(bytes("\\u00G1"), "\\u00G1")
        XCTAssertEqual(bytes("\\n\\\\u0031"), "\\n\\1")
        XCTAssertEqual(bytes("end\\u00"), "end\\u00")
        XCTAssertEqual(bytes("\\uD83D\\uDE00"), "··", "surrogate halves are no digits")
    }

    // MARK: The detector behind it

    func hits(_ text: String) -> [String] {
        TextScan.scan(text, today: SafetySamples.today).map { hit in
            switch hit.what {
            case .personal(let kind, let masked): "\(hit.line):\(hit.column) \(kind.code) \(masked)"
            case .secrecy(let marking): "\(hit.line):\(hit.column) secrecy \(marking)"
            }
        }
    }

    func testGroupingsOfIdentityNumbers() {
        for text in ["110105 19900101 0010", "110105-1990-0101-0010", "110 105 1990 0101 0010", "1101 0519 9001 0100 10"] {
            XCTAssertEqual(hits(text), ["1:1 privacy.id-number 110105********0010"], text)
        }
        XCTAssertEqual(hits("11010519491231002 X"), [], "a letter after a space is no check character")
        XCTAssertEqual(hits("110105 19491231 002X"), ["1:1 privacy.id-number 110105********002X"])
    }

    func testPrefixesAndFloatExports() {
        XCTAssertEqual(hits("ID:110105199001010010"), ["1:4 privacy.id-number 110105********0010"])
        XCTAssertEqual(hits("id110105199001010010"), ["1:3 privacy.id-number 110105********0010"])
        XCTAssertEqual(hits("UID110105199001010010"), [], "ID must be the whole prefix")
        XCTAssertEqual(hits("13912345678.0"), ["1:1 privacy.mobile-number 139****5678"])
        XCTAssertEqual(hits("13912345678.01"), [])
        XCTAssertEqual(hits("13912345678.0.1"), [])
        XCTAssertEqual(hits("0.13912345678"), [], "a decimal fraction")
    }

    func testSecrecyMarkingForms() {
        XCTAssertEqual(hits("绝密★启用前"), ["1:1 secrecy 绝密★"])
        XCTAssertEqual(hits("秘 密 ☆ 1年"), ["1:1 secrecy 秘密★"])
        XCTAssertEqual(hits("机密*10年"), ["1:1 secrecy 机密★"])
        XCTAssertEqual(hits("标题\n秘密\n"), ["2:1 secrecy 秘密"])
        XCTAssertEqual(hits("涉密"), ["1:1 secrecy 涉密"])
        XCTAssertEqual(hits("文件（秘密级）"), ["1:4 secrecy 秘密级"])
        XCTAssertEqual(hits("密级: 机密"), ["1:1 secrecy 密级:机密"])
        XCTAssertEqual(hits("内部资料 请勿外传"), ["1:1 secrecy 内部资料请勿外传"])
        XCTAssertEqual(hits("\\u79d8\\u5bc6\\u2605"), ["1:1 secrecy 秘密★"], "spelled in JSON escapes")
    }

    func testProseAboutSecretsIsNoMarking() {
        for text in ["本数据不涉密", "涉及国家秘密的数据不予开放", "国家秘密分为绝密级、机密级、秘密级", "商业秘密", "保密措施",
                     "内部资料", "秘密花园", "机密文件检索", "涉密人员", "工作秘密", "密级划分"] {
            XCTAssertEqual(hits(text), [], text)
        }
    }
}
