import XCTest
@testable import KaifangKit
#if canImport(Glibc)
import Glibc
#endif

final class PrivacyScannerLargeFileTests: XCTestCase {
    /// A 200 MB table is scanned in bounded memory: the file is written and
    /// read in chunks, and the process's peak memory grows far less than the file.
    func testA200MegabyteFileIsScannedInBoundedMemory() throws {
        let folder = try TemporaryFolder()
        let url = folder.url.appendingPathComponent("big.csv")
        XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)

        let row = "济南市历下区,0531-86012345,117.123456,36.654321,2026-09-25,3703032026B01723,正常\n"
        let rowsPerBlock = (1 << 20) / row.utf8.count
        let block = Data(String(repeating: row, count: rowsPerBlock).utf8)
        let blocks = 200
        let id = SafetySamples.identityNumber("37010219800229001")
        var line = 1
        try handle.write(contentsOf: Data("地区,电话,经度,纬度,日期,编号,状态\n".utf8))
        var expected: [String] = []
        for index in 0..<blocks {
            try handle.write(contentsOf: block)
            line += rowsPerBlock
            if index == blocks / 2 {
                try handle.write(contentsOf: Data("张三,\"\(id)\",1,2,3,4,5\n".utf8))
                line += 1
                expected.append("\(line):2 privacy.id-number")
            }
        }
        try handle.write(contentsOf: Data("李四,1,2,3,4,5,13912345678".utf8))
        line += 1
        expected.append("\(line):7 privacy.mobile-number")
        try handle.close()
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        XCTAssertGreaterThan(size, 200_000_000)

        let peakBefore = Self.peakResidentMegabytes()
        let (file, found) = try PrivacyScanner(today: SafetySamples.today)
            .scanAndDigest(file: url, displayPath: "big.csv", format: "CSV", exceptions: [])
        let peakAfter = Self.peakResidentMegabytes()

        XCTAssertEqual(places(found), expected)
        XCTAssertEqual(file.byteSize, Int64(size))
        XCTAssertLessThan(peakAfter - peakBefore, 100, "peak memory grew by \(peakAfter - peakBefore) MB for a \(size / 1_000_000) MB file")
    }

    static func peakResidentMegabytes() -> Int {
        #if canImport(Glibc)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
        #else
        return 0
        #endif
    }
}
