import Foundation

/// Prints an `RDFGraph` as Turtle 1.1: prefixes first, then one block per
/// subject (`a` for rdf:type, `;` between predicates, `,` between objects).
///
/// Literals use short `"…"` strings with every special character escaped
/// (`\"`, `\\`, `\n`, `\r`, `\t`, other controls as `\uXXXX`); Chinese text
/// stays UTF-8. IRIs are printed as prefixed names when the local part is a
/// plain name, otherwise as `<…>` with the characters IRIREF forbids escaped.
public struct TurtleSerializer {
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
        let serializer: TurtleSerializer
        let sink: ByteSink

        init(serializer: TurtleSerializer, namespaces additional: [RDFNamespace], sink: ByteSink) {
            self.serializer = serializer
            self.sink = sink
            var head = UTF8Buffer()
            for namespace in RDFNamespace.all + additional {
                head += "@prefix \(namespace.prefix): <\(namespace.iri)> .\n"
            }
            sink.append(contentsOf: head.data)
        }

        func print(_ graph: RDFGraph) {
            sink.append(contentsOf: serializer.descriptions(graph.descriptions[...], triples: graph.tripleCount).data)
        }

        func append(block: [UInt8]) { sink.append(contentsOf: block) }

        func finish() {}
    }

    /// One subject's block, as a document prints it.
    func block(_ description: RDFGraph.Description) -> [UInt8] {
        [UInt8](descriptions(CollectionOfOne(description)).data)
    }

    /// The blocks of these subjects, each after an empty line.
    func descriptions(_ descriptions: some Collection<RDFGraph.Description>, triples: Int = 0) -> UTF8Buffer {
        var out = UTF8Buffer()
        out.reserveCapacity(triples * 80)
        for description in descriptions {
            out += "\n"
            out += Self.term(description.subject)
            let groups = description.byPredicate
            for (groupIndex, group) in groups.enumerated() {
                out += groupIndex == 0 ? " " : " ;\n    "
                out += group.predicate == RDFNamespace.type ? "a" : Self.iri(group.predicate)
                for (objectIndex, object) in group.objects.enumerated() {
                    out += objectIndex == 0 ? " " : ",\n        "
                    out += Self.term(object)
                }
            }
            out += " .\n"
        }
        return out
    }

    static func term(_ term: RDFTerm) -> String {
        switch term {
        case .iri(let value): iri(value)
        case .blank(let label): "_:" + label
        case .literal(let literal): Self.literal(literal)
        }
    }

    static func iri(_ iri: String) -> String {
        if let compact = RDFNamespace.compact(iri) { return compact.namespace.prefix + ":" + compact.local }
        if !iri.utf8.contains(where: Self.isForbiddenInIRIREF) { return "<" + iri + ">" }
        var out = "<"
        for scalar in iri.unicodeScalars {
            // IRIREF excludes these; IRI.encode has normally removed them already.
            if scalar.value <= 0x20 || "<>\"{}|^`\\".unicodeScalars.contains(scalar) {
                out += unicodeEscape(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + ">"
    }

    static func isForbiddenInIRIREF(_ byte: UInt8) -> Bool {
        switch byte {
        case 0...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"): true
        default: false
        }
    }

    static func literal(_ literal: RDFLiteral) -> String {
        let suffix = literal.language.map { "@" + $0 } ?? literal.datatype.map { "^^" + iri($0) } ?? ""
        if !literal.lexical.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }) {
            return "\"" + literal.lexical + "\"" + suffix
        }
        // Every character escaped is ASCII, so the UTF-8 is copied byte by byte.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(literal.lexical.utf8.count + 16)
        for byte in literal.lexical.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case UInt8(ascii: "\n"): bytes += [0x5C, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [0x5C, UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [0x5C, UInt8(ascii: "t")]
            case 0x08: bytes += [0x5C, UInt8(ascii: "b")]
            case 0x0C: bytes += [0x5C, UInt8(ascii: "f")]
            case 0..<0x20, 0x7F: bytes += unicodeEscape(Unicode.Scalar(byte)).utf8
            default: bytes.append(byte)
            }
        }
        return "\"" + String(decoding: bytes, as: UTF8.self) + "\"" + suffix
    }

    static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
