import Foundation
import XCTest
@testable import KaifangKit

/// A broken site.yaml gives its own error, not hundreds of consequences;
/// its links are checked like content links; its `limits:` are checked.
final class SiteYAMLTests: XCTestCase {
    func testOneTabGivesOneError() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0.replacingOccurrences(of: "  name: 测试大数据局", with: "\tname: 测试大数据局") })
        }, ["Content/site.yaml:6:1: error: invalid YAML: found character that cannot start any token (while scanning for the next token at line 6)"])
    }

    func testSiteYAMLThatIsNotAMappingGivesOneError() throws {
        try assertPortalRefused({ try $0.write("Content/site.yaml", "- 测试开放平台\n") },
                                ["Content/site.yaml:1:1: error: site.yaml must be a set of `field: value` lines"])
    }

    func testBrokenThemesAreNotReportedAgainOnEveryDataset() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML {
                String($0[..<$0.range(of: "themes:")!.lowerBound]) + "themes: transport, credit\n"
            })
        }, ["Content/site.yaml:14:9: error: themes must be a list"])
    }

    func testAnInvalidResourceCodePatternIsOneError() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "resource_code_pattern: \"[0-9\"\n" })
        }, ["Content/site.yaml:1:1: error: resource_code_pattern is not a valid regular expression"])
    }

    func testLinksInSiteYAMLFollowTheContentRules() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML {
                $0.replacingOccurrences(of: "  name: 测试大数据局", with: "  name: 测试大数据局\n  homepage: javascript:alert(1)\n  email: not-mail")
                    .replacingOccurrences(of: "license: CC-BY-4.0", with: "license: data:text/html,x")
                    + "feedback:\n  email: \"a@b.cn?cc=x\"\n  issue_url: \"javascript:alert('{id}')\"\n"
            })
        }, [
            "Content/site.yaml:7:13: error: homepage \"javascript:alert(1)\" is not an http(s) URL",
            "Content/site.yaml:8:10: error: \"not-mail\" is not an e-mail address",
            "Content/site.yaml:9:10: error: unknown licence \"data:text/html,x\"",
            "Content/site.yaml:25:10: error: \"a@b.cn?cc=x\" is not an e-mail address",
            "Content/site.yaml:26:14: error: issue_url \"javascript:alert('{id}')\" is not an http(s) URL",
        ])
    }

    func testIssueURLPlaceholdersAreChecked() throws {
        for (template, message) in [
            ("https://x.example.gov.cn/f?d={id}&n={name}", "has an unknown placeholder \"{name}\""),
            ("https://x.example.gov.cn/f?d={id", "has an unmatched \"{\""),
            ("https://x.example.gov.cn/f?d=id}", "has an unmatched \"}\""),
            ("https://x.example.gov.cn/f?d={{id}}", "has an unknown placeholder \"{{id}\""),
        ] {
            let (_, report, unchanged) = try rebuildPortal { portal in
                try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "feedback:\n  issue_url: \"\(template)\"\n" })
            }
            XCTAssertEqual(PortalFixture.lines(report), ["Content/site.yaml:23:14: error: issue_url \"\(template)\" \(message)"])
            XCTAssertEqual(report.diagnostics.first?.hint, "allowed placeholders: {id}, {url}, {title}".replacingOccurrences(
                of: "allowed placeholders", with: message.contains("unmatched") ? "braces may only surround a placeholder" : "allowed placeholders"))
            XCTAssertTrue(unchanged)
        }
        let (portal, report, _) = try rebuildPortal { portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "feedback:\n  issue_url: \"https://x.example.gov.cn/f?d={id}&t={title}&u={url}\"\n" })
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(try portal.read("datasets/bus-stops/index.html").contains("https://x.example.gov.cn/f?d=370000-JTT-000001&amp;t="))
    }

    func testLimitsAreChecked() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "limits:\n  list_items: -1\n  nesting: many\n  keywrods: 10\n" })
        }, [
            "Content/site.yaml:23:15: error: limits.list_items must be a whole number from 10 to 100000000",
            "Content/site.yaml:24:12: error: limits.nesting must be a whole number from 4 to 200",
            "Content/site.yaml:25:3: error: unknown limit \"keywrods\"",
        ])
    }

    func testSiteYAMLThatCannotBeReadGivesOneError() throws {
        try assertPortalRefused({ portal in
            let site = portal.root.appendingPathComponent("Content/site.yaml")
            try FileManager.default.removeItem(at: site)
            try FileManager.default.createDirectory(at: site, withIntermediateDirectories: false)
        }, ["Content/site.yaml:1:1: error: site.yaml cannot be read: it is a folder, not a file"])
    }

    func testAMissingSiteYAMLGivesOneError() throws {
        try assertPortalRefused({ try FileManager.default.removeItem(at: $0.root.appendingPathComponent("Content/site.yaml")) },
                                ["Content/site.yaml:1:1: error: site.yaml is missing"])
    }
}
