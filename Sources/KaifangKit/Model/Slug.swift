import Foundation

/// URL path segments for datasets, departments, themes and pages.
public enum Slug {
    /// A slug for a dataset that exists only as a catalog.csv row: its id,
    /// lower-cased, with everything but letters, digits and `-` turned into `-`.
    public static func fromIdentifier(_ id: String) -> String {
        var result = ""
        var lastWasDash = false
        for scalar in id.lowercased().unicodeScalars {
            let keep = CharacterSet.alphanumerics.contains(scalar) || scalar == "_"
            if keep {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "dataset" : trimmed
    }

    /// A Latin address from a title (Chinese transliterated to pinyin where the system can), as `fromIdentifier` makes it.
    public static func fromTitle(_ title: String) -> String {
        let latin = title.applyingTransform(.toLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false) ?? title
        return fromIdentifier(latin)
    }

    /// An address for a file whose name is not one (`Bus Stops+2015.md`, JKAN's
    /// `o'neill.md`): each run of other characters becomes one `-`, case kept.
    public static func fromFileName(_ name: String) -> String {
        var result = ""
        var lastWasDash = false
        for scalar in name.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "_" || scalar == "-" {
                result.unicodeScalars.append(scalar)
                lastWasDash = scalar == "-"
            } else if !lastWasDash {
                result.append("-")
                lastWasDash = true
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "untitled" : trimmed
    }

    /// Whether a slug is safe as one path segment on every file system and URL.
    public static func isSafe(_ slug: String) -> Bool {
        guard !slug.isEmpty, slug != ".", slug != "..", !slug.hasPrefix(".") else { return false }
        return slug.unicodeScalars.allSatisfy { scalar in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_"
        }
    }

    /// A form for detecting collisions: two slugs that differ only by case or
    /// Unicode normalisation land on the same file on macOS and Windows.
    public static func collisionKey(_ slug: String) -> String {
        slug.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// Percent-encodes a slug for use in a URL path (Chinese slugs are allowed):
    /// every UTF-8 byte but RFC 3986's unreserved characters as `%XX`, upper-case
    /// hex, as Foundation's `addingPercentEncoding` does with that set, on the
    /// bytes directly (Foundation copies through UTF-16; every link on every page
    /// is encoded here).
    public static func urlEncoded(_ segment: String) -> String {
        let utf8 = segment.utf8
        guard !utf8.allSatisfy(isUnreserved) else { return segment }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) { encoded.append(byte) } else { PercentEncoding.append(byte, to: &encoded) }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// RFC 3986 unreserved: `A-Z a-z 0-9 - . _ ~`.
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }
}
