/// A small streaming XML reader for the parts of office documents: tags
/// with their attributes, and text with entities (`&amp;`, `&#49;`,
/// `&#x31;`) decoded. Namespace prefixes are dropped (`w:t` → `t`). Not a
/// validating parser: it only has to find the text a reader of the document sees.
struct XMLStream {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    static let maxTagBytes = 1 << 20
    static let maxTextBytes = 1 << 16

    private var inTag = false
    private var quote: UInt8 = 0
    private var buffer: [UInt8] = []

    mutating func feed(_ bytes: some Collection<UInt8>, _ handle: (Event) throws -> Void) throws {
        for byte in bytes {
            if inTag {
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    // Quotes matter in attributes only, not in comments or CDATA.
                    if !buffer.starts(with: Self.commentStart) && !buffer.starts(with: Self.cdataStart) { quote = byte }
                } else if byte == UInt8(ascii: ">") && tagIsComplete() {
                    try endTag(handle)
                    continue
                }
                buffer.append(byte)
                if buffer.count > Self.maxTagBytes { throw ExpansionError.corrupt("an XML tag longer than 1 MB") }
            } else if byte == UInt8(ascii: "<") {
                try flushText(handle)
                inTag = true
            } else {
                buffer.append(byte)
                // Long text is handed out in pieces, cut after an ASCII character outside any
                // entity (or, in text without one, anywhere); readers join the pieces of one element.
                if buffer.count >= Self.maxTextBytes {
                    let safe = byte < 0x80 && !buffer.suffix(12).contains(UInt8(ascii: "&"))
                    if safe || buffer.count >= 4 * Self.maxTextBytes { try flushText(handle) }
                }
            }
        }
    }

    mutating func finish(_ handle: (Event) throws -> Void) throws {
        if !inTag { try flushText(handle) }
        buffer = []
    }

    private static let commentStart = Array("!--".utf8)
    private static let cdataStart = Array("![CDATA[".utf8)

    private func tagIsComplete() -> Bool {
        if buffer.starts(with: Self.commentStart) { return buffer.count >= 5 && buffer.suffix(2).elementsEqual([0x2D, 0x2D]) }
        if buffer.starts(with: Self.cdataStart) { return buffer.suffix(2).elementsEqual([0x5D, 0x5D]) }
        return true
    }

    private mutating func flushText(_ handle: (Event) throws -> Void) throws {
        guard !buffer.isEmpty else { return }
        let text = Self.decodeEntities(String(decoding: buffer, as: UTF8.self))
        buffer.removeAll(keepingCapacity: true)
        try handle(.text(text))
    }

    private mutating func endTag(_ handle: (Event) throws -> Void) throws {
        inTag = false
        let tag = buffer
        buffer.removeAll(keepingCapacity: true)
        guard let first = tag.first else { return }
        if first == UInt8(ascii: "?") || tag.starts(with: Self.commentStart) { return }
        if tag.starts(with: Self.cdataStart) {
            try handle(.text(String(decoding: tag.dropFirst(8).dropLast(2), as: UTF8.self)))
            return
        }
        if first == UInt8(ascii: "!") { return }
        if first == UInt8(ascii: "/") {
            try handle(.end(name: Self.localName(String(decoding: tag.dropFirst(), as: UTF8.self).trimmingWhitespace)))
            return
        }
        let selfClosing = tag.last == UInt8(ascii: "/")
        let body = String(decoding: selfClosing ? tag.dropLast() : tag[...], as: UTF8.self)
        let (name, attributes) = Self.parseTag(body)
        try handle(.start(name: name, attributes: attributes, selfClosing: selfClosing))
        if selfClosing { try handle(.end(name: name)) }
    }

    static func localName(_ name: some StringProtocol) -> String {
        if let colon = name.lastIndex(of: ":") { return String(name[name.index(after: colon)...]) }
        return String(name)
    }

    static func parseTag(_ body: String) -> (String, [String: String]) {
        let scalars = Array(body.unicodeScalars)
        var index = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\n" || s == "\t" || s == "\r" }
        func skipSpaces() { while index < scalars.count && isSpace(scalars[index]) { index += 1 } }
        func word() -> String {
            var result = String.UnicodeScalarView()
            while index < scalars.count && !isSpace(scalars[index]) && scalars[index] != "=" {
                result.append(scalars[index])
                index += 1
            }
            return String(result)
        }
        skipSpaces()
        let name = localName(word())
        var attributes: [String: String] = [:]
        while index < scalars.count {
            skipSpaces()
            let key = word()
            guard !key.isEmpty else { index += 1; continue }
            skipSpaces()
            guard index < scalars.count, scalars[index] == "=" else { continue }
            index += 1
            skipSpaces()
            guard index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" else { continue }
            let quote = scalars[index]
            index += 1
            var value = String.UnicodeScalarView()
            while index < scalars.count && scalars[index] != quote {
                value.append(scalars[index])
                index += 1
            }
            index += 1
            attributes[localName(key)] = decodeEntities(String(value))
        }
        return (name, attributes)
    }

    /// The five named entities and numeric references; anything else is left as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "&", let semicolon = scalars[index...].prefix(12).firstIndex(of: ";") else {
                result.append(scalar)
                index += 1
                continue
            }
            let name = String(String.UnicodeScalarView(scalars[(index + 1)..<semicolon]))
            var decoded: Unicode.Scalar?
            switch name {
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "amp": decoded = "&"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let decoded {
                result.append(decoded)
                index = semicolon + 1
            } else {
                result.append(scalar)
                index += 1
            }
        }
        return String(result)
    }
}

private extension String {
    var trimmingWhitespace: String {
        String(unicodeScalars.filter { $0 != " " && $0 != "\n" && $0 != "\t" && $0 != "\r" })
    }
}
