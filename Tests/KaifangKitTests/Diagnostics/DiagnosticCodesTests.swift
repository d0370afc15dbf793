import Foundation
import XCTest
@testable import KaifangKit

/// Every code the sources can report is explained (`kaifang explain`), and
/// docs/diagnostics.md is exactly what the catalogue renders.
final class DiagnosticCodesTests: XCTestCase {
    /// The codes written as literals in the library's sources, and the families behind interpolated ones.
    private func codesInSources() throws -> Set<String> {
        let sources = PortalFixture.repositoryRoot.appendingPathComponent("Sources/KaifangKit")
        let pattern = try NSRegularExpression(pattern: #"code: "([^"]+)""#)
        let contextPattern = try NSRegularExpression(pattern: #"FieldReader\([^)]*context: "([^"]+)""#)
        var codes = Set<String>()
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        while let url = enumerator.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            // A FieldReader's codes are `<last word of its context>.<field>`.
            for match in contextPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let context = String(text[Range(match.range(at: 1), in: text)!])
                codes.insert((context.split(separator: " ").last.map(String.init) ?? context) + ".any-field")
            }
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let code = String(text[Range(match.range(at: 1), in: text)!])
                if code.hasPrefix("\\(what)") {
                    codes.formUnion(["dataset", "department"].map { $0 + code.dropFirst("\\(what)".count) })
                } else if code.hasPrefix("\\(codePrefix)") || code.hasPrefix("site.\\(") {
                    continue   // field families, checked below
                } else if !code.contains("\\(") {
                    codes.insert(code)
                }
            }
        }
        return codes.union(PersonalDataKind.allCases.map(\.code))
    }

    func testEveryCodeInTheSourcesIsExplained() throws {
        let codes = try codesInSources()
        XCTAssertGreaterThan(codes.count, 50)
        let unexplained = codes.filter { DiagnosticCodes.explain($0) == nil }.sorted()
        XCTAssertEqual(unexplained, [], "add these to DiagnosticCodes.all")
        for family in ["dataset.title", "department.name", "resource.name", "site.title", "theme.title", "page.title", "site.page_size"] {
            XCTAssertNotNil(DiagnosticCodes.explain(family), family)
        }
        XCTAssertNil(DiagnosticCodes.explain("no-such-code"))
    }

    func testEntriesAreUniqueAndTheirExamplesEndWithTheirCode() {
        let codes = DiagnosticCodes.all.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count)
        for entry in DiagnosticCodes.all where !entry.code.hasSuffix("<field>") {
            XCTAssertTrue(entry.example.hasSuffix("[\(entry.code)]"), "the example of \(entry.code) must end with its code")
        }
    }

    func testTheDocumentationIsGeneratedFromTheCatalogue() throws {
        let file = PortalFixture.repositoryRoot.appendingPathComponent("docs/diagnostics.md")
        let expected = DiagnosticCodes.markdown()
        if ProcessInfo.processInfo.environment["KAIFANG_RECORD_GOLDEN"] == "1" {
            try Data(expected.utf8).write(to: file)
            XCTFail("recorded docs/diagnostics.md; run again without KAIFANG_RECORD_GOLDEN")
            return
        }
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), expected,
                       "docs/diagnostics.md is out of date: run the test with KAIFANG_RECORD_GOLDEN=1")
    }
}
