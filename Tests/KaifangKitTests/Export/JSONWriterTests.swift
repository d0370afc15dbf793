import XCTest
@testable import KaifangKit

final class JSONWriterTests: XCTestCase {
    func testStringsEscapeOnlyWhatJSONNeedsPlusLineSeparators() {
        let text = "quote\" back\\ nl\n cr\r tab\t nul\u{0} bell\u{7} /slash 中文 😀 \u{2028}\u{2029} <&>"
        let json = JSONWriter(style: .compact).string(.string(text))
        XCTAssertEqual(json, #""quote\" back\\ nl\n cr\r tab\t nul\u0000 bell\u0007 /slash 中文 😀 \u2028\u2029 <&>""#)
    }

    func testScriptSafeOutputCannotCloseAScriptElement() {
        let json = JSONWriter(style: .compact, scriptSafe: true).string(.string("</script><!-- & ]]>"))
        XCTAssertEqual(json, #""\u003c/script\u003e\u003c!-- \u0026 ]]\u003e""#)
        XCTAssertFalse(json.contains("<"))
    }

    func testKeysKeepTheirOrderAndPrettyOutputIsStable() {
        let value = JSONValue.object([("z", .integer(1)), ("a", .array([.bool(true), .null])), ("m", .object([])), ("e", .array([]))])
        XCTAssertEqual(JSONWriter().string(value), """
        {
          "z": 1,
          "a": [
            true,
            null
          ],
          "m": {},
          "e": []
        }

        """)
        XCTAssertEqual(JSONWriter(style: .compact).string(value), #"{"z":1,"a":[true,null],"m":{},"e":[]}"#)
    }

    func testOutputParsesBackToTheSameText() throws {
        let text = "引号\"\\\n\u{1F}😀\u{2028}"
        let data = JSONWriter().data(.array([.string(text), .integer(-42)]))
        let parsed = try JSONSerialization.jsonObject(with: data) as? [Any]
        XCTAssertEqual(parsed?.first as? String, text)
    }

    /// The writer copies unescaped runs in bulk; whatever the mix of plain
    /// text and characters to escape (at a run's start, end, side by side,
    /// a lone 0xE2 lead byte of other characters), each character is escaped
    /// exactly as a character-by-character rule says.
    func testEveryMixOfPlainAndEscapedCharactersIsEscapedCharacterByCharacter() {
        let pieces: [Character] = ["a", "中", "—", "…", "😀", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}",
                                   "\u{7F}", "<", ">", "&", "/", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}"]
        func expected(_ text: String, scriptSafe: Bool) -> String {
            func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
                let hex = String(scalar.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{8}": out += "\\b"
                case "\u{C}": out += "\\f"
                case "<", ">", "&": out += scriptSafe ? unicodeEscape(scalar) : String(scalar)
                case "\u{2028}", "\u{2029}", "\u{7F}": out += unicodeEscape(scalar)
                case _ where scalar.value < 0x20: out += unicodeEscape(scalar)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! })
            for scriptSafe in [false, true] {
                XCTAssertEqual(JSONWriter(style: .compact, scriptSafe: scriptSafe).string(.string(text)), expected(text, scriptSafe: scriptSafe),
                               "\(text.unicodeScalars.map { String($0.value, radix: 16) }) scriptSafe \(scriptSafe)")
            }
        }
    }
}

final class XMLEscaperTests: XCTestCase {
    func testTextAndAttributesEscapeMarkup() {
        XCTAssertEqual(XMLEscaper.text("a<b & c]]>\"'"), "a&lt;b &amp; c]]&gt;\"'")
        XCTAssertEqual(XMLEscaper.attribute("a\"b'c\n\t<"), "a&quot;b&apos;c&#10;&#9;&lt;")
    }

    func testCarriageReturnsSurviveAndIllegalCharactersAreDropped() {
        XCTAssertEqual(XMLEscaper.text("x\r\ny\u{0}\u{8}z 中文😀"), "x&#13;\nyz 中文😀")
    }

    /// The quick scans that let most text through untouched agree with the
    /// scalar-by-scalar rule on every mix, fullwidth punctuation (EF BC 8C)
    /// and the dropped U+FFFE/U+FFFF (EF BF BE/BF) included.
    func testTheQuickScanAgreesWithTheRuleOnEveryMix() {
        // The rule, one scalar at a time.
        func escapeEachScalar(_ value: String, inAttribute: Bool) -> String {
            var result = ""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"" where inAttribute: result += "&quot;"
                case "'" where inAttribute: result += "&apos;"
                case "\r": result += "&#13;"
                case "\n" where inAttribute: result += "&#10;"
                case "\t" where inAttribute: result += "&#9;"
                default:
                    if XMLEscaper.isAllowed(scalar) { result.unicodeScalars.append(scalar) }
                }
            }
            return result
        }
        let pieces = ["a", "中", "，", "（", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "&", "<", ">", "\"", "'", "\r", "\n", "\t",
                      "\u{0}", "\u{1F}", "😀", "]]"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(XMLEscaper.text(text), escapeEachScalar(text, inAttribute: false), text.debugDescription)
            XCTAssertEqual(XMLEscaper.attribute(text), escapeEachScalar(text, inAttribute: true), text.debugDescription)
            XCTAssertEqual(XMLEscaper.removingDisallowed(text), String(String.UnicodeScalarView(text.unicodeScalars.filter(XMLEscaper.isAllowed))),
                           text.debugDescription)
        }
    }
}

final class CSVWriterTests: XCTestCase {
    func testFileStartsWithBOMAndEndsRecordsWithCRLF() {
        let writer = CSVWriter(header: ["a", "b"])
        writer.append(["1", "2"])
        let bytes = [UInt8](writer.data)
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "a,b\r\n1,2\r\n")
    }

    func testCellsWithQuotesCommasOrLineBreaksAreQuoted() {
        XCTAssertEqual(CSVWriter.cell("plain 中文"), "plain 中文")
        XCTAssertEqual(CSVWriter.cell("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.cell("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.cell("line\nbreak"), "\"line\nbreak\"")
        XCTAssertEqual(CSVWriter.cell("cr\rhere"), "\"cr\rhere\"")
    }

    func testFormulaLikeCellsAreNeutralised() {
        XCTAssertEqual(CSVWriter.cell("=1+1"), "'=1+1")
        XCTAssertEqual(CSVWriter.cell("+86"), "'+86")
        XCTAssertEqual(CSVWriter.cell("-5"), "'-5")
        XCTAssertEqual(CSVWriter.cell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVWriter.cell("\tx"), "'\tx")
        XCTAssertEqual(CSVWriter.cell("\rx"), "\"'\rx\"")
        XCTAssertEqual(CSVWriter.cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(CSVWriter.cell("a=b"), "a=b")
    }
}

final class IRITests: XCTestCase {
    func testNonASCIIAndSpacesArePercentEncodedOnce() {
        XCTAssertEqual(IRI.encode("https://x.cn/公交 站?q=示例"), "https://x.cn/%E5%85%AC%E4%BA%A4%20%E7%AB%99?q=%E7%A4%BA%E4%BE%8B")
        XCTAssertEqual(IRI.encode("https://x.cn/a%20b"), "https://x.cn/a%20b")
        XCTAssertEqual(IRI.encode("https://x.cn/<\"x\">"), "https://x.cn/%3C%22x%22%3E")
        XCTAssertEqual(IRI.encode("100%"), "100%25")
    }

    func testMailtoAndTel() {
        XCTAssertEqual(IRI.mailto(" open@example.gov.cn "), "mailto:open@example.gov.cn")
        XCTAssertNil(IRI.mailto("not an address"))
        XCTAssertEqual(IRI.tel("(0531) 8600 1234"), "tel:0531-86001234")
        XCTAssertEqual(IRI.tel("+86 531-86001234"), "tel:+86531-86001234")
        XCTAssertNil(IRI.tel("无"))
    }
}
