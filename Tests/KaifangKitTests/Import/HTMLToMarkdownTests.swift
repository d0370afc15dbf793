import XCTest
@testable import KaifangKit

/// HTML descriptions become Markdown at import: structure kept, the unsafe left out and named.
final class HTMLToMarkdownTests: XCTestCase {
    func testStructureBecomesMarkdown() {
        let (markdown, removed) = HTMLToMarkdown.convert("""
            <h2>说明</h2><p>数据来自<a href="https://example.gov.cn/x">统计局</a>，<em>每月</em>更新。<br>第二行</p>
            <ol><li>下载</li><li>使用 <code>csv</code></li></ol><blockquote><p>注意</p></blockquote>
            """)
        XCTAssertEqual(removed, [])
        XCTAssertEqual(markdown, """
            ## 说明

            数据来自[统计局](<https://example.gov.cn/x>)，*每月*更新。\\
            第二行

            1. 下载
            2. 使用 `csv`

            > 注意
            """)
    }

    func testWhatIsNotSafeIsLeftOutAndNamed() {
        let (markdown, removed) = HTMLToMarkdown.convert(#"<p onclick="x()">正文<script>alert(1)</script><img src="a.png" alt="图"><a href="javascript:alert(1)">链接</a></p>"#)
        XCTAssertFalse(markdown.contains("alert"), markdown)
        XCTAssertTrue(markdown.hasPrefix("正文"), markdown)
        XCTAssertTrue(markdown.contains("链接"), markdown)
        XCTAssertTrue(removed.contains("<script>"), "\(removed)")
    }

    func testTablesStayAPlainTableAndMarkdownSyntaxInTextIsEscaped() {
        let (markdown, _) = HTMLToMarkdown.convert("<table><tr><th>字段</th></tr><tr><td>a*b</td></tr></table><p>1*2_3 [x]</p>")
        XCTAssertEqual(markdown, "<table><tr><th>字段</th></tr><tr><td>a*b</td></tr></table>\n\n1\\*2\\_3 \\[x\\]")
        XCTAssertFalse(HTMLToMarkdown.looksLikeHTML("价格 < 100 且 > 10"))
        XCTAssertTrue(HTMLToMarkdown.looksLikeHTML("第一段<br/>第二段"))
    }
}
