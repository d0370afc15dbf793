import XCTest
@testable import KaifangKit

/// The catalogue-wide JSON files are printed a slice of datasets at a time;
/// the bytes must be those of the whole document printed at once.
final class JSONStreamingTests: XCTestCase {
    static func item(_ index: Int) -> JSONValue {
        .object([("n", .integer(Int64(index))), ("name", .string("数据集 \"\(index)\"")),
                 ("tags", index % 3 == 0 ? .array([]) : .strings(["a", "b"])), ("nested", .object([("x", .null)]))])
    }

    func testSlicedOutputIsByteIdenticalToTheWholeDocument() {
        let members: [(key: String, value: JSONValue)] = [("title", .string("目录")), ("count", .integer(3)), ("meta", .object([("a", .bool(true))]))]
        for style in [JSONWriter.Style.pretty, .compact] {
            for count in [0, 1, 2, 1024, 2500] {
                let writer = JSONWriter(style: style)
                let whole = writer.data(.object(members + [("datasets", .array((0..<count).map(Self.item)))]))
                let sliced = writer.data(object: members, lastKey: "datasets", count: count) { Self.item($0) }
                XCTAssertEqual(sliced, whole, "\(style) \(count)")
                // Streamed in small pieces, as into a file.
                var pieces: [[UInt8]] = []
                let sink = ByteSink(drainSize: 100) { pieces.append($0) }
                writer.write(object: members, lastKey: "datasets", count: count, into: sink) { Self.item($0) }
                XCTAssertNoThrow(try sink.finish())
                XCTAssertEqual(Data(pieces.joined()), whole, "\(style) \(count), streamed")
                XCTAssertEqual(sink.count, whole.count)
                if count > 100 { XCTAssertGreaterThan(pieces.count, 10) }
            }
            let onlyTheList = JSONWriter(style: style).data(object: [], lastKey: "d", count: 2) { Self.item($0) }
            XCTAssertEqual(onlyTheList, JSONWriter(style: style).data(.object([("d", .array([Self.item(0), Self.item(1)]))])))
        }
    }

    func testAFailedWriteIsReportedWhenTheFileIsFinished() {
        struct DiskFull: Error {}
        var calls = 0
        let sink = ByteSink(drainSize: 10) { _ in calls += 1; throw DiskFull() }
        sink.append(String(repeating: "x", count: 25))
        sink.append(String(repeating: "y", count: 25))
        XCTAssertThrowsError(try sink.finish()) { XCTAssertTrue($0 is DiskFull) }
        XCTAssertEqual(calls, 1, "nothing more is written after the first failure")
    }
}
