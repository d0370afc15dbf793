import Foundation

/// Prints an `RDFGraph` as RDF/XML: one flat `rdf:Description` per subject
/// (no nesting, no typed-node shortcuts), which every RDF/XML reader parses
/// the same way.
///
/// Every predicate must belong to a namespace of `RDFNamespace.all`, since
/// RDF/XML can only write a predicate as an XML element name. Text and
/// attribute values go through `XMLEscaper`; blank nodes use `rdf:nodeID`.
public struct RDFXMLSerializer {
    public init() {}

    public func serialize(_ graph: RDFGraph) -> Data {
        let sink = ByteSink()
        printer(namespaces: graph.additionalNamespaces, into: sink).print(parts: { $0(graph) })
        return sink.data
    }

    /// A document printed a part at a time into `sink`.
    public func printer(namespaces additional: [RDFNamespace], into sink: ByteSink) -> any RDFDocumentPrinter {
        Printer(serializer: self, namespaces: additional, sink: sink)
    }

    final class Printer: RDFDocumentPrinter {
        let serializer: RDFXMLSerializer
        let sink: ByteSink

        init(serializer: RDFXMLSerializer, namespaces additional: [RDFNamespace], sink: ByteSink) {
            self.serializer = serializer
            self.sink = sink
            var head = UTF8Buffer()
            head += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF"
            for namespace in RDFNamespace.all + additional {
                head += "\n    xmlns:\(namespace.prefix)=\"\(XMLEscaper.attribute(namespace.iri))\""
            }
            head += ">\n"
            sink.append(contentsOf: head.data)
        }

        func print(_ graph: RDFGraph) {
            sink.append(contentsOf: serializer.descriptions(graph.descriptions, triples: graph.tripleCount).data)
        }

        func append(block: [UInt8]) { sink.append(contentsOf: block) }

        func finish() { sink.append("</rdf:RDF>\n") }
    }

    /// One subject's `rdf:Description`, as a document prints it.
    func block(_ description: RDFGraph.Description) -> [UInt8] {
        [UInt8](descriptions(CollectionOfOne(description)).data)
    }

    fileprivate func descriptions(_ descriptions: some Collection<RDFGraph.Description>, triples: Int = 0) -> UTF8Buffer {
        var out = UTF8Buffer()
        out.reserveCapacity(triples * 100)
        for description in descriptions {
            out += "  <rdf:Description " + Self.nodeAttribute(description.subject, about: true) + ">\n"
            for statement in description.statements {
                let name = Self.qualifiedName(statement.predicate)
                out += "    <" + name
                switch statement.object {
                case .iri, .blank:
                    out += " " + Self.nodeAttribute(statement.object, about: false) + "/>\n"
                case .literal(let literal):
                    if let language = literal.language {
                        out += " xml:lang=\"" + XMLEscaper.attribute(language) + "\""
                    } else if let datatype = literal.datatype {
                        out += " rdf:datatype=\"" + XMLEscaper.attribute(datatype) + "\""
                    }
                    out += ">" + XMLEscaper.text(literal.lexical) + "</" + name + ">\n"
                }
            }
            out += "  </rdf:Description>\n"
        }
        return out
    }

    /// `rdf:about`/`rdf:resource` for an IRI, `rdf:nodeID` for a blank node.
    static func nodeAttribute(_ term: RDFTerm, about: Bool) -> String {
        switch term {
        case .iri(let iri): (about ? "rdf:about=\"" : "rdf:resource=\"") + XMLEscaper.attribute(iri) + "\""
        case .blank(let label): "rdf:nodeID=\"" + XMLEscaper.attribute(label) + "\""
        case .literal: preconditionFailure("a literal is not a node")
        }
    }

    static func qualifiedName(_ predicate: String) -> String {
        guard let compact = RDFNamespace.compact(predicate) else {
            preconditionFailure("RDF/XML cannot write the predicate \(predicate): add its namespace to RDFNamespace.all")
        }
        return compact.namespace.prefix + ":" + compact.local
    }
}
