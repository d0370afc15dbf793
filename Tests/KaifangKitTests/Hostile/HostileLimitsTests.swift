import Foundation
import XCTest
@testable import KaifangKit

/// Hostile content cannot take the machine down: YAML anchors and aliases
/// are refused before anything is expanded, hard limits (file, value, list,
/// nesting) are errors, and oversized but legal content is a warning that
/// gives its size.
final class HostileLimitsTests: XCTestCase {
    private func dataset(_ extra: String, body: String = "正文") -> String {
        "---\nid: H-1\ntitle: 炸弹\norganization: jtt\nopen_type: open\nissued: 2024-01-01\n\(extra)\n---\n\(body)\n"
    }

    /// The classic billion laughs: `levels` lists of nine, each made of nine aliases of the one before.
    static func laughs(levels: Int) -> String {
        var text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<levels {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text
    }

    func testBillionLaughsIsRefusedAtTheFirstAnchor() throws {
        // Six levels (531,441 values once expanded) keep this test memory-safe on code without the guard.
        try assertPortalRefused({ try $0.write("Content/datasets/bomb.md", dataset(Self.laughs(levels: 6))) },
                                ["Content/datasets/bomb.md:7:5: error: YAML anchors (&a0) are not allowed"])
    }

    func testTheFullSizeBombCostsNothing() throws {
        // Nine levels: 3.8 KB that expand to 387 million values. The guard sees only events, one at a time.
        let bomb = Self.laughs(levels: 9) + "a9: &a9 [" + Array(repeating: "*a8", count: 9).joined(separator: ", ") + "]\n"
        XCTAssertLessThan(bomb.utf8.count, 4_000)
        // Expanded, this would not finish; refused, it is one error (no timing asserted: the benchmark shows speed).
        let refused = YAMLGuard.check(bomb, file: "bomb.yaml", lineOffset: 0, limits: YAMLLimits())
        XCTAssertEqual(refused?.code, "yaml.anchor")
        // Without its anchors the same aliases are refused as aliases, before Yams resolves them.
        let aliasesOnly = bomb.replacingOccurrences(of: #"&a\d "#, with: "", options: .regularExpression)
        guard case .failure(let diagnostic) = YAMLReader.parse(aliasesOnly, file: "bomb.yaml") else { return XCTFail("accepted") }
        XCTAssertEqual("\(diagnostic.location): \(diagnostic.message) [\(diagnostic.code)]",
                       "bomb.yaml:2:6: YAML aliases (*a0) are not allowed [yaml.alias]")
    }

    func testAliasesAndMergeKeysAreRefusedWherever() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/datasets/alias.md", dataset("contact: *someone"))
            try portal.write("Content/organizations/merge.md", "---\nbase: &base {name: 测试}\n<<: *base\n---\n部门\n")
            try portal.write("Content/pages/key.md", "---\ntitle: 页面\n? *k\n: v\n---\n正文\n")
        }, [
            "Content/datasets/alias.md:7:10: error: YAML aliases (*someone) are not allowed",
            "Content/organizations/merge.md:2:7: error: YAML anchors (&base) are not allowed",
            "Content/pages/key.md:3:3: error: YAML aliases (*k) are not allowed",
        ])
    }

    func testNestingDeeperThanTheLimitIsAnError() throws {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        try assertPortalRefused({ try $0.write("Content/datasets/deep.md", dataset("spatial: \(deep)")) },
                                ["Content/datasets/deep.md:7:41: error: lists and fields are nested more than 32 levels deep"])
    }

    func testSiteYAMLSetsTheHardLimits() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML {
                $0 + "limits:\n  list_items: 12\n  value_bytes: 1024\n  file_bytes: 4096\n"
            })
            let keywords = (1...13).map { "k\($0)" }.joined(separator: ", ")
            try portal.write("Content/datasets/many.md", dataset("keywords: [\(keywords)]"))
            try portal.write("Content/datasets/long.md", dataset("spatial: " + String(repeating: "长", count: 400)))
            try portal.write("Content/datasets/big.md", dataset("", body: String(repeating: "大文件。", count: 400)))
        }, [
            "Content/datasets/big.md:1:1: error: the file is 4885 bytes, more than the limit of 4096 bytes for one content file",
            "Content/datasets/long.md:7:10: error: this value is 1200 bytes, more than the limit of 1024 bytes",
            "Content/datasets/many.md:7:11: error: this list has more than 12 items",
        ])
    }

    func testTooManyValuesInOneFileIsAnError() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "limits:\n  values: 100\n" })
            let lists = (1...30).map { "x\($0): [a, b, c]" }.joined(separator: "\n")
            try portal.write("Content/datasets/wide.md", dataset(lists))
        }, ["Content/datasets/wide.md:24:13: error: the YAML holds more than 100 values"])
    }

    func testOversizedButLegalContentIsAWarningWithItsSize() throws {
        let (_, report, _) = try rebuildPortal { portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "limits:\n  keywords: 5\n  resources: 1\n" })
            let keywords = (1...8).map { "k\($0)" }.joined(separator: ", ")
            let resources = "resources:\n" + (1...2).map { "  - {name: r\($0), format: API, url: \"https://api.example.gov.cn/\($0)\"}" }.joined(separator: "\n")
            try portal.write("Content/datasets/large.md", dataset("keywords: [\(keywords)]\n\(resources)",
                                                                  body: String(repeating: "很长的描述。", count: 20_000)))
            try portal.write("Content/pages/long.md", "---\ntitle: 长页面\n---\n" + String(repeating: "页", count: 100_000) + "\n")
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/large.md:7:11: warning: 8 keywords, more than the limit of 5",
            "Content/datasets/large.md:9:3: warning: 2 resources, more than the limit of 1",
            "Content/datasets/large.md:12:1: warning: the description is 352 KiB, more than the limit of 256 KiB",
            "Content/pages/long.md:4:1: warning: the description is 293 KiB, more than the limit of 256 KiB",
        ])
    }

    func testATwentyMegabyteDescriptionAndAMillionKeywordsAreWarningsAtTheDefaults() throws {
        let portal = try temporaryPortal()
        try portal.write("Content/datasets/huge.md", dataset("", body: String(repeating: "二十兆的描述。\n", count: 20 * 1024 * 1024 / 22)))
        var keywords = "keywords:\n"
        keywords.reserveCapacity(12_000_000)
        for index in 0..<1_000_000 { keywords += "  - k\(index)\n" }
        try portal.write("Content/datasets/keywords.md", dataset(keywords).replacingOccurrences(of: "id: H-1", with: "id: H-2"))
        let report = portal.check()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/datasets/huge.md:9:1: warning: the description is 20 MiB, more than the limit of 256 KiB",
            "Content/datasets/keywords.md:8:3: warning: 1000000 keywords, more than the limit of 100",
        ])
    }

    func testCatalogCSVHasItsOwnLimit() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "limits:\n  catalog_bytes: 1024\n" })
            try portal.write("Content/catalog.csv", "id,title,organization,open_type\n" + (1...40).map { "C-\($0),目录行\($0),jtt,open" }.joined(separator: "\n") + "\n")
        }, ["Content/catalog.csv:1:1: error: the file is 1054 bytes, more than the limit of 1024 bytes"])
    }

    func testAHugeUnknownFieldOrValueIsNotComparedLetterByLetter() throws {
        let portal = try temporaryPortal()
        let huge = String(repeating: "x", count: 2_000_000)
        try portal.write("Content/datasets/huge-key.md", "---\nid: K-1\ntitle: 大键\norganization: \(huge)\nopen_type: open\n? \(huge)\n: 1\n---\n正文\n")
        // Speed is the benchmark's to show, not a timed test's (a loaded CI machine made this flaky);
        // Suggestions.closest skips a candidate whose length alone puts it out of reach.
        let report = portal.check()
        XCTAssertEqual(report.diagnostics.map(\.code), ["dataset.organization", "dataset.unknown-field"],
                       report.diagnostics.map { String($0.message.prefix(200)) }.joined(separator: "\n"))
    }

    // MARK: Time linear in what a file may hold

    func testManyResourcesOfOneNameAreNamedInLinearTime() {
        // Quadratic naming would take minutes here; the result is what is asserted, not the time.
        var names = UniqueNames()
        let claimed = (0..<50_000).map { _ in names.claim("data") }
        XCTAssertEqual(claimed.prefix(3), ["data", "data-2", "data-3"])
        XCTAssertEqual(Set(claimed).count, 50_000)
    }

    func testADatasetWithThousandsOfDistinctFormatsAndFieldsBuildsInLinearTime() throws {
        let (portal, report, _) = try rebuildPortal { portal in
            try portal.write("Content/site.yaml", self.minimalSiteYAML { $0 + "limits:\n  resources: 100000\n" })
            var resources = "resources:\n"
            for index in 0..<4_000 {
                resources += "  - {name: 同名, format: F\(index), url: \"https://files.example.gov.cn/\(index)\", schema: [{name: 字段\(index)}]}\n"
            }
            try portal.write("Content/datasets/wide.md", self.dataset(resources))
        }
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).prefix(5).joined(separator: "\n"))
        let package = try portal.read("datasets/wide/datapackage.json")
        XCTAssertTrue(package.contains("\"name\": \"" + DataPackageExporter.packageName("同名") + "-4000\""))
        // A page per linked format value (the 100 most used), not one per format any file declares.
        let formatPages = Set(portal.outputFiles().filter { $0.hasPrefix("facets/format/") }.map { $0.split(separator: "/")[2] })
        XCTAssertEqual(formatPages.count, 100)
        let badges = try portal.outputFiles().filter { $0.hasSuffix(".html") && !$0.hasPrefix("datasets/wide/") }  // its own page lists all
            .map { try portal.read($0).components(separatedBy: "<span class=\"format\">F").count - 1 }
        XCTAssertEqual(badges.max(), 10, "a list card shows at most ten formats")
    }
}
