/// Makes the site-relative link targets of a publisher's Markdown absolute
/// (`](/pages/x/)` and `[x]: /pages/x/` become `](<base>pages/x/)` and
/// `[x]: <base>pages/x/`), for descriptions that leave the site (DCAT,
/// harvesters). Protocol-relative targets (`//host/…`) are left alone.
///
/// A scan over the UTF-8 bytes: the two regular expressions it replaces ran
/// on every line of every description and were a third of a 10,000-dataset
/// build's cpu. Lines end at a `\n` that is not part of `\r\n`, as splitting
/// the text by the character `"\n"` did, and the reference form is matched
/// only at the start of such a line.
enum SiteRelativeLinks {
    static func absolute(_ markdown: String, base: String) -> String {
        // Both forms have a `]`; most descriptions have none.
        guard markdown.utf8.contains(closeBracket) else { return markdown }
        let bytes = Array(markdown.utf8)
        // Where a target's leading `/` is to be replaced by the base URL.
        var slashes: [Int] = []
        var lineStart = 0
        for index in 0...bytes.count {
            guard index == bytes.count || (bytes[index] == newline && (index == 0 || bytes[index - 1] != carriageReturn)) else { continue }
            collectSlashes(bytes, lineStart..<index, into: &slashes)
            lineStart = index + 1
        }
        guard !slashes.isEmpty else { return markdown }
        let baseBytes = Array(base.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + slashes.count * baseBytes.count)
        var copied = 0
        for slash in slashes {
            out.append(contentsOf: bytes[copied..<slash])
            out.append(contentsOf: baseBytes)
            copied = slash + 1
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let slash = UInt8(ascii: "/"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    private static let colon = UInt8(ascii: ":"), openParen = UInt8(ascii: "(")

    /// A `/` at `index` that starts a site-relative path: not `//`.
    private static func startsSitePath(_ bytes: [UInt8], _ index: Int, end: Int) -> Bool {
        bytes[index] == slash && (index + 1 == end || bytes[index + 1] != slash)
    }

    private static func collectSlashes(_ bytes: [UInt8], _ line: Range<Int>, into slashes: inout [Int]) {
        let end = line.upperBound
        var index = line.lowerBound
        // `^ {0,3}\[[^\]]+\]:[ \t]*/(?!/)`: a link reference definition.
        var spaces = 0
        while index < end, bytes[index] == space, spaces < 3 { index += 1; spaces += 1 }
        if index < end, bytes[index] == openBracket {
            var cursor = index + 1
            while cursor < end, bytes[cursor] != closeBracket { cursor += 1 }
            if cursor > index + 1, cursor + 1 < end, bytes[cursor + 1] == colon {
                cursor += 2
                while cursor < end, bytes[cursor] == space || bytes[cursor] == tab { cursor += 1 }
                if cursor < end, startsSitePath(bytes, cursor, end: end) { slashes.append(cursor) }
            }
        }
        // `\]\(/(?!/)`: an inline link or image, anywhere on the line.
        var cursor = line.lowerBound
        while cursor + 2 < end {
            if bytes[cursor] == closeBracket, bytes[cursor + 1] == openParen, startsSitePath(bytes, cursor + 2, end: end) {
                slashes.append(cursor + 2)
                cursor += 3
            } else {
                cursor += 1
            }
        }
    }
}
