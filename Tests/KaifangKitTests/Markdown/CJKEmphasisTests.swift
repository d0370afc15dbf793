import XCTest
@testable import KaifangKit

/// Emphasis next to Chinese punctuation (the CJK-friendly amendment), on top
/// of libcmark's CommonMark, which must stay unchanged for other text.
final class CJKEmphasisTests: XCTestCase {
    func html(_ markdown: String) -> String {
        Markdown.render(markdown).html.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testStrongNextToFullWidthPunctuationRenders() {
        XCTAssertEqual(html("**粗体**：说明"), "<p><strong>粗体</strong>：说明</p>")
        XCTAssertEqual(html("**重要。**下一句"), "<p><strong>重要。</strong>下一句</p>")
        XCTAssertEqual(html("这是**“引号”**吗"), "<p>这是<strong>“引号”</strong>吗</p>")
        XCTAssertEqual(html("注意**（必填）**字段"), "<p>注意<strong>（必填）</strong>字段</p>")
        XCTAssertEqual(html("- **线路名称：**公交线路名称"), "<ul>\n<li><strong>线路名称：</strong>公交线路名称</li>\n</ul>")
    }

    func testSingleAsteriskEmphasisAndSeveralPairs() {
        XCTAssertEqual(html("这是*“强调”*吗"), "<p>这是<em>“强调”</em>吗</p>")
        XCTAssertEqual(html("请**“注意”**，再看*“说明”*吧"), "<p>请<strong>“注意”</strong>，再看<em>“说明”</em>吧</p>")
        // Where CommonMark itself already pairs the asterisks (here `*和*`), its
        // pairing stands: the pass only works on what libcmark left as text.
        XCTAssertEqual(html("**“甲”**和*“乙”*。"), "<p>**“甲”*<em>和</em>“乙”*。</p>")
    }

    func testTextWithoutCJKIsPlainCommonMark() {
        // CommonMark leaves these literal; so must the pass.
        XCTAssertEqual(html("a**\"b\"**c"), "<p>a**&quot;b&quot;**c</p>")
        XCTAssertEqual(html("2 * 3 * 4"), "<p>2 * 3 * 4</p>")
        XCTAssertEqual(html("**bold** text"), "<p><strong>bold</strong> text</p>")
    }

    func testEscapedAsterisksNeverBecomeEmphasis() {
        XCTAssertEqual(html("这是\\*\\*“引号”\\*\\*吗"), "<p>这是**“引号”**吗</p>")
        XCTAssertEqual(html("这是&#42;&#42;“引号”&#42;&#42;吗"), "<p>这是**“引号”**吗</p>")
        XCTAssertEqual(html("`这是**“代码”**吗` \\* 星号"), "<p><code>这是**“代码”**吗</code> * 星号</p>")
        XCTAssertEqual(html("`\\*`"), "<p><code>\\*</code></p>")
        XCTAssertEqual(html("    **“缩进代码”**。\\*"), "<pre><code>**“缩进代码”**。\\*\n</code></pre>")
    }

    func testUnpairedAsterisksStayLiteral() {
        XCTAssertEqual(html("只有一个**“开头"), "<p>只有一个**“开头</p>")
        XCTAssertEqual(html("三个***“星号”***吗"), "<p>三个***“星号”***吗</p>")
    }

    func testPlainTextCarriesNoAsterisks() {
        XCTAssertEqual(Markdown.render("这是**“引号”**吗").plainText, "这是“引号”吗")
    }

    func testALiteralPlaceholderCharacterSkipsThePass() {
        XCTAssertEqual(html("\u{E000}这是**“引号”**吗"), "<p>\u{E000}这是**“引号”**吗</p>")
        // Also when a combining mark makes it part of a larger character: it is never turned into `*`.
        XCTAssertEqual(html("\u{E000}\u{301}这是\\*号"), "<p>\u{E000}\u{301}这是*号</p>")
    }
}
