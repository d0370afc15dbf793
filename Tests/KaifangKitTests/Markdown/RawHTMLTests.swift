import XCTest
@testable import KaifangKit

/// Raw HTML in descriptions keeps its safe structure and loses the rest, named.
final class RawHTMLTests: XCTestCase {
    private func html(_ markdown: String) -> String { Markdown.render(markdown).html }

    func testACKANStyleDescriptionKeepsParagraphsListsLinksAndEmphasis() {
        let description = """
            <p>全市<strong>公交站点</strong>信息，<em>每月</em>更新。</p>
            <ul><li>站点名称</li><li>经纬度<br>坐标</li></ul>
            <h2>来源</h2><p>见 <a href="https://jtt.example.gov.cn/">交通运输厅</a>。</p>
            """
        XCTAssertEqual(html(description), """
            <p>全市<strong>公交站点</strong>信息，<em>每月</em>更新。</p>
            <ul>
            <li>站点名称</li>
            <li>经纬度<br />
            坐标</li>
            </ul>
            <h2>来源</h2>
            <p>见 <a href="https://jtt.example.gov.cn/">交通运输厅</a>。</p>

            """)
        XCTAssertEqual(Markdown.rawHTMLRemovals(description), [])
        XCTAssertEqual(Markdown.render(description).plainText, "全市公交站点信息，每月更新。\n站点名称\n经纬度 坐标\n来源\n见 交通运输厅。")
    }

    func testTablesKeepTheirCellsAndEveryTextIsEscaped() {
        let rendered = html("<table><thead><tr><th>字段</th><th>说明</th></tr></thead><tr><td>a &amp; b</td><td>&lt;x&gt; 1 &#x4E2D;</td></tr></table>")
        XCTAssertEqual(rendered, "<table><thead><tr><th><p>字段</p></th><th><p>说明</p></th></tr></thead><tr><td><p>a &amp; b</p></td><td><p>&lt;x&gt; 1 中</p></td></tr></table>\n"
            .replacingOccurrences(of: "><", with: ">\n<"))
    }

    func testScriptsStylesFramesEventsAndUnsafeLinksAreRemovedAndNamed() {
        let description = """
            <div style="color:red" onclick="alert(1)"><script>alert(1)</script><p>正文<font color="red">红字</font></p>
            <iframe src="https://evil.example/"></iframe><img src="x" alt="示意图" onerror="alert(1)">
            <a href="javascript:alert(1)">点我</a> <a href="/relative">相对</a></div>
            """
        let rendered = html(description)
        for forbidden in ["<script", "alert", "<iframe", "<img", "onerror", "onclick", "style=", "javascript", "<font", "<div", "href=\"/relative"] {
            XCTAssertFalse(rendered.contains(forbidden), "\(forbidden) in \(rendered)")
        }
        XCTAssertTrue(rendered.contains("正文红字"), rendered)
        XCTAssertTrue(rendered.contains("示意图"), rendered)
        XCTAssertTrue(rendered.contains("点我") && rendered.contains("相对"), rendered)
        XCTAssertEqual(Markdown.rawHTMLRemovals(description),
                       ["style=", "onclick= (script)", "<script>", "color=", "<font>", "<iframe>", "src=", "onerror= (script)", "<img>",
                        "javascript: link", "relative link"])
    }

    func testInlineTagsInMarkdownBecomeEmphasisAndStayBalanced() {
        XCTAssertEqual(html("这是<b>重点</b>，也是<i>说明</i>。"), "<p>这是<strong>重点</strong>，也是<em>说明</em>。</p>\n")
        // Left open: closed with its paragraph. A stray end tag: ignored.
        XCTAssertEqual(html("未闭合<strong>粗体\n\n下一段</strong>正文"), "<p>未闭合<strong>粗体</strong></p>\n<p>下一段正文</p>\n")
        XCTAssertEqual(html("一<script>alert(1)</script>二 <span onmouseover=\"x()\">三</span>"), "<p>一二 三</p>\n")
        XCTAssertEqual(Markdown.rawHTMLRemovals("一<script>alert(1)</script>二 <span onmouseover=\"x()\">三</span>"),
                       ["<script>", "onmouseover= (script)", "<span>"])
        XCTAssertEqual(html("[Markdown 链接](https://a.example/) 与 <a href=\"https://b.example/\">HTML 链接</a>"),
                       "<p><a href=\"https://a.example/\">Markdown 链接</a> 与 <a href=\"https://b.example/\">HTML 链接</a></p>\n")
    }

    func testMarkdownWithoutHTMLIsUntouched() {
        XCTAssertEqual(Markdown.rawHTMLRemovals("## 标题\n\n- 一\n- 二\n\n1 < 2 且 3 > 2"), [])
        XCTAssertEqual(html("1 < 2 且 3 > 2"), "<p>1 &lt; 2 且 3 &gt; 2</p>\n")
    }

    func testTheBuildWarnsOnceWithWhatWasRemoved() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/html.md", "---\nid: H-1\ntitle: 网页描述\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n"
            + "<p>说明<script>alert(1)</script></p><ul><li>一</li></ul>\n")
        try portal.write("Content/datasets/notes.md", "---\nid: H-2\ntitle: JKAN 描述\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n"
            + "notes: \"<p>JKAN 的 <b>说明</b></p>\"\n---\n")
        let report = portal.build()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/html.md:9:1: warning: raw HTML in the description was reduced to safe structure; removed: <script>",
        ])
        let page = try portal.read("datasets/html/index.html")
        XCTAssertTrue(page.contains("<li>一</li>"), page)
        XCTAssertFalse(page.contains("alert(1)"))
        XCTAssertTrue(try portal.read("datasets/notes/index.html").contains("JKAN 的 <strong>说明</strong>"))
        // data.json's description is the text, not the title (as it was when the HTML was dropped).
        XCTAssertTrue(try portal.read("data.json").contains("JKAN 的 说明"))
    }
}
