import Foundation

/// A JSON document with its keys in the order they were written.
///
/// Exports are read by people as well as programs, and a diff of two builds
/// must show only what changed: `JSONSerialization` neither keeps key order
/// nor formats the same way on every platform, so exporters build these
/// values and `JSONWriter` prints them the same way every time.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    /// A finite number such as a coordinate, printed in its shortest form.
    case decimal(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.string(let x), .string(let y)): x == y
        case (.integer(let x), .integer(let y)): x == y
        case (.decimal(let x), .decimal(let y)): x == y
        case (.bool(let x), .bool(let y)): x == y
        case (.null, .null): true
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)):
            x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// A string, or `null` when there is none: optional fields keep their key
    /// so that every record of catalog.json has the same shape.
    public static func optional(_ text: String?) -> JSONValue {
        text.map(JSONValue.string) ?? .null
    }

    public static func optional(_ day: Day?) -> JSONValue {
        day.map { .string($0.description) } ?? .null
    }

    public static func strings(_ list: [String]) -> JSONValue {
        .array(list.map(JSONValue.string))
    }
}

/// Builds a JSON object key by key, leaving out keys whose value is absent
/// when the format prefers a missing key to a `null` (DCAT-US, Data Package).
public struct JSONObjectBuilder {
    public private(set) var members: [(key: String, value: JSONValue)] = []

    public init() {}

    public mutating func set(_ key: String, _ value: JSONValue) {
        members.append((key, value))
    }

    public mutating func setIfPresent(_ key: String, _ text: String?) {
        if let text, !text.isEmpty { members.append((key, .string(text))) }
    }

    public mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
        if let value { members.append((key, value)) }
    }

    /// Sets a list only when it has items: several schemas require `minItems: 1`.
    public mutating func setIfNotEmpty(_ key: String, _ list: [JSONValue]) {
        if !list.isEmpty { members.append((key, .array(list))) }
    }

    public var value: JSONValue { .object(members) }
}
