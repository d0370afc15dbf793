import XCTest
@testable import KaifangKit

final class CatalogJSONExporterTests: XCTestCase {
    func testOutputIsValidAgainstThePublishedSchema() throws {
        let texts = ExportTestCatalog.texts(CatalogJSONExporter().export(ExportTestCatalog.mixed()))
        let document = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(texts["catalog.json"]).utf8))
        let schema = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(texts["schema/catalog.schema.json"]).utf8)) as? [String: Any])
        let problems = SchemaChecker(root: schema).problems(document, against: schema, at: "$")
        XCTAssertEqual(problems, [])
        XCTAssertEqual((document as? [String: Any])?["dataset_count"] as? Int, 3)
    }

    func testTheCheckerNoticesAMissingKeyAndAWrongType() throws {
        let schema = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(CatalogJSONSchema.text.utf8)) as? [String: Any])
        let broken: [String: Any] = ["title": 5, "description": "", "homepage": "x", "language": "zh-CN"]
        let problems = SchemaChecker(root: schema).problems(broken, against: schema, at: "$")
        XCTAssertTrue(problems.contains("$: missing publisher"), "\(problems)")
        XCTAssertTrue(problems.contains("$.title: expected string"), "\(problems)")
    }

    func testConditionalResourcesHaveNullDownloadURLs() throws {
        let text = ExportTestCatalog.text(CatalogJSONExporter(), ExportTestCatalog.mixed(), path: "catalog.json")
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let datasets = try XCTUnwrap(document["datasets"] as? [[String: Any]])
        let conditional = try XCTUnwrap(datasets.first { $0["open_type"] as? String == "conditional" })
        let resources = try XCTUnwrap(conditional["resources"] as? [[String: Any]])
        XCTAssertTrue(resources.allSatisfy { $0["download_url"] is NSNull })
        let open = try XCTUnwrap(datasets.first { $0["id"] as? String == "330100-JT-0001" })
        let openResources = try XCTUnwrap(open["resources"] as? [[String: Any]])
        XCTAssertEqual(openResources.first?["download_url"] as? String, "https://data.example.gov.cn/data/jtt/bus-stops.csv")
        XCTAssertEqual(open["url"] as? String, "https://data.example.gov.cn/datasets/%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9/")
        XCTAssertEqual(open["description"] as? String, "**全市公交站点的编号和名称。**")
        XCTAssertEqual(open["description_text"] as? String, "全市公交站点的编号和名称。")
    }
}

/// Enough of JSON Schema 2020-12 to check catalog.json against its published
/// schema in a unit test: type, required, properties, additionalProperties
/// false, items, enum, anyOf, pattern and local `$ref`s.
struct SchemaChecker {
    let root: [String: Any]

    func problems(_ value: Any, against schema: [String: Any], at path: String) -> [String] {
        if let ref = schema["$ref"] as? String {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let defs = root["$defs"] as? [String: Any], let target = defs[name] as? [String: Any] else { return ["\(path): bad $ref \(ref)"] }
            return problems(value, against: target, at: path)
        }
        if let options = schema["anyOf"] as? [[String: Any]] {
            return options.contains { problems(value, against: $0, at: path).isEmpty } ? [] : ["\(path): matches no anyOf option"]
        }
        if let allowed = schema["enum"] as? [Any] {
            let matches = allowed.contains { option in
                if option is NSNull { return value is NSNull }
                return (option as? String) == (value as? String) && value is String
            }
            if !matches { return ["\(path): not one of the enum values"] }
        }
        var found: [String] = []
        if let types = schema["type"] {
            let names = (types as? [String]) ?? [types as? String ?? ""]
            if !names.contains(where: { Self.has(type: $0, value) }) { return ["\(path): expected \(names.joined(separator: " or "))"] }
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
           text.range(of: pattern, options: .regularExpression) == nil {
            found.append("\(path): does not match \(pattern)")
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): missing \(key)") }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[key] as? [String: Any] {
                    found += problems(member, against: propertySchema, at: "\(path).\(key)")
                } else if schema["additionalProperties"] as? Bool == false {
                    found.append("\(path): unexpected key \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, against: items, at: "\(path)[\(index)]") }
        }
        return found
    }

    static func has(type: String, _ value: Any) -> Bool {
        switch type {
        case "null": value is NSNull
        case "string": value is String
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "integer": !(value is String) && (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": !(value is String) && value is NSNumber
        case "boolean": value is Bool
        default: false
        }
    }
}
