/// A node of an RDF graph: an IRI, a blank node, or a literal.
public enum RDFTerm: Hashable, Sendable {
    /// An absolute IRI, already percent-encoded where needed (see `IRI.encode`).
    case iri(String)
    /// A blank node by label. Labels are chosen by the builder from the
    /// catalogue's order (`d3spatial`), so every build prints the same ones;
    /// they must be letters and digits only, valid in all three syntaxes.
    case blank(String)
    case literal(RDFLiteral)

    public var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}

/// A literal with either a language tag or a datatype (never both).
public struct RDFLiteral: Hashable, Sendable {
    public var lexical: String
    /// Lower-case BCP 47 tag (`zh-cn`): RDF compares tags case-insensitively
    /// and rdflib lower-cases them, so lower case keeps the three files equal.
    public var language: String?
    /// Absolute datatype IRI; nil means `xsd:string`.
    public var datatype: String?

    /// Characters that XML 1.0 cannot carry are dropped here, once, so that
    /// Turtle and JSON-LD print the same value that RDF/XML can.
    public init(_ lexical: String, language: String? = nil, datatype: String? = nil) {
        self.lexical = XMLEscaper.removingDisallowed(lexical)
        self.language = language?.lowercased()
        self.datatype = language == nil ? datatype : nil
    }
}

extension RDFTerm {
    public static func text(_ value: String, language: String?) -> RDFTerm {
        .literal(RDFLiteral(value, language: language))
    }

    public static func plain(_ value: String) -> RDFTerm {
        .literal(RDFLiteral(value))
    }

    public static func typed(_ value: String, _ datatype: String) -> RDFTerm {
        .literal(RDFLiteral(value, datatype: datatype))
    }

    public static func date(_ day: Day) -> RDFTerm {
        typed(day.description, RDFNamespace.xsd("date"))
    }
}
