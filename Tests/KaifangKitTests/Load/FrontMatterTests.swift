import XCTest
@testable import KaifangKit

final class FrontMatterTests: XCTestCase {
    func testSplitsYAMLAndBodyAndKnowsWhereTheBodyStarts() throws {
        let document = try FrontMatterDocument.split("---\ntitle: 公交\nid: A-1\n---\n正文第一行\n", file: "a.md").get()
        XCTAssertEqual(document.yaml, "title: 公交\nid: A-1\n")
        XCTAssertEqual(document.body, "正文第一行\n")
        XCTAssertEqual(document.bodyLine, 5)
    }

    func testUnterminatedFrontMatterIsAnError() {
        guard case .failure(let diagnostic) = FrontMatterDocument.split("---\ntitle: x\n正文\n", file: "a.md") else {
            return XCTFail("expected an error")
        }
        XCTAssertEqual(diagnostic.message, "the front matter is not closed")
        XCTAssertEqual(diagnostic.location, SourceLocation(file: "a.md", line: 1, column: 1))
    }

    func testMissingAndEmptyFrontMatterAreErrors() {
        guard case .failure(let missing) = FrontMatterDocument.split("# 标题\n", file: "a.md"),
              case .failure(let empty) = FrontMatterDocument.split("", file: "b.md") else { return XCTFail() }
        XCTAssertEqual(missing.message, "the file does not start with front matter")
        XCTAssertEqual(empty.message, "the file is empty")
    }

    func testBOMAndCRLFAreAcceptedAndPositionsStayRight() throws {
        let bytes = Data("\u{FEFF}---\r\ntitle: 公交\r\norganization: [\r\n---\r\n".utf8)
        let result = ContentLoader.parseDocument(bytes, file: "a.md", slug: "a")
        guard case .failure(let diagnostic) = result else { return XCTFail("broken YAML must fail") }
        XCTAssertEqual(diagnostic.location.file, "a.md")
        XCTAssertEqual(diagnostic.location.line, 4, "the error is reported in the file's own line numbers")
        let good = try ContentLoader.parseDocument(Data("\u{FEFF}---\r\ntitle: 公交\r\n---\r\n正文\r\n".utf8), file: "a.md", slug: "a").get()
        XCTAssertEqual(good["title"]?.scalar, "公交")
        XCTAssertEqual(good["title"]?.location, SourceLocation(file: "a.md", line: 2, column: 8))
        XCTAssertEqual(good.body, "正文\n")
    }

    func testYAMLValuePositionsCountChineseCharactersAsOneColumn() throws {
        let node = try YAMLReader.parse("名称: 公交\nkeywords: [公交, 站点]\n", file: "x.md", lineOffset: 1).get()
        XCTAssertEqual(node["名称"]?.location, SourceLocation(file: "x.md", line: 2, column: 5))
        XCTAssertEqual(node["keywords"]?.items?[1].location, SourceLocation(file: "x.md", line: 3, column: 16))
    }

    func testTabsInYAMLGiveAHint() {
        guard case .failure(let diagnostic) = YAMLReader.parse("a:\n\tb: 1\n", file: "x.md") else { return XCTFail() }
        XCTAssertEqual(diagnostic.location.line, 2)
        XCTAssertEqual(diagnostic.hint, "YAML indents with spaces only; replace the tab characters with spaces")
    }

    func testDuplicateKeysAreReported() {
        guard case .failure(let diagnostic) = YAMLReader.parse("title: a\ntitle: b\n", file: "x.md") else { return XCTFail() }
        XCTAssertTrue(diagnostic.message.contains("\"title\" is written twice"), diagnostic.message)
    }

    func testInvalidUTF8IsReportedAtItsLineAndColumn() {
        var bytes = Data("---\ntitle: 公交\nid: ".utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        guard case .failure(let diagnostic) = TextDecoder.decodeUTF8(bytes, file: "a.md") else { return XCTFail() }
        XCTAssertEqual(diagnostic.location, SourceLocation(file: "a.md", line: 3, column: 5))
        XCTAssertEqual(diagnostic.message, "the file is not valid UTF-8")
    }
}
