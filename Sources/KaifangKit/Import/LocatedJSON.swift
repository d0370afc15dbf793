import Foundation

/// JSON that remembers where each value starts, so an importer can say at
/// which line of a CKAN dump or data.json a field it could not map was.
/// Foundation's JSONSerialization forgets positions.
public struct LocatedJSON: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([LocatedJSON])
        case object([(key: String, value: LocatedJSON)])
    }

    public var value: Value
    public var location: SourceLocation

    public subscript(key: String) -> LocatedJSON? {
        if case .object(let members) = value { return members.first { $0.key == key }?.value }
        return nil
    }

    public var members: [(key: String, value: LocatedJSON)] {
        if case .object(let members) = value { return members }
        return []
    }

    public var items: [LocatedJSON] {
        if case .array(let items) = value { return items }
        return []
    }

    public var isObject: Bool { if case .object = value { return true }; return false }
    public var isArray: Bool { if case .array = value { return true }; return false }

    /// A string, or a number or boolean written as text; nil for null, arrays and objects.
    public var text: String? {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// Non-empty trimmed text.
    public var nonEmptyText: String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// The strings of an array (or one string as a list of one).
    public var texts: [String] {
        if case .array(let items) = value { return items.compactMap(\.nonEmptyText) }
        return nonEmptyText.map { [$0] } ?? []
    }

    public struct Failure: Error, Sendable {
        public var location: SourceLocation
        public var message: String
    }

    public static func parse(_ data: Data, file: String) -> Result<LocatedJSON, Failure> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var parser = Parser(bytes: bytes, file: file)
        do {
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            if parser.index < bytes.count { throw parser.failure("unexpected text after the JSON value") }
            return .success(value)
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(location: SourceLocation(file: file), message: "\(error)"))
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        let file: String
        var index = 0
        var line = 1
        var lineStart = 0
        static let maxDepth = 512

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        /// Where the column was last counted to. Minified JSON (GeoJSON above
        /// all) is one line of megabytes: counting each value's column from the
        /// start of the line would make parsing quadratic, so the count goes on
        /// from where it stopped.
        final class ColumnCount {
            var offset = 0
            var column = 1
        }
        let counted = ColumnCount()

        /// Columns count Unicode scalars, as SourceLocation says: continuation bytes do not count.
        var location: SourceLocation {
            if counted.offset < lineStart || counted.offset > index {
                counted.offset = lineStart
                counted.column = 1
            }
            var column = counted.column
            for byte in bytes[counted.offset..<index] where byte & 0xC0 != 0x80 { column += 1 }
            counted.offset = index
            counted.column = column
            return SourceLocation(file: file, line: line, column: column)
        }

        func failure(_ message: String) -> Failure { Failure(location: location, message: message) }

        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A: index += 1; line += 1; lineStart = index
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws -> LocatedJSON {
            guard depth < Self.maxDepth else { throw failure("JSON nested more than \(Self.maxDepth) levels deep") }
            guard index < bytes.count else { throw failure("the JSON ends where a value was expected") }
            let start = location
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: LocatedJSON)] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return LocatedJSON(value: .object(members), location: start) }
                while true {
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a quoted member name") }
                    let key = try string()
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected `:` after a member name") }
                    index += 1
                    skipSpace()
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard index < bytes.count else { throw failure("the JSON ends inside an object") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                    throw failure("expected `,` or `}` in an object")
                }
                return LocatedJSON(value: .object(members), location: start)
            case UInt8(ascii: "["):
                index += 1
                var items: [LocatedJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return LocatedJSON(value: .array(items), location: start) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard index < bytes.count else { throw failure("the JSON ends inside an array") }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                    throw failure("expected `,` or `]` in an array")
                }
                return LocatedJSON(value: .array(items), location: start)
            case UInt8(ascii: "\""):
                return LocatedJSON(value: .string(try string()), location: start)
            case UInt8(ascii: "t"): try word("true"); return LocatedJSON(value: .bool(true), location: start)
            case UInt8(ascii: "f"): try word("false"); return LocatedJSON(value: .bool(false), location: start)
            case UInt8(ascii: "n"): try word("null"); return LocatedJSON(value: .null, location: start)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let first = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                let text = String(decoding: bytes[first..<index], as: UTF8.self)
                guard Double(text) != nil else { throw Failure(location: start, message: "\"\(text)\" is not a number") }
                return LocatedJSON(value: .number(text), location: start)
            default:
                throw failure("unexpected character where a JSON value was expected")
            }
        }

        mutating func word(_ expected: String) throws {
            let utf8 = Array(expected.utf8)
            guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
                throw failure("unexpected word where a JSON value was expected")
            }
            index += utf8.count
        }

        mutating func string() throws -> String {
            index += 1
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flushRaw() throws {
                guard !raw.isEmpty else { return }
                guard let text = String(validating: raw, as: UTF8.self) else { throw failure("text that is not UTF-8 in a string") }
                scalars.append(contentsOf: text.unicodeScalars)
                raw.removeAll(keepingCapacity: true)
            }
            while true {
                guard index < bytes.count else { throw failure("the JSON ends inside a string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; break }
                if byte < 0x20 { throw failure("a control character inside a string (write it as an escape)") }
                if byte != UInt8(ascii: "\\") { raw.append(byte); index += 1; continue }
                try flushRaw()
                index += 1
                guard index < bytes.count else { throw failure("the JSON ends inside a string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
                       bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) { code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) }
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: throw failure("unknown escape in a string")
                }
            }
            try flushRaw()
            return String(scalars)
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                throw failure("a \\u escape needs four hexadecimal digits")
            }
            index += 4
            return code
        }
    }
}
