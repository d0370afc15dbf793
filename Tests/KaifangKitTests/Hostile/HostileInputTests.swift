import XCTest
@testable import KaifangKit

/// The hostile-input corpus: one small case per way a clerk's mistake or an
/// attacker's input could hurt the portal. Each case starts from a portal
/// that built, changes it, and asserts the exact diagnostics; a case that
/// must fail also proves the previous site is byte-for-byte unchanged.
final class HostileInputTests: XCTestCase {
    /// Builds the minimal portal, applies `change`, builds again.
    private func rebuild(_ change: (PortalFixture) throws -> Void) throws -> (PortalFixture, BuildReport, unchanged: Bool) {
        let portal = try PortalFixture(PortalFixture.minimal)
        let first = portal.build()
        XCTAssertTrue(first.succeeded, PortalFixture.lines(first).joined(separator: "\n"))
        let before = try portal.snapshot()
        try change(portal)
        let report = portal.build()
        return (portal, report, try portal.snapshot() == before)
    }

    /// Asserts the build failed with exactly these lines and left the site alone.
    private func assertRefused(_ change: (PortalFixture) throws -> Void, _ expected: [String],
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let (_, report, unchanged) = try rebuild(change)
        XCTAssertFalse(report.succeeded, file: file, line: line)
        XCTAssertEqual(PortalFixture.lines(report), expected, file: file, line: line)
        XCTAssertTrue(unchanged, "the previous site must be untouched", file: file, line: line)
    }

    private func dataset(_ frontMatter: String, body: String = "正文") -> String {
        "---\n\(frontMatter)\n---\n\(body)\n"
    }

    // MARK: Script in every field

    func testScriptTagsAndJavascriptLinksInEveryFieldAreInert() throws {
        let evil = "<script>alert(1)</script>"
        let (portal, report, _) = try rebuild { portal in
            try portal.write("Content/datasets/evil.md", dataset("""
                id: "EVIL-1\(evil)"
                title: "标题\(evil)<img src=x onerror=alert(1)>"
                organization: jtt
                themes: [transport]
                keywords: ["\(evil)", "\\"><svg onload=alert(1)>"]
                open_type: open
                issued: 2024-05-05
                spatial: "\(evil)"
                contact:
                  name: "\(evil)"
                  email: "a@example.gov.cn"
                resources:
                  - name: "文件\(evil)"
                    format: "CSV\(evil)"
                    url: "https://files.example.gov.cn/x.csv?a='onmouseover='alert(1)"
                    description: "\(evil)"
                """, body: "\(evil)\n\n[点我](javascript:alert(1))\n\n<iframe src=\"https://evil.example/\"></iframe>"))
        }
        XCTAssertFalse(report.diagnostics.contains { $0.severity == .error }, PortalFixture.lines(report).joined(separator: "\n"))
        for file in portal.outputFiles() where file.hasSuffix(".html") {
            // Inside the JSON-LD block values are JSON strings with `<` escaped: inert there.
            let html = try portal.read(file).replacingOccurrences(
                of: "<script type=\"application/ld\\+json\">[^<]*</script>", with: "", options: .regularExpression)
            XCTAssertFalse(html.contains("<script>alert"), "script tag in \(file)")
            XCTAssertFalse(html.contains("<img src=x"), "raw img in \(file)")
            XCTAssertFalse(html.contains("<svg onload"), "raw svg in \(file)")
            XCTAssertFalse(html.contains("javascript:"), "javascript: link in \(file)")
            XCTAssertFalse(html.contains("<iframe"), "iframe in \(file)")
            XCTAssertFalse(html.contains("'onmouseover"), "attribute breakout in \(file)")
        }
        XCTAssertTrue(try portal.read("datasets/evil/index.html").contains("标题&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    func testURLsThatCouldBreakOutOfAnAttributeArePublishedOnlyPercentEncoded() throws {
        let (portal, report, _) = try rebuild { try $0.write("Content/datasets/breakout.md", dataset("""
            id: X-1
            title: 越狱
            organization: jtt
            themes: [transport]
            open_type: open
            issued: 2024-05-05
            resources:
              - name: 文件
                format: CSV
                url: "https://files.example.gov.cn/x.csv?a=\\"><script>alert(1)</script>"
            """)) }
        XCTAssertEqual(PortalFixture.lines(report).filter { $0.contains("breakout") }, [
            "Content/datasets/breakout.md:11:10: warning: url \"https://files.example.gov.cn/x.csv?a=\"><script>alert(1)</script>\" is published as "
                + "https://files.example.gov.cn/x.csv?a=%22%3E%3Cscript%3Ealert(1)%3C/script%3E: spaces and characters such as <> \" { } | were percent-encoded",
        ])
        for (file, data) in try portal.snapshot() {
            let text = String(decoding: data, as: UTF8.self)
            XCTAssertFalse(text.contains("<script>alert(1)"), "the URL's markup reached \(file) unencoded")
        }
        XCTAssertTrue(try portal.read("datasets/breakout/index.html").contains("x.csv?a=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"))
    }

    // MARK: Paths

    func testPathTraversalIsRefused() throws {
        try assertRefused({ try $0.write("Content/datasets/traversal.md", dataset(traversal("../../../etc/passwd"))) },
                          ["Content/datasets/traversal.md:10:11: error: path \"../../../etc/passwd\" leaves Content/data/"])
    }

    func testAbsolutePathIsRefused() throws {
        try assertRefused({ try $0.write("Content/datasets/traversal.md", dataset(traversal("/etc/passwd"))) },
                          ["Content/datasets/traversal.md:10:11: error: path \"/etc/passwd\" must be relative to Content/data/"])
    }

    func testSymlinkLeadingOutOfTheDataFolderIsRefused() throws {
        try assertRefused({ portal in
            try "秘密\n".write(to: portal.root.appendingPathComponent("outside.csv"), atomically: true, encoding: .utf8)
            try FileManager.default.createSymbolicLink(atPath: portal.root.appendingPathComponent("Content/data/link.csv").path,
                                                       withDestinationPath: portal.root.appendingPathComponent("outside.csv").path)
            try portal.write("Content/datasets/traversal.md", dataset(traversal("link.csv")))
        }, ["Content/datasets/traversal.md:10:11: error: path \"link.csv\" is a link that leads outside Content/data/"])
    }

    func testMissingFileAndFolderAreRefused() throws {
        try assertRefused({ try $0.write("Content/datasets/traversal.md", dataset(traversal("jtt/nope.csv"))) },
                          ["Content/datasets/traversal.md:10:11: error: no file Content/data/jtt/nope.csv"])
        try assertRefused({ try $0.write("Content/datasets/traversal.md", dataset(traversal("jtt"))) },
                          ["Content/datasets/traversal.md:10:11: error: path \"jtt\" is a folder, not a file"])
    }

    private func traversal(_ path: String) -> String {
        """
        id: T-1
        title: 越界
        organization: jtt
        open_type: open
        issued: 2024-01-01
        resources:
          - name: 文件
            format: CSV
            path: \(path)
        """
    }

    // MARK: Identity, collisions

    func testDuplicateIDsAreRefused() throws {
        try assertRefused({ try $0.write("Content/datasets/twin.md", dataset("id: 370000-JTT-000001\ntitle: 双胞胎\norganization: jtt\nopen_type: open")) },
                          ["Content/datasets/twin.md:2:5: error: id \"370000-JTT-000001\" is used twice: by Content/datasets/bus-stops.md (line 2) and by this file"])
    }

    func testSlugsDifferingOnlyByCaseOrNormalisationCollide() throws {
        try assertRefused({ try $0.write("Content/datasets/Bus-Stops.md", dataset("id: C-1\ntitle: 大写\norganization: jtt\nopen_type: open")) },
                          ["Content/datasets/bus-stops.md:1:1: error: dataset \"bus-stops\" has the same address as \"Bus-Stops\" (Content/datasets/Bus-Stops.md)"])
        try assertRefused({ portal in
            try portal.write("Content/datasets/caf\u{E9}.md", dataset("id: C-2\ntitle: 组合\norganization: jtt\nopen_type: open"))
            try portal.write("Content/datasets/cafe\u{301}.md", dataset("id: C-3\ntitle: 分解\norganization: jtt\nopen_type: open"))
        }, ["Content/datasets/cafe\u{301}.md:1:1: error: dataset \"cafe\u{301}\" has the same address as \"caf\u{E9}\" (Content/datasets/caf\u{E9}.md)"])
    }

    // MARK: Broken files

    func testBrokenYAMLAndUnterminatedFrontMatter() throws {
        try assertRefused({ portal in
            try portal.write("Content/datasets/broken.md", "---\nid: B-1\ntitle: [未闭合\n---\n")
            try portal.write("Content/datasets/open-ended.md", "---\nid: B-2\ntitle: 没有结尾\n")
        }, [
            "Content/datasets/broken.md:4:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3)",
            "Content/datasets/open-ended.md:1:1: error: the front matter is not closed",
        ])
    }

    func testEmptyFileAndInvalidUTF8() throws {
        try assertRefused({ portal in
            try portal.write("Content/datasets/empty.md", data: Data())
            var bytes = Data("---\nid: U-1\ntitle: 乱码".utf8)
            bytes.append(contentsOf: [0xB9, 0xAB, 0xBD, 0xBB])   // 公交 in GBK
            bytes.append(Data("\n---\n".utf8))
            try portal.write("Content/datasets/gbk.md", data: bytes)
        }, [
            "Content/datasets/empty.md:1:1: error: the file is empty",
            "Content/datasets/gbk.md:3:10: error: the file is not valid UTF-8",
        ])
    }

    func testBOMAndCRLFAreFine() throws {
        let (portal, report, _) = try rebuild { portal in
            let text = "\u{FEFF}---\r\nid: W-1\r\ntitle: 视窗文件\r\norganization: jtt\r\nopen_type: open\r\nissued: 2024-04-04\r\n---\r\n正文\r\n"
            try portal.write("Content/datasets/windows.md", text)
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(try portal.read("datasets/windows/index.html").contains("<h1>视窗文件</h1>"))
    }

    func testBadDatesAndUnknownDepartment() throws {
        try assertRefused({ try $0.write("Content/datasets/dates.md", dataset("""
            id: D-1
            title: 日期
            organization: jiaotong
            open_type: open
            issued: 2024-06-01
            modified: 2024-05-01
            temporal:
              start: 2030-01-01
              end: 2020-01-01
            """)) }, [
            "Content/datasets/dates.md:4:15: error: unknown organization \"jiaotong\"",
            "Content/datasets/dates.md:7:11: error: modified (2024-05-01) is before issued (2024-06-01)",
            "Content/datasets/dates.md:10:8: error: the temporal coverage ends (2020-01-01) before it starts (2030-01-01)",
        ])
        try assertRefused({ try $0.write("Content/datasets/future.md", dataset("id: F-1\ntitle: 未来\norganization: jtt\nopen_type: open\nissued: 2031-01-01")) },
                          ["Content/datasets/future.md:6:9: error: the date 2031-01-01 is in the future"])
    }

    func testBadLicenceEmailAndURL() throws {
        try assertRefused({ try $0.write("Content/datasets/links.md", dataset("""
            id: L-1
            title: 链接
            organization: jtt
            open_type: open
            license: CC-BY-4
            contact:
              email: not-an-email
            resources:
              - name: 脚本
                format: HTML
                url: javascript:alert(1)
            """)) }, [
            "Content/datasets/links.md:6:10: error: unknown licence \"CC-BY-4\"",
            "Content/datasets/links.md:8:10: error: \"not-an-email\" is not an e-mail address",
            "Content/datasets/links.md:12:10: error: url \"javascript:alert(1)\" cannot be published: javascript: addresses are never published; only http, https, ftp",
        ])
    }

    // MARK: Personal data

    func testIdentityAndMobileNumbersStopTheBuildAndMaskedValuesPass() throws {
        try assertRefused({ portal in
            try portal.write("Content/data/jtt/stops.csv", "站点名称,经度,联系人身份证,联系电话\n市民中心,117.12,11010519491231002X,13912345678\n")
        }, [
            "Content/data/jtt/stops.csv:2:3: error: personal data: a resident identity number (110105********002X) in column 联系人身份证",
            "Content/data/jtt/stops.csv:2:4: error: personal data: a mobile number (139****5678) in column 联系电话",
        ])
        let (_, report, _) = try rebuild { portal in
            try portal.write("Content/data/jtt/stops.csv", "站点名称,经度,联系人身份证,联系电话\n市民中心,117.12,110105********002X,139****5678\n")
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
    }

    func testConditionalFilesAreNotScannedBecauseTheyAreNeverPublished() throws {
        let (portal, report, _) = try rebuild { portal in
            try portal.write("Content/data/xyzx/list.csv", "单位名称,联系电话\n某公司,13912345678\n")
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertFalse(portal.exists("data/xyzx/list.csv"))
    }

    // MARK: Leaks and spreadsheets

    func testClosedAndConditionalDataNeverLeak() throws {
        let (portal, report, _) = try rebuild { _ in }
        XCTAssertTrue(report.succeeded)
        for file in portal.outputFiles() {
            let text = String(decoding: try Data(contentsOf: portal.output.appendingPathComponent(file)), as: UTF8.self)
            XCTAssertFalse(text.contains("绝密布点登记簿") || text.contains("370000-XYZX-999999"), "closed dataset in \(file)")
            XCTAssertFalse(text.contains("xyzx/list.csv"), "conditional file URL in \(file)")
        }
    }

    func testFormulaLookingTitlesAreEscapedInPages() throws {
        let (portal, report, _) = try rebuild { portal in
            try portal.write("Content/datasets/formula.md", dataset("id: \"=1+1\"\ntitle: \"=HYPERLINK(\\\"http://evil.example\\\")\"\norganization: jtt\nopen_type: open\nissued: 2024-01-02"))
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(try portal.read("datasets/formula/index.html").contains("=HYPERLINK(&quot;http://evil.example&quot;)"))
    }

    // MARK: Output folder

    func testOutputFolderMayNotBeTheContentFolder() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        var options = portal.options
        options.output = options.content
        let report = Build.build(options)
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.diagnostics.map(\.code), ["output.refused"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: options.content.appendingPathComponent("site.yaml").path))
    }

    func testNonEmptyFolderKaifangDidNotMakeIsNotReplaced() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("_site/notes.txt", "我的笔记")
        let report = portal.build()
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(try portal.read("notes.txt"), "我的笔记")
    }
}
