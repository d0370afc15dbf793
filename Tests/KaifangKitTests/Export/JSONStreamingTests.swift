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
                let sliced = writer.data(object: members, lastKey: "datasets", count: count, capacity: 16) { Self.item($0) }
                XCTAssertEqual(sliced, whole, "\(style) \(count)")
            }
            let onlyTheList = JSONWriter(style: style).data(object: [], lastKey: "d", count: 2, capacity: 16) { Self.item($0) }
            XCTAssertEqual(onlyTheList, JSONWriter(style: style).data(.object([("d", .array([Self.item(0), Self.item(1)]))])))
        }
    }
}
