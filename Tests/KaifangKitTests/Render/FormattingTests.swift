import XCTest
@testable import KaifangKit

final class FormattingTests: XCTestCase {
    /// A theme word's placeholders are filled once: a value holding braces stays as written,
    /// whatever order the values come in, and an unknown placeholder is left for the reader to see.
    func testPlaceholdersAreFilledInOnePass() {
        let template = "{y} by {x}: {missing} {"
        let values = ["x": "{y}", "y": "passengers {x}"]
        XCTAssertEqual(Formatting.fill(template, values), "passengers {x} by {y}: {missing} {")
        XCTAssertEqual(Formatting.fill("{n} 个数据集", ["n": "3"]), "3 个数据集")
        XCTAssertEqual(Formatting.fill("no placeholders", ["n": "3"]), "no placeholders")
    }
}
