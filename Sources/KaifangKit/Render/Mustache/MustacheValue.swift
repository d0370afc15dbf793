/// What a template can show: the typed view a page hands to its template.
/// A closed set of cases, so rendering never casts or reflects: a name is
/// looked up in an object's keys and a value is written as bytes.
public enum MustacheValue: Sendable, Equatable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([MustacheValue])
    case object([String: MustacheValue])

    /// The value of `name` when this value is an object; nothing otherwise
    /// (a string, number or list has no named parts).
    @inline(__always)
    func child(_ name: String) -> MustacheValue? {
        if case .object(let fields) = self { return fields[name] }
        return nil
    }

    /// The text of a string value; nil for any other case.
    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The items of a list value; nil for any other case.
    var list: [MustacheValue]? {
        if case .list(let items) = self { return items }
        return nil
    }
}

extension MustacheValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByStringInterpolation
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(arrayLiteral elements: MustacheValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// The fields of one object in a view, built key by key.
public typealias MustacheObject = [String: MustacheValue]

extension MustacheValue {
    /// A list of objects, the usual shape of a repeated section.
    static func objects(_ items: [MustacheObject]) -> MustacheValue { .list(items.map { .object($0) }) }
    /// A list of strings, each shown with `{{.}}`.
    static func strings(_ items: [String]) -> MustacheValue { .list(items.map { .string($0) }) }
}
