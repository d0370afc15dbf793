/// Which datasets a query finds and in what order: every term must occur
/// in one of the searchable fields; a term in the title counts most, then
/// in a keyword, then in the department or field names, then in the
/// description. Ties keep catalogue order (newest first). The browser
/// script (`Public/assets/search.js`) uses the same weights.
public enum SearchRanking {
    public struct Document: Sendable {
        public var title: String
        public var keywords: [String]
        public var description: String
        public var organization: String
        public var fields: String

        public init(title: String, keywords: [String], description: String, organization: String, fields: String) {
            self.title = title
            self.keywords = keywords
            self.description = description
            self.organization = organization
            self.fields = fields
        }
    }

    public static let titleWeight = 100
    public static let titleStartBonus = 20
    public static let keywordWeight = 40
    public static let exactKeywordBonus = 10
    public static let descriptionWeight = 10
    public static let otherWeight = 5

    /// The score of a document for the query's terms, nil when a term is missing.
    public static func score(_ document: Document, terms: [String]) -> Int? {
        guard !terms.isEmpty else { return 0 }
        let title = SearchTokenizer.normalize(document.title)
        let keywords = document.keywords.map(SearchTokenizer.normalize)
        let description = SearchTokenizer.normalize(document.description)
        let other = SearchTokenizer.normalize(document.organization + " " + document.fields)
        var total = 0
        for term in terms {
            var best = 0
            if title.contains(term) { best = titleWeight + (title.hasPrefix(term) ? titleStartBonus : 0) }
            if best == 0, keywords.contains(where: { $0.contains(term) }) {
                best = keywordWeight + (keywords.contains(term) ? exactKeywordBonus : 0)
            }
            if best == 0, description.contains(term) { best = descriptionWeight }
            if best == 0, other.contains(term) { best = otherWeight }
            if best == 0 { return nil }
            total += best
        }
        return total
    }

    /// Indices of the matching documents, best first; ties in input order.
    public static func rank(_ documents: [Document], query: String) -> [Int] {
        let terms = SearchTokenizer.terms(query)
        let scored = documents.enumerated().compactMap { index, document in score(document, terms: terms).map { (index, $0) } }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
    }
}
