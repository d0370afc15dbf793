import Foundation

/// How search text and queries are cut up. Chinese has no spaces, so the
/// unit of matching is the character: a query term matches a field that
/// contains it, which is the same as containing all of its character
/// bigrams in a row; any 2+ character fragment of a title therefore finds
/// it. `Public/assets/search.js` applies exactly these rules in the browser.
public enum SearchTokenizer {
    /// Folds what a user may type differently: full-width letters and digits
    /// (ＣＳＶ → csv), compatibility forms, upper case.
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// The terms of a query: normalised, split at white space and
    /// punctuation (Chinese punctuation too), duplicates dropped.
    public static func terms(_ query: String) -> [String] {
        var terms: [String] = []
        for piece in normalize(query).split(whereSeparator: isSeparator) {
            let term = String(piece)
            if !terms.contains(term) { terms.append(term) }
        }
        return terms
    }

    static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace || (character.isPunctuation && character != "-" && character != "_" && character != ".")
            || character.isSymbol && character != "+"
    }

    /// Overlapping character pairs: 公交线路 → 公交, 交线, 线路. A single
    /// character is its own gram.
    public static func bigrams(_ text: String) -> [String] {
        let characters = Array(normalize(text))
        guard characters.count > 1 else { return characters.map(String.init) }
        return (0..<characters.count - 1).map { String(characters[$0...$0 + 1]) }
    }
}
