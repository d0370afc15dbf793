import Foundation

/// Prints an `RDFGraph` as JSON-LD 1.1 in flattened form: an inline
/// `@context` of prefixes (harvesters and the conformance checker work
/// offline, so a remote context could not be loaded) and a `@graph` with one
/// node object per subject.
///
/// Every value is written in its explicit form (`{"@id": …}`,
/// `{"@value": …, "@language": …}`) and every property as an array: no term
/// definitions to coerce types, so the file reads back to exactly the graph
/// that Turtle and RDF/XML print.
public struct JSONLDSerializer {
    public init() {}

    public func serialize(_ graph: RDFGraph) -> Data {
        var nodes: [JSONValue] = []
        nodes.reserveCapacity(graph.descriptions.count)
        for description in graph.descriptions {
            var members: [(key: String, value: JSONValue)] = [("@id", .string(Self.nodeID(description.subject)))]
            for group in description.byPredicate {
                if group.predicate == RDFNamespace.type {
                    members.append(("@type", .array(group.objects.map { .string(Self.typeName($0)) })))
                } else {
                    members.append((Self.key(group.predicate), .array(group.objects.map(Self.value))))
                }
            }
            nodes.append(.object(members))
        }
        let context = JSONValue.object(RDFNamespace.all.map { ($0.prefix, .string($0.iri)) })
        let document = JSONValue.object([("@context", context), ("@graph", .array(nodes))])
        return JSONWriter(style: .pretty).data(document, capacity: graph.tripleCount * 90 + 1024)
    }

    static func nodeID(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let iri): iri
        case .blank(let label): "_:" + label
        case .literal: preconditionFailure("a literal is not a node")
        }
    }

    /// Property keys and type names are compacted with the context's prefixes.
    static func key(_ iri: String) -> String {
        RDFNamespace.compact(iri).map { $0.namespace.prefix + ":" + $0.local } ?? iri
    }

    static func typeName(_ term: RDFTerm) -> String {
        guard case .iri(let iri) = term else { preconditionFailure("rdf:type objects are classes (IRIs)") }
        return key(iri)
    }

    static func value(_ term: RDFTerm) -> JSONValue {
        switch term {
        case .iri, .blank:
            return .object([("@id", .string(nodeID(term)))])
        case .literal(let literal):
            var members: [(key: String, value: JSONValue)] = [("@value", .string(literal.lexical))]
            if let language = literal.language {
                members.append(("@language", .string(language)))
            } else if let datatype = literal.datatype {
                members.append(("@type", .string(key(datatype))))
            }
            return .object(members)
        }
    }
}
