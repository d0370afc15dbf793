/// Escapes text for XML 1.0 documents (Atom, sitemap, RDF/XML).
///
/// `>` is escaped too, so `]]>` can never appear in character data. Carriage
/// returns, and in attributes also newlines and tabs, become character
/// references: an XML parser would otherwise normalise them away, and the RDF
/// graph read back from RDF/XML would differ from the Turtle one. Characters
/// XML 1.0 cannot carry at all (most C0 controls, U+FFFE, U+FFFF) are dropped;
/// `RDFLiteral` drops the same ones so that every serialization agrees.
public enum XMLEscaper {
    public static func text(_ value: String) -> String {
        escape(value, inAttribute: false)
    }

    public static func attribute(_ value: String) -> String {
        escape(value, inAttribute: true)
    }

    /// Whether XML 1.0 can carry the character at all.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0x00..<0x20: false
        case 0xFFFE, 0xFFFF: false
        default: true
        }
    }

    /// The text without the characters XML 1.0 cannot carry.
    public static func removingDisallowed(_ value: String) -> String {
        guard mayContainDisallowed(value) else { return value }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: value.unicodeScalars.filter(isAllowed))
        return String(result)
    }

    /// A quick byte scan: C0 controls other than tab and line ends, or U+FFFE/U+FFFF.
    static func mayContainDisallowed(_ value: String) -> Bool {
        containsByte(in: value) { byte in byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }
    }

    /// Whether a byte of the text passes `test`, or the text holds U+FFFE or
    /// U+FFFF (EF BF BE/BF). Only those two: 0xEF also leads the fullwidth
    /// punctuation of nearly every Chinese text (`，` is EF BC 8C), which the
    /// old lead-byte test sent down the slow path.
    private static func containsByte(in value: String, _ test: (UInt8) -> Bool) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            for index in bytes.indices {
                let byte = bytes[index]
                if test(byte) { return true }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF {
                    return true
                }
            }
            return false
        }
    }

    static func escape(_ value: String, inAttribute: Bool) -> String {
        // Most catalogue text needs nothing escaped: return it as it is.
        // In text, quotes, tabs and newlines stay as they are.
        let needsWork = containsByte(in: value) { byte in
            switch byte {
            case 0x26, 0x3C, 0x3E: true
            case 0x22, 0x27, 0x09, 0x0A: inAttribute
            case 0x00..<0x20: true
            default: false
            }
        }
        return needsWork ? escapeBytes(value, inAttribute: inAttribute) : value
    }

    /// The escaping on the UTF-8 bytes: everything it changes is ASCII, apart
    /// from U+FFFE/U+FFFF, which it drops (XMLEscaperTests holds the same
    /// rule written scalar by scalar).
    private static func escapeBytes(_ value: String, inAttribute: Bool) -> String {
        var value = value
        return value.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x22 where inAttribute: out += "&quot;".utf8
                case 0x27 where inAttribute: out += "&apos;".utf8
                case 0x0D: out += "&#13;".utf8
                case 0x0A where inAttribute: out += "&#10;".utf8
                case 0x09 where inAttribute: out += "&#9;".utf8
                case 0x09, 0x0A: out.append(byte)
                case 0x00..<0x20: break
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && (bytes[index + 2] == 0xBE || bytes[index + 2] == 0xBF):
                    index += 2
                default: out.append(byte)
                }
                index += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
