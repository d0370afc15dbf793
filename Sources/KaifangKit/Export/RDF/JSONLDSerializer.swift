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
        let sink = ByteSink()
        printer(namespaces: graph.additionalNamespaces, into: sink).print(parts: { $0(graph) })
        return sink.data
    }

    /// A document printed a part at a time into `sink`: each part's node
    /// objects are printed in parallel and appended in order.
    public func printer(namespaces additional: [RDFNamespace], into sink: ByteSink) -> any RDFDocumentPrinter {
        Printer(document: Self.document(namespaces: additional, into: sink))
    }

    final class Printer: RDFDocumentPrinter {
        var document: JSONWriter.ArrayDocument

        init(document: JSONWriter.ArrayDocument) { self.document = document }

        func print(_ graph: RDFGraph) {
            for bytes in JSONLDSerializer.printedNodes(graph.descriptions[...], parallel: true) { document.append(printed: bytes) }
        }

        func append(block: [UInt8]) { document.append(printed: block) }

        func finish() { document.finish() }
    }

    static let writer = JSONWriter(style: .pretty)

    /// The document's context, then node objects as they are appended.
    static func document(namespaces additional: [RDFNamespace], into sink: ByteSink) -> JSONWriter.ArrayDocument {
        let context = JSONValue.object((RDFNamespace.all + additional).map { ($0.prefix, .string($0.iri)) })
        return JSONWriter.ArrayDocument(writer, members: [("@context", context)], lastKey: "@graph", into: sink)
    }

    /// One subject's node object, as an item of `@graph`.
    func block(_ description: RDFGraph.Description) -> [UInt8] {
        var bytes = [UInt8]()
        Self.writer.write(Self.node(description), depth: 2, into: &bytes)
        return bytes
    }

    /// The node objects of these subjects, printed as items of `@graph`.
    static func printedNodes(_ descriptions: ArraySlice<RDFGraph.Description>, parallel: Bool = false) -> [[UInt8]] {
        let print = { @Sendable (description: RDFGraph.Description) -> [UInt8] in
            var bytes = [UInt8]()
            writer.write(node(description), depth: 2, into: &bytes)
            return bytes
        }
        return parallel ? Array(descriptions).parallelMap(print) : descriptions.map(print)
    }

    static func node(_ description: RDFGraph.Description) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("@id", .string(nodeID(description.subject)))]
        for group in description.byPredicate {
            if group.predicate == RDFNamespace.type {
                members.append(("@type", .array(group.objects.map { .string(typeName($0)) })))
            } else {
                members.append((key(group.predicate), .array(group.objects.map(value))))
            }
        }
        return .object(members)
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
