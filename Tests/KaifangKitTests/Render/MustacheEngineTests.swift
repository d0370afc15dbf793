import XCTest
@testable import KaifangKit

final class MustacheEngineTests: XCTestCase {
    func render(_ template: String, _ view: MustacheValue, partials: [String: String] = [:]) throws -> String {
        var library = MustacheLibrary()
        library.templates["main"] = try MustacheParser.parse(template)
        for (name, text) in partials { library.templates[name] = try MustacheParser.parse(text) }
        return String(decoding: library.render("main", view), as: UTF8.self)
    }

    func syntaxError(_ template: String) -> MustacheParser.SyntaxError? {
        do {
            _ = try MustacheParser.parse(template)
            return nil
        } catch {
            return error
        }
    }

    func testVariablesAreEscapedUnlessTripleOrAmpersand() throws {
        let view: MustacheValue = ["x": "<a href=\"q\">Tom & Jerry's</a>"]
        XCTAssertEqual(try render("{{x}}", view), "&lt;a href=&quot;q&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        XCTAssertEqual(try render("{{{x}}}|{{& x }}", view), "<a href=\"q\">Tom & Jerry's</a>|<a href=\"q\">Tom & Jerry's</a>")
    }

    func testEscapingIsByteWiseSoACombiningMarkCannotHideAQuote() throws {
        // "\"\u{338}" is one Swift Character, not equal to "\"": a character-wise escaper let it through.
        XCTAssertEqual(try render("<a title=\"{{x}}\">", ["x": "\"\u{338} onmouseover=alert(1)"]),
                       "<a title=\"&quot;\u{338} onmouseover=alert(1)\">")
    }

    func testNumbersBooleansAndMissingNames() throws {
        XCTAssertEqual(try render("{{n}} {{d}} {{b}} [{{missing}}] [{{list}}]", ["n": 42, "d": .double(1.5), "b": true, "list": ["a"]]),
                       "42 1.5 true [] []")
    }

    func testSectionsRepeatOverListsAndShowOtherPresentValues() throws {
        let view: MustacheValue = ["items": [["name": "a"], ["name": "b"]], "flag": true, "off": false, "empty": [], "text": ""]
        XCTAssertEqual(try render("{{#items}}<{{name}}>{{/items}}", view), "<a><b>")
        XCTAssertEqual(try render("{{#flag}}yes{{/flag}}{{#off}}no{{/off}}{{#empty}}no{{/empty}}{{#missing}}no{{/missing}}", view), "yes")
        // An empty string is a value: the section shows (as in swift-mustache).
        XCTAssertEqual(try render("{{#text}}shown{{/text}}", view), "shown")
    }

    func testInvertedSectionsShowForFalseEmptyAndMissing() throws {
        let view: MustacheValue = ["off": false, "empty": [], "on": true, "items": [1]]
        XCTAssertEqual(try render("{{^off}}a{{/off}}{{^empty}}b{{/empty}}{{^missing}}c{{/missing}}{{^on}}x{{/on}}{{^items}}x{{/items}}", view), "abc")
    }

    func testNamesClimbToEnclosingValuesAndDottedNamesDoNot() throws {
        let view: MustacheValue = ["root": "../", "t": ["nav": ["home": "首页"]], "themes": [["title": "交通"]], "site": ["title": "S"]]
        XCTAssertEqual(try render("{{#themes}}{{root}}{{title}} {{t.nav.home}}{{/themes}}", view), "../交通 首页")
        // A dotted name's later parts are looked up only inside its first part.
        XCTAssertEqual(try render("{{#site}}{{site.root}}|{{.title}}|{{title}}{{/site}}", view), "|S|S")
        XCTAssertEqual(try render("{{#themes}}{{.root}}{{/themes}}", view), "")
        XCTAssertEqual(try render("{{#list}}[{{.}}]{{/list}}", ["list": .strings(["x", "<y>"])]), "[x][&lt;y&gt;]")
    }

    func testStandaloneTagsTakeTheirLineWithThem() throws {
        let template = "<ul>\n  {{#items}}\n  <li>{{.}}</li>\n  {{/items}}\n  {{! a comment }}\n</ul>\n"
        XCTAssertEqual(try render(template, ["items": .strings(["a", "b"])]), "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        // Not alone on its line: the spaces and the line stay.
        XCTAssertEqual(try render("  {{#f}}x{{/f}}\n", ["f": true]), "  x\n")
    }

    func testAStandalonePartialIsIndentedLikeItsTag() throws {
        let output = try render("<div>\n  {{>row}}\n</div>\n", ["a": "1", "b": "2"], partials: ["row": "<p>{{a}}</p>\n<p>{{b}}</p>\n"])
        XCTAssertEqual(output, "<div>\n  <p>1</p>\n  <p>2</p>\n</div>\n")
    }

    func testTemplateInheritanceReplacesBlocksAndKeepsDefaults() throws {
        let layout = "<title>{{$title}}Default{{/title}}</title>\n<main>\n{{$content}}{{/content}}\n</main>\n{{$scripts}}<script></script>{{/scripts}}\n"
        let page = "{{<layout}}\n{{$title}}{{name}}{{/title}}\n{{$content}}\n<h1>{{name}}</h1>\n{{/content}}\n{{/layout}}\n"
        XCTAssertEqual(try render(page, ["name": "A&B"], partials: ["layout": layout]),
                       "<title>A&amp;B</title>\n<main>\n<h1>A&amp;B</h1>\n\n</main>\n<script></script>\n")
    }

    func testSetDelimiters() throws {
        XCTAssertEqual(try render("{{=<% %>=}}<% x %> {{x}}", ["x": "1"]), "1 {{x}}")
    }

    func testMalformedTemplatesAreErrorsWithLineAndColumn() throws {
        let unclosed = try XCTUnwrap(syntaxError("<p>\n{{#items}}\n<li>{{name}}</li>\n"))
        XCTAssertEqual(unclosed.message, "{{#items}} is opened but never closed")
        XCTAssertEqual(unclosed.line, 4)

        let mismatched = try XCTUnwrap(syntaxError("<p>\n  {{#a}}x{{/b}}\n"))
        XCTAssertEqual(mismatched.message, "{{/b}} closes a section, but the open one is {{#a}}")
        XCTAssertEqual(mismatched.line, 2)
        XCTAssertEqual(mismatched.column, 13)
        XCTAssertEqual(mismatched.lineText, "  {{#a}}x{{/b}}")

        let open = try XCTUnwrap(syntaxError("a\nb {{name x}}\n"))
        XCTAssertEqual(open.message, "a tag is not closed with }}")
        XCTAssertEqual(open.line, 2)

        XCTAssertEqual(syntaxError("{{upper(name)}}")?.message, "transforms ({{name(value)}}) are not supported")
        XCTAssertEqual(syntaxError("{{>*dynamic}}")?.message, "dynamic partials ({{>*name}}) are not supported")
        XCTAssertEqual(syntaxError("{{<layout}}{{#x}}{{/x}}{{/layout}}")?.message,
                       "inside {{<layout}} only blocks ({{$name}}…{{/name}}) and text may appear")
    }

    func testATemplateErrorNamesTheFileLineAndColumn() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Templates/page.mustache", "{{<layout}}\n{{$content}}\n  <h1>{{#page}}{{title}}</h1>\n{{/content}}\n{{/layout}}\n")
        let diagnostic = try XCTUnwrap(portal.check().diagnostics.first { $0.code == "templates.syntax" })
        XCTAssertEqual(diagnostic.location.file, "Templates/page.mustache")
        XCTAssertEqual(diagnostic.location.line, 4)
        XCTAssertEqual(diagnostic.location.column, 4)
        XCTAssertEqual(diagnostic.message, "template syntax: {{/content}} closes a section, but the open one is {{#page}}")
    }

    func testAMissingPartialIsAnErrorAtLoad() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Templates/page.mustache", "{{<layout}}\n{{$content}}\n{{>partials/nowhere}}\n{{/content}}\n{{/layout}}\n")
        let diagnostic = try XCTUnwrap(portal.check().diagnostics.first { $0.code == "templates.missing" })
        XCTAssertEqual(diagnostic.location.file, "Templates/page.mustache")
        XCTAssertEqual(diagnostic.message, "the template page.mustache uses the partial partials/nowhere, which does not exist")
    }
}
