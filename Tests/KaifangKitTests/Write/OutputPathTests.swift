import XCTest
@testable import KaifangKit

/// Every file of the site is claimed through `isSafeRelativePath`; its byte
/// scan must refuse exactly what the segment rule refuses.
final class OutputPathTests: XCTestCase {
    func testSafePathsAreRelativeNamesOnly() {
        for path in ["index.html", "datasets/公交/index.html", ".kaifang-site", "a/.../b", "a/..b/c", "a b/c"] {
            XCTAssertTrue(OutputWriter.isSafeRelativePath(path), path)
        }
        for path in ["", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "../a", "a/..", "..", ".", "a\\b", "a\0b", "/\u{301}a", "a//\u{301}"] {
            XCTAssertFalse(OutputWriter.isSafeRelativePath(path), path.debugDescription)
        }
    }

    func testTheByteScanAgreesWithTheSegmentRuleOnEveryMix() {
        // The rule on code points: a combining mark after "/" starts the next
        // segment, as the file system sees it (grapheme clusters would glue it to the "/").
        func rule(_ path: String) -> Bool {
            let scalars = Array(path.unicodeScalars)
            guard !scalars.contains("\\"), !scalars.contains("\0") else { return false }
            return scalars.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
                !segment.isEmpty && !segment.allSatisfy({ $0 == "." }) || segment.count > 2
            }
        }
        let pieces = ["/", ".", "..", "a", "中", "\\", "\0", "\u{301}", "․", "%2e"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let path = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(OutputWriter.isSafeRelativePath(path), rule(path), path.debugDescription)
        }
    }
}
