/// A set of RDF triples, kept grouped by subject in the order subjects were
/// first described, so that every serialization prints them in the same,
/// deterministic order and can nest a subject's properties under it.
///
/// Adding a triple twice stores it once: the builder may link the same
/// licence or format from many distributions, and RDF graphs are sets.
///
/// A large document is built and printed as a run of graphs, each a part of
/// it (`continuation()`): a part knows the shared subjects the parts before
/// it described, so a licence or format is described once in the document.
public struct RDFGraph: Sendable {
    public struct Description: Sendable {
        public var subject: RDFTerm
        /// Predicate IRI and object, in the order added.
        public var statements: [(predicate: String, object: RDFTerm)]

        /// The statements grouped by predicate, predicates in first-use order:
        /// Turtle's `,` lists and JSON-LD's arrays need them together.
        public var byPredicate: [(predicate: String, objects: [RDFTerm])] {
            // A subject uses few distinct predicates (the catalogue: a dozen,
            // however many datasets), so a linear search beats hashing.
            var groups: [(predicate: String, objects: [RDFTerm])] = []
            for statement in statements {
                if let index = groups.lastIndex(where: { $0.predicate == statement.predicate }) {
                    groups[index].objects.append(statement.object)
                } else {
                    groups.append((statement.predicate, [statement.object]))
                }
            }
            return groups
        }
    }

    public private(set) var descriptions: [Description] = []
    private var indexOfSubject: [RDFTerm: Int] = [:]
    /// Per subject with many statements (the catalogue's `dcat:dataset`
    /// links), the statements present, for de-duplication; a subject with
    /// few is searched instead, which costs less than hashing every triple.
    private var present: [Int: Set<Statement>] = [:]
    static let linearSearchLimit = 24
    public private(set) var tripleCount = 0
    /// Shared subjects described by earlier parts of the same document.
    private var describedEarlier: Set<RDFTerm> = []
    /// Shared subjects described in this part (`describesFirst`), for the next part to know.
    private var sharedHere: [RDFTerm] = []
    /// Namespaces beyond `RDFNamespace.all` that the serializations declare for this graph.
    public var additionalNamespaces: [RDFNamespace] = []

    private struct Statement: Hashable {
        var predicate: String
        var object: RDFTerm
    }

    public init() {}

    public mutating func add(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm) {
        precondition(!subject.isLiteral, "a literal cannot be a subject")
        let index: Int
        if let known = indexOfSubject[subject] {
            index = known
        } else {
            index = descriptions.count
            indexOfSubject[subject] = index
            descriptions.append(Description(subject: subject, statements: []))
        }
        let count = descriptions[index].statements.count
        if count < Self.linearSearchLimit {
            if descriptions[index].statements.contains(where: { $0.predicate == predicate && $0.object == object }) { return }
        } else {
            if count == Self.linearSearchLimit {
                present[index] = Set(descriptions[index].statements.map { Statement(predicate: $0.predicate, object: $0.object) })
            }
            guard present[index, default: []].insert(Statement(predicate: predicate, object: object)).inserted else { return }
        }
        descriptions[index].statements.append((predicate, object))
        tripleCount += 1
    }

    /// What the graph says about one subject (an importer reading another portal's DCAT).
    public func statements(about subject: RDFTerm) -> [(predicate: String, object: RDFTerm)] {
        indexOfSubject[subject].map { descriptions[$0].statements } ?? []
    }

    /// Adds the triple only when there is an object: optional metadata.
    public mutating func add(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm?) {
        if let object { add(subject, predicate, object) }
    }

    public mutating func type(_ subject: RDFTerm, _ classIRI: String) {
        add(subject, RDFNamespace.type, .iri(classIRI))
    }

    public func isDescribed(_ subject: RDFTerm) -> Bool { indexOfSubject[subject] != nil || describedEarlier.contains(subject) }

    /// True the first time a shared subject (a licence, a format, a page) comes
    /// up in the document, for the caller to describe it then; false after,
    /// in this part or a later one.
    public mutating func describesFirst(_ subject: RDFTerm) -> Bool {
        guard !isDescribed(subject) else { return false }
        sharedHere.append(subject)
        return true
    }

    /// The shared subjects this graph described first (`describesFirst`),
    /// and all of them after `shareDescribedSubjects()`.
    public var sharedSubjects: [RDFTerm] { sharedHere }

    /// Counts every subject described so far as shared: the catalogue's own
    /// nodes, which later parts only point at.
    public mutating func shareDescribedSubjects() {
        sharedHere = descriptions.map(\.subject)
    }

    /// An empty graph for the next part of the same document; this part
    /// gives up what it knew (moved, not copied: a document has hundreds of
    /// parts and this set grows with every dataset's page).
    ///
    /// Only shared subjects carry over; a dataset's own nodes are described
    /// in its part alone. Were a later part to add a statement to a subject
    /// of an earlier one, it would print a second block for that subject:
    /// still the same RDF graph in all three syntaxes.
    public mutating func continuation() -> RDFGraph {
        var next = RDFGraph()
        next.describedEarlier = describedEarlier
        describedEarlier = []
        for subject in sharedHere where indexOfSubject[subject] != nil { next.describedEarlier.insert(subject) }
        next.additionalNamespaces = additionalNamespaces
        return next
    }
}
