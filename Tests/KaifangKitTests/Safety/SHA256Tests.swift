import Foundation
import XCTest
@testable import KaifangKit

/// The published checksums come from the system's libcrypto; these are the
/// FIPS 180-2 / NIST example vectors, fed whole and in uneven pieces.
final class SHA256Tests: XCTestCase {
    private func digest(_ pieces: [Data]) -> String {
        let hasher = SHA256Hasher()
        for piece in pieces { hasher.update(piece) }
        return SHA256Hasher.hex(hasher.finalize())
    }

    func testNISTShortMessages() {
        XCTAssertEqual(digest([Data("abc".utf8)]), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(digest([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(digest([Data(twoBlocks.utf8)]), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let pieces = stride(from: 0, to: twoBlocks.utf8.count, by: 7).map { start in
            Data(Array(twoBlocks.utf8)[start..<min(start + 7, twoBlocks.utf8.count)])
        }
        XCTAssertEqual(digest(pieces), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let long = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        XCTAssertEqual(digest([Data(long.utf8)]), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    func testNISTOneMillionAs() {
        let pieces = (0..<10).map { _ in Data(repeating: UInt8(ascii: "a"), count: 100_000) }
        XCTAssertEqual(digest(pieces), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
