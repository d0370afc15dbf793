/// Makes publisher-written URLs safe to print as IRIs and URIs.
///
/// Slugs are already percent-encoded by `Catalog`, but a resource `url`, a
/// homepage or an e-mail address is whatever the publisher typed: Chinese
/// characters, spaces or quotes in it would make the Turtle, RDF/XML and
/// JSON-LD readers (and the `format: uri` check of DCAT-US) reject the file.
/// Existing `%XX` escapes are kept, so encoding twice changes nothing.
public enum IRI {
    /// Percent-encodes every UTF-8 byte outside RFC 3986's unreserved and
    /// reserved characters (and `%` when it does not start an escape).
    public static func encode(_ text: String) -> String {
        let bytes = Array(text.trimmingSpaces.utf8)
        guard bytes.contains(where: { !isAllowed($0) || $0 == UInt8(ascii: "%") }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 32)
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) {
                out.append(byte)
            } else if isAllowed(byte) && byte != UInt8(ascii: "%") {
                out.append(byte)
            } else {
                PercentEncoding.append(byte, to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A `mailto:` IRI for an address, or nil when it is not one.
    public static func mailto(_ email: String?) -> String? {
        guard let address = email?.trimmingSpaces, address.contains("@"), !address.contains(" ") else { return nil }
        return "mailto:" + encode(address)
    }

    /// A `tel:` IRI (RFC 3966) from a phone number as people write it:
    /// digits, `+`, and `-` kept; spaces, brackets and dots become `-`.
    public static func tel(_ phone: String?) -> String? {
        guard let phone else { return nil }
        var result = ""
        for character in phone where !character.isWhitespace {
            if character.isASCII && (character.isNumber || character == "+") {
                result.append(character)
            } else if "-().".contains(character), !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.contains(where: \.isNumber) ? "tel:" + result : nil
    }

    public static func isHTTP(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }


    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    /// RFC 3986 unreserved + reserved characters (and `%`, handled above).
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: allowedPunctuation.contains(byte)
        }
    }

    private static let allowedPunctuation = Set("-._~:/?#[]@!$&'()*+,;=%".utf8)
}

fileprivate extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
