import Foundation
import XCTest
@testable import KaifangKit

/// A site-root link in Markdown (`/pages/about/`) is made relative to each
/// page that shows the text, at whatever depth: a department's description
/// is shown on its first page and on `organizations/<slug>/page/<n>/`.
final class LinksAtEveryDepthTests: XCTestCase {
    func testRelocatableHTMLTakesEachPagesWayToTheRoot() {
        let (html, rendered) = Markdown.renderRelocatable("见[关于](/pages/about/)和[外部](https://example.gov.cn/)。\n\n![图](/assets/logo.svg)")
        XCTAssertEqual(html.html(root: "../../"),
                       "<p>见<a href=\"../../pages/about/\">关于</a>和<a href=\"https://example.gov.cn/\">外部</a>。</p>\n"
                           + "<p><img src=\"../../assets/logo.svg\" alt=\"图\" /></p>\n")
        XCTAssertTrue(html.html(root: "../../../../").contains("href=\"../../../../pages/about/\""))
        XCTAssertTrue(html.html(root: "").contains("href=\"pages/about/\""))
        XCTAssertEqual(rendered.plainText, "见关于和外部。\n图")
        XCTAssertEqual(Markdown.renderRelocatable("没有链接").html.html(root: "../"), "<p>没有链接</p>\n")
    }

    /// The HTML is cut at the marker on its bytes; the pieces are Foundation's,
    /// with markers at either end, side by side, half written, beside Chinese.
    func testTheHTMLIsCutWhereFoundationWouldCutIt() {
        let marker = Markdown.encodedRootMarker
        let pieces = [marker, marker, "%01kaifang", "-root%01", "%", "中文", "a", "😀", "%01kaifang-root", "\n"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Markdown.cut(text, at: marker), text.components(separatedBy: marker), text)
        }
    }

    func testADepartmentsDescriptionLinksRightOnItsLaterPages() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/organizations/jtt.md", """
            ---
            name: 测试交通运输厅
            ---
            负责交通数据，见[关于本平台](/pages/about/)。
            """)
        for index in 0..<4 {
            try portal.write("Content/datasets/road-\(index).md", """
                ---
                id: 370000-JTT-20000\(index)
                title: 道路数据\(index)
                organization: jtt
                themes: [transport]
                open_type: open
                issued: 2024-04-0\(index + 1)
                ---
                说明，见[关于](/pages/about/)。
                """)
        }
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        for page in ["organizations/jtt/index.html", "organizations/jtt/page/2/index.html", "organizations/jtt/page/3/index.html",
                     "datasets/road-0/index.html", "pages/about/index.html"] {
            let html = try portal.read(page)
            let links = html.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
                .filter { $0.hasSuffix("pages/about/") && !$0.hasPrefix("http") }
            XCTAssertFalse(links.isEmpty, "no link to the about page on \(page)")
            for link in links {
                let resolved = URL(fileURLWithPath: page, relativeTo: portal.output).deletingLastPathComponent()
                    .appendingPathComponent(String(link)).appendingPathComponent("index.html").standardizedFileURL
                XCTAssertEqual(resolved.path, portal.output.appendingPathComponent("pages/about/index.html").path, "\(link) on \(page)")
            }
        }
    }
}
