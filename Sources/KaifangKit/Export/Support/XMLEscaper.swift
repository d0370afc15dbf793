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

    /// A quick byte scan: C0 controls, or the UTF-8 lead bytes of U+FFFE/U+FFFF.
    static func mayContainDisallowed(_ value: String) -> Bool {
        value.utf8.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }
            && !value.unicodeScalars.allSatisfy(isAllowed)
    }

    static func escape(_ value: String, inAttribute: Bool) -> String {
        // Most catalogue text needs nothing escaped: return it as it is.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
            return value
        }
        var result = ""
        result.reserveCapacity(value.utf8.count + 16)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where inAttribute: result += "&quot;"
            case "'" where inAttribute: result += "&apos;"
            case "\r": result += "&#13;"
            case "\n" where inAttribute: result += "&#10;"
            case "\t" where inAttribute: result += "&#9;"
            default:
                if isAllowed(scalar) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
