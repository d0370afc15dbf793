import Foundation
import XCTest
@testable import KaifangKit

/// A fresh folder under the system's temporary folder, removed when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("kaifang-safety-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }
}

enum SafetySamples {
    static let today = Day(year: 2026, month: 10, day: 1)

    /// Completes 17 digits with the GB 11643 check character; written out
    /// independently of the scanner so the tests do not check it against itself.
    static func identityNumber(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    static func exception(_ column: String, _ reason: String = "reviewed") -> PrivacyException {
        PrivacyException(column: column, reason: reason, location: SourceLocation(file: "Content/datasets/x.md", line: 12, column: 7))
    }
}

extension XCTestCase {
    /// Scans `text` written to a file, with every chunk size given (small ones cut numbers apart).
    func scan(_ text: String, format: String = "CSV", exceptions: [PrivacyException] = [],
              chunkSizes: [Int] = [1, 3, 7, 64, 1 << 20], file: StaticString = #filePath, line: UInt = #line) throws -> [Diagnostic] {
        try scan(Data(text.utf8), format: format, exceptions: exceptions, chunkSizes: chunkSizes, file: file, line: line)
    }

    func scan(_ data: Data, format: String = "CSV", exceptions: [PrivacyException] = [],
              chunkSizes: [Int] = [1, 3, 7, 64, 1 << 20], file: StaticString = #filePath, line: UInt = #line) throws -> [Diagnostic] {
        let folder = try TemporaryFolder()
        let url = try folder.write("data.\(format.lowercased())", data)
        var first: [Diagnostic]?
        for size in chunkSizes {
            let scanner = PrivacyScanner(today: SafetySamples.today, chunkSize: size)
            let found = scanner.scan(file: url, displayPath: "Content/data/x.\(format.lowercased())", format: format, exceptions: exceptions)
            if let first {
                XCTAssertEqual(found, first, "chunk size \(size) changes the result", file: file, line: line)
            } else {
                first = found
            }
        }
        return first ?? []
    }

    /// `line:column code` of each diagnostic, the shortest way to compare where they point.
    func places(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code)" }
    }
}
