extension StringProtocol {
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
