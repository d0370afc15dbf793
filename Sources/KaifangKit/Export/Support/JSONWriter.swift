import Foundation

/// Prints `JSONValue`s as RFC 8259 JSON, byte for byte the same every time.
///
/// - Text stays UTF-8 (Chinese is not turned into `\uXXXX`: files stay small
///   and readable); only what JSON requires is escaped, plus U+2028 and U+2029,
///   which end a line in JavaScript and would break a page that inlines the JSON.
/// - `/` is not escaped (URLs stay readable).
/// - `scriptSafe` also escapes `<`, `>` and `&`, so the text can sit inside a
///   `<script>` element: `</script>` or `<!--` can then never appear in it.
/// - Output goes into one growing byte buffer: no intermediate strings per
///   value, which matters for a catalogue of 100,000 datasets.
public struct JSONWriter: Sendable {
    public enum Style: Sendable {
        /// Two-space indentation, one member per line: for files people read.
        case pretty
        /// No whitespace: for JSON embedded in pages.
        case compact
    }

    public var style: Style
    public var scriptSafe: Bool

    public init(style: Style = .pretty, scriptSafe: Bool = false) {
        self.style = style
        self.scriptSafe = scriptSafe
    }

    /// The document, with a final newline when pretty (POSIX text files end with one).
    public func data(_ value: JSONValue, capacity: Int = 4096) -> Data {
        var buffer = [UInt8]()
        buffer.reserveCapacity(capacity)
        write(value, depth: 0, into: &buffer)
        if style == .pretty { buffer.append(UInt8(ascii: "\n")) }
        return Data(buffer)
    }

    public func string(_ value: JSONValue) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    func write(_ value: JSONValue, depth: Int, into out: inout [UInt8]) {
        switch value {
        case .string(let text): writeString(text, into: &out)
        case .integer(let number): out.append(contentsOf: String(number).utf8)
        case .decimal(let number): out.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &out)
                write(item, depth: depth + 1, into: &out)
            }
            newline(depth, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1, into: &out)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if style == .pretty { out.append(UInt8(ascii: " ")) }
                write(member.value, depth: depth + 1, into: &out)
            }
            newline(depth, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ depth: Int, into out: inout [UInt8]) {
        guard style == .pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes a quoted JSON string. Works on UTF-8 bytes: every byte that needs
    /// escaping is ASCII, except U+2028/U+2029 (E2 80 A8 / E2 80 A9).
    func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in appendEscaped(bytes, into: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// Bytes that may need escaping: ASCII controls, `"`, `\\`, DEL, the
    /// script-unsafe `<`, `>`, `&` (checked against `scriptSafe`), and 0xE2,
    /// the lead byte of U+2028/U+2029. Everything else is copied a run at a time.
    private static let mayNeedEscape: [Bool] = (0...255).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        Self.mayNeedEscape.withUnsafeBufferPointer { table in appendEscaped(bytes, table: table, into: &out) }
    }

    private func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<Bool>, into out: inout [UInt8]) {
        var index = 0, runStart = 0
        func flushRun() {
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            guard table[Int(byte)] else { index += 1; continue }
            switch byte {
            case UInt8(ascii: "\""): flushRun(); out.append(0x5C); out.append(0x22)
            case UInt8(ascii: "\\"): flushRun(); out.append(0x5C); out.append(0x5C)
            case 0x0A: flushRun(); out.append(0x5C); out.append(UInt8(ascii: "n"))
            case 0x0D: flushRun(); out.append(0x5C); out.append(UInt8(ascii: "r"))
            case 0x09: flushRun(); out.append(0x5C); out.append(UInt8(ascii: "t"))
            case 0x08: flushRun(); out.append(0x5C); out.append(UInt8(ascii: "b"))
            case 0x0C: flushRun(); out.append(0x5C); out.append(UInt8(ascii: "f"))
            case 0x00..<0x20, 0x7F: flushRun(); appendUnicodeEscape(UInt16(byte), into: &out)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                // (a `where` after several patterns would guard only the last one)
                guard scriptSafe else { index += 1; continue }
                flushRun(); appendUnicodeEscape(UInt16(byte), into: &out)
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                flushRun()
                appendUnicodeEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029, into: &out)
                index += 2
            default: index += 1; continue
            }
            index += 1
            runStart = index
        }
        flushRun()
    }

    private func appendUnicodeEscape(_ code: UInt16, into out: inout [UInt8]) {
        out.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(Self.hexDigits[Int((code >> UInt16(shift)) & 0xF)])
        }
    }
}

extension JSONWriter {
    /// The document `.object(members + [(key, .array(items))])`, byte for byte,
    /// without ever holding all the items as `JSONValue`s: they are made and
    /// printed a slice at a time, in parallel, and only their bytes are kept.
    /// For the catalogue-wide files whose last member lists every dataset.
    func data(object members: [(key: String, value: JSONValue)], lastKey key: String, count: Int,
              item: @Sendable @escaping (Int) -> JSONValue) -> Data {
        let sink = ByteSink()
        write(object: members, lastKey: key, count: count, into: sink, item: item)
        return sink.data
    }

    /// The same document printed into `sink` a slice of items at a time.
    func write(object members: [(key: String, value: JSONValue)], lastKey key: String, count: Int, into sink: ByteSink,
               item: @Sendable @escaping (Int) -> JSONValue) {
        var document = ArrayDocument(self, members: members, lastKey: key, into: sink)
        let writer = self
        for start in stride(from: 0, to: count, by: 1024) {
            let printed = Array(start..<min(start + 1024, count)).parallelMap { index -> [UInt8] in
                var bytes = [UInt8]()
                writer.write(item(index), depth: 2, into: &bytes)
                return bytes
            }
            for bytes in printed { document.append(printed: bytes) }
        }
        document.finish()
    }

    /// `{members…, "key": [items…]}` printed into a sink as the items come:
    /// the same bytes as printing the whole object.
    struct ArrayDocument {
        let writer: JSONWriter
        let sink: ByteSink
        private(set) var count = 0
        private var separator: [UInt8] = []

        init(_ writer: JSONWriter, members: [(key: String, value: JSONValue)], lastKey key: String, into sink: ByteSink) {
            self.writer = writer
            self.sink = sink
            var out = [UInt8]()
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writer.memberStart(member.key, into: &out)
                writer.write(member.value, depth: 1, into: &out)
            }
            if !members.isEmpty { out.append(UInt8(ascii: ",")) }
            writer.memberStart(key, into: &out)
            out.append(UInt8(ascii: "["))
            sink.append(contentsOf: out)
        }

        /// An item already printed at depth 2.
        mutating func append(printed bytes: [UInt8]) {
            separator.removeAll(keepingCapacity: true)
            if count > 0 { separator.append(UInt8(ascii: ",")) }
            writer.indent(2, into: &separator)
            sink.append(contentsOf: separator)
            sink.append(contentsOf: bytes)
            count += 1
        }

        mutating func append(_ value: JSONValue) {
            var bytes = [UInt8]()
            writer.write(value, depth: 2, into: &bytes)
            append(printed: bytes)
        }

        func finish() {
            var out = [UInt8]()
            if count > 0 { writer.indent(1, into: &out) }
            out.append(UInt8(ascii: "]"))
            writer.indent(0, into: &out)
            out.append(UInt8(ascii: "}"))
            if writer.style == .pretty { out.append(UInt8(ascii: "\n")) }
            sink.append(contentsOf: out)
        }
    }

    fileprivate func memberStart(_ key: String, into out: inout [UInt8]) {
        indent(1, into: &out)
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if style == .pretty { out.append(UInt8(ascii: " ")) }
    }

    fileprivate func indent(_ depth: Int, into out: inout [UInt8]) {
        guard style == .pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}
