extension StringProtocol {
    /// `count < limit`, counting at most `limit` characters: a long
    /// description is compared with a minimum for every dataset.
    func hasFewerCharacters(than limit: Int) -> Bool {
        prefix(limit).count < limit
    }

    /// Whitespace and newlines removed from both ends. Most catalogue values
    /// have none, so this returns them without copying through Foundation.
    var trimmedWhitespace: String {
        guard let first = first, let last = last else { return "" }
        if !first.isWhitespace && !last.isWhitespace { return String(self) }
        guard let start = firstIndex(where: { !$0.isWhitespace }),
              let end = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[start...end])
    }
}

extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, the same to the
    /// scalar, without Foundation's copy of the whole text through UTF-16:
    /// only the ends are looked at.
    var trimmingWhitespaceAndNewlines: String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, Self.isWhitespaceOrNewline(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start {
            let before = scalars.index(before: end)
            guard Self.isWhitespaceOrNewline(scalars[before]) else { break }
            end = before
        }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }

    /// Membership of `CharacterSet.whitespacesAndNewlines` as Foundation has it
    /// (White_Space and U+200B), without its lookup, which showed in profiles
    /// (a test compares the two over every scalar).
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }
}
