import Foundation
import XCTest
@testable import KaifangKit

/// The progress line appears only on a terminal outside CI, only for builds
/// longer than its delay, and is erased before the summary.
final class ProgressLineTests: XCTestCase {
    func testOnlyOnATerminalOutsideCI() {
        XCTAssertTrue(ProgressLine.wanted(environment: ["TERM": "xterm"], standardErrorIsTerminal: true))
        XCTAssertFalse(ProgressLine.wanted(environment: ["TERM": "xterm", "CI": "true"], standardErrorIsTerminal: true))
        XCTAssertFalse(ProgressLine.wanted(environment: [:], standardErrorIsTerminal: false))
        XCTAssertFalse(ProgressLine.wanted(environment: ["TERM": "dumb"], standardErrorIsTerminal: true))
    }

    func testSilentWhileShortThenNamesTheStageAndCount() {
        let output = Captured()
        let progress = ProgressLine(delay: 60, interval: 3600, write: { output.append($0) })
        progress.enter("render", counting: { 12_345 })
        XCTAssertNil(progress.text(), "a build shorter than the delay shows nothing")
        XCTAssertEqual(progress.text(now: Date().addingTimeInterval(61))?.hasPrefix("render… 12,345 files written ("), true,
                       progress.text(now: Date().addingTimeInterval(61)) ?? "nil")
        progress.finish()
        XCTAssertEqual(output.text, "", "nothing was shown, so nothing is erased")
    }

    func testALineShownIsErasedAtTheEnd() {
        let output = Captured()
        let progress = ProgressLine(delay: 0, interval: 3600, write: { output.append($0) })
        progress.enter("export")
        progress.tick()
        progress.finish()
        progress.tick()
        XCTAssertTrue(output.text.hasPrefix("\r\u{1B}[Kexport… ("), output.text)
        XCTAssertTrue(output.text.hasSuffix("\r\u{1B}[K"), "erased, and no tick after finish")
    }
}

private final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [String] = []
    func append(_ text: String) { lock.lock(); parts.append(text); lock.unlock() }
    var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
}
