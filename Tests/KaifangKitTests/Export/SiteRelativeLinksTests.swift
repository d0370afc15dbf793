import Foundation
import XCTest
@testable import KaifangKit

/// The byte scan that makes a description's site-relative links absolute
/// gives exactly what the two regular expressions it replaced gave.
final class SiteRelativeLinksTests: XCTestCase {
    let base = "https://data.example.gov.cn/"

    /// The former implementation, kept as the oracle.
    func regexAbsolute(_ markdown: String) -> String {
        var lines: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var text = String(line)
            if let range = text.range(of: #"^ {0,3}\[[^\]]+\]:[ \t]*/(?!/)"#, options: .regularExpression) {
                text.replaceSubrange(text.index(before: range.upperBound)..<range.upperBound, with: base)
            }
            text = text.replacingOccurrences(of: #"\]\(/(?!/)"#, with: "](" + NSRegularExpression.escapedTemplate(for: base), options: .regularExpression)
            lines.append(text)
        }
        return lines.joined(separator: "\n")
    }

    func testLinksAndReferencesBecomeAbsolute() {
        let text = "见[说明](/pages/about/)和![图](/img/a.png)。\n\n[规范]: /pages/spec/\n   [b]:\t/x\n    [c]: /not-a-reference"
        XCTAssertEqual(SiteRelativeLinks.absolute(text, base: base),
                       "见[说明](https://data.example.gov.cn/pages/about/)和![图](https://data.example.gov.cn/img/a.png)。\n\n"
                       + "[规范]: https://data.example.gov.cn/pages/spec/\n   [b]:\thttps://data.example.gov.cn/x\n    [c]: /not-a-reference")
    }

    func testProtocolRelativeAndAbsoluteTargetsStay() {
        let text = "[a](//cdn.example.com/x) [b](https://example.com/) [c]: //cdn.example.com/y\n[d]: https://e/"
        XCTAssertEqual(SiteRelativeLinks.absolute(text, base: base), text)
    }

    /// The description's ends are trimmed as Foundation trims them.
    func testTrimmingIsFoundationsWhitespaceAndNewlines() {
        let ends = ["", " ", "\n", "\r\n", "\t", "\u{3000}", "\u{00A0}", "\u{2028}", "\u{0085}", "\u{200B}", "\u{FEFF}", "x", "中", "😀", "e\u{301}"]
        for first in ends {
            for last in ends {
                for middle in ["", "正文 text", " \n "] {
                    let text = first + middle + last
                    XCTAssertEqual(text.trimmingWhitespaceAndNewlines, text.trimmingCharacters(in: .whitespacesAndNewlines), text.debugDescription)
                }
            }
        }
        let foundation = CharacterSet.whitespacesAndNewlines
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String.isWhitespaceOrNewline(scalar) != foundation.contains(scalar) {
                XCTFail("U+\(String(value, radix: 16, uppercase: true)): Foundation says \(foundation.contains(scalar))")
            }
        }
    }

    func testSameAsTheRegularExpressionsOnTrickyAndRandomText() {
        let tricky = [
            "", "/", "](/", "](/)", "](//", "[]: /x", "[a]: /", "[a]:/", "[a] : /x", "[a]b]: /x", "[[a]: /x", "\n[a]: /x",
            "[a]: /x\r\n[b]: /y", "x\r\n](/y", "](/a](/b", "]](/a", "](\n/a", "   [a]: /x", "    [a]: /x", "\t[a]: /x",
            "[a]:\t \t/x", "[中文]: /文件", "说明](/页面", "[a]: /x](/y",
        ]
        for text in tricky {
            XCTAssertEqual(SiteRelativeLinks.absolute(text, base: base), regexAbsolute(text), "for \(text.debugDescription)")
        }
        // The characters the two patterns care about, with a letter and a Chinese character between them.
        let alphabet: [String] = ["]", "(", "/", "[", ":", " ", "\t", "\n", "\r", "x", "中"]
        var generator = SplitMix64(seed: 9)
        for _ in 0..<3000 {
            let length = Int(generator.next() % 14)
            let text = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
            XCTAssertEqual(SiteRelativeLinks.absolute(text, base: base), regexAbsolute(text), "for \(text.debugDescription)")
        }
    }
}

/// A small seeded generator, so the random texts are the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
