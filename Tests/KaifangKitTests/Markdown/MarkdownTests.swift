import XCTest
@testable import KaifangKit

final class MarkdownTests: XCTestCase {
    func testRendersCommonMark() {
        let rendered = Markdown.render("## 简介\n\n**公交**数据，见[链接](https://example.gov.cn/)。")
        XCTAssertEqual(rendered.html, "<h2>简介</h2>\n<p><strong>公交</strong>数据，见<a href=\"https://example.gov.cn/\">链接</a>。</p>\n")
        XCTAssertEqual(rendered.plainText, "简介\n公交数据，见链接。")
    }

    func testRawHTMLAndScriptLinksNeverReachThePage() {
        let html = Markdown.render("<script>alert(1)</script>\n\n[点我](javascript:alert(1)) <img src=x onerror=alert(1)> [d](data:text/html,x)").html
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertFalse(html.contains("onerror"))
        XCTAssertFalse(html.contains("data:text/html"))
    }

    func testSiteRootLinksArePrefixedSoTheyWorkUnderAnyBasePath() {
        let html = Markdown.render("[条款](/pages/terms/) [外部](https://a.example/) [协议相对](//cdn.example/x)", rootPrefix: "../../").html
        XCTAssertTrue(html.contains("href=\"../../pages/terms/\""))
        XCTAssertTrue(html.contains("href=\"https://a.example/\""))
        XCTAssertTrue(html.contains("href=\"//cdn.example/x\""))
    }

    func testHeadingOffsetNestsHeadings() {
        XCTAssertEqual(Markdown.render("# a\n\n###### b", headingOffset: 1).html, "<h2>a</h2>\n<h6>b</h6>\n")
    }

    func testInvalidUTF8InputDoesNotCrash() {
        let text = String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self)
        XCTAssertEqual(Markdown.render(text).plainText, "a\u{FFFD}b")
    }
}

final class MarkdownSummaryTests: XCTestCase {
    func testSummaryLeavesOutHeadings() {
        let rendered = Markdown.render("## 数据简介\n\n本数据集发布**公交**站点。\n\n## 使用说明\n\n1. 注明来源")
        XCTAssertEqual(rendered.summary, "本数据集发布公交站点。 注明来源")
        XCTAssertTrue(rendered.plainText.hasPrefix("数据简介\n"))
    }
}
