import XCTest
@testable import KaifangKit

final class TemplateSetTests: XCTestCase {
    func testATemplateSyntaxErrorIsReportedWithItsFileAndLine() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Templates/page.mustache", "{{<layout}}\n{{$content}}\n<h1>{{#page}}{{title}}</h1>\n{{/content}}\n{{/layout}}\n")
        let report = portal.check()
        XCTAssertFalse(report.succeeded)
        let diagnostic = try XCTUnwrap(report.diagnostics.first { $0.code == "templates.syntax" })
        XCTAssertEqual(diagnostic.location.file, "Templates/page.mustache")
        XCTAssertEqual(diagnostic.location.line, 4)
    }

    func testAMissingTemplateIsAnErrorNotAnEmptyPage() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try FileManager.default.removeItem(at: portal.root.appendingPathComponent("Templates/dataset.mustache"))
        XCTAssertEqual(PortalFixture.lines(portal.check()), ["Templates/dataset.mustache:1:1: error: the template dataset.mustache is missing"])
    }

    func testAMissingStringsFileForTheLanguageIsAnError() throws {
        let portal = try PortalFixture(PortalFixture.minimal.replacingOccurrences(of: "language: zh-CN", with: "language: fr"))
        XCTAssertEqual(PortalFixture.lines(portal.check()), ["Templates/i18n/fr.yaml:1:1: error: no interface strings for the language \"fr\""])
    }

    func testInliningEscapesValuesAndNeverCreatesTags() {
        let text = TemplateSet.inline(["site.title": "<b>{{x}}</b> & \"q\"", "root": "../"],
                                      into: "<a href=\"{{root}}\">{{ site.title }}</a>{{#list}}{{root}}{{/list}}{{{site.title}}}{{other}}")
        XCTAssertEqual(text, "<a href=\"../\">&lt;b&gt;&#123;&#123;x&#125;&#125;&lt;/b&gt; &amp; &quot;q&quot;</a>{{#list}}../{{/list}}{{{site.title}}}{{other}}")
    }
}
