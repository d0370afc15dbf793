import XCTest
@testable import KaifangKit

/// The one-pass composer must build exactly the tree the careful path
/// (YAMLGuard, then Yams) builds, and step aside for anything unusual.
final class YAMLEventComposerTests: XCTestCase {
    func describe(_ node: YAMLNode) -> String {
        let at = "@\(node.location.line):\(node.location.column)"
        switch node.value {
        case .null: return "null\(at)"
        case .scalar(let text, let quoted): return "\(quoted ? "q" : "p")\"\(text)\"\(at)"
        case .sequence(let items): return "[\(items.map(describe).joined(separator: ", "))]\(at)"
        case .mapping(let entries):
            return "{\(entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column): \(describe($0.value))" }.joined(separator: ", "))}\(at)"
        }
    }

    func testBuildsTheSameTreeAsTheCarefulPath() throws {
        let documents = [
            "",
            "# only a comment\n",
            "---\n",
            "title: 道路交通流量\nid: '11370000MB0000001'\nkeywords: [交通, \"流量\"]\nempty:\nnothing: ~\nnull_word: null\nquoted_null: 'null'\n",
            "resources:\n  - name: 2024\n    url: https://example.gov.cn/a.csv\n    schema:\n      - {name: x, type: integer}\n  - name: b\n",
            "description: |\n  第一行\n  第二行\nfolded: >\n  a\n  b\ntemporal:\n  start: 2020-01-01\n  end: \"2024\"\n",
            "key with spaces: value: not\n",
            "list:\n- a\n-\n- 'b'\n",
            "\"\": empty key\n",
            "- top\n- level\n",
            "plain scalar\n",
        ]
        for text in documents {
            let careful = YAMLReader.parseCarefully(text, file: "f.md", lineOffset: 1)
            let fast = YAMLEventComposer.compose(text, file: "f.md", lineOffset: 1, limits: YAMLLimits())
            switch careful {
            case .success(let node):
                let composed = try XCTUnwrap(fast, "the composer gave up on ordinary YAML: \(text)")
                XCTAssertEqual(describe(composed), describe(node), text)
            case .failure:
                XCTAssertNil(fast, text)
            }
        }
    }

    func testStepsAsideForWhatTheCarefulPathMustReport() {
        var tight = YAMLLimits()
        tight.listItems = 2
        tight.nesting = 2
        tight.values = 20
        tight.valueBytes = 8
        let unusual = [
            "a: &x 1\nb: *x\n",             // anchors and aliases
            "a: 1\na: 2\n",                 // a key written twice
            "? [a, b]\n: c\n",              // a key that is not text
            "~: x\n",                       // a null key
            "a: 1\n---\nb: 2\n",            // two documents
            "a: [1\n",                      // a syntax error
            "a:\n\t- b\n",                  // a tab
            "l: [1, 2, 3]\n",               // more items than allowed
            "a: {b: {c: 1}}\n",             // nested too deep
            "a: 123456789\n",               // a value too long
        ]
        for text in unusual {
            XCTAssertNil(YAMLEventComposer.compose(text, file: "f.md", lineOffset: 0, limits: tight), text)
        }
        // And through the reader, the careful path's diagnostics come out as before.
        guard case .failure(let duplicate) = YAMLReader.parse("a: 1\na: 2\n", file: "f.md") else { return XCTFail("a duplicate key was accepted") }
        XCTAssertEqual(duplicate.code, "yaml.duplicate-key")
        guard case .failure(let alias) = YAMLReader.parse("a: &x 1\nb: *x\n", file: "f.md") else { return XCTFail("an alias was accepted") }
        XCTAssertEqual(alias.code, "yaml.anchor")
    }
}
