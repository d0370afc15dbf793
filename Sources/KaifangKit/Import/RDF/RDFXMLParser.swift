import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads RDF/XML into an `RDFGraph`: node elements (`rdf:Description` or
/// typed), `rdf:about`/`rdf:ID`/`rdf:nodeID`, property attributes, property
/// elements with `rdf:resource`, `rdf:nodeID`, `rdf:datatype`, `xml:lang`,
/// nested nodes and `rdf:parseType="Resource"`/`"Literal"`.
final class RDFXMLParser: NSObject, XMLParserDelegate {
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "\(line): \(message)" }
    }

    private enum Frame {
        /// A node element: its subject.
        case node(RDFTerm)
        /// A property element of `subject`, collecting text until a nested node or the end.
        case property(subject: RDFTerm, predicate: String, language: String?, datatype: String?, text: String, object: RDFTerm?, literalXML: Bool)
    }

    private var stack: [Frame] = []
    private var languages: [String?] = []
    private var base: String
    private var blankCounter = 0
    private(set) var graph = RDFGraph()
    private(set) var lines: [RDFTerm: Int] = [:]
    private var failure: Failure?
    private weak var parser: XMLParser?

    init(base: String) { self.base = base }

    static func parse(_ data: Data, base: String = "") throws -> (RDFGraph, [RDFTerm: Int]) {
        let delegate = RDFXMLParser(base: base)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        delegate.parser = parser
        let ok = parser.parse()
        if let failure = delegate.failure { throw failure }
        if !ok {
            throw Failure(line: parser.lineNumber, message: parser.parserError.map { "not well-formed XML (\($0.localizedDescription))" } ?? "not well-formed XML")
        }
        return (delegate.graph, delegate.lines)
    }

    private func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("b\(blankCounter)")
    }

    private func resolve(_ iri: String) -> String {
        guard !base.isEmpty, !iri.contains(":") || iri.hasPrefix("#") || iri.hasPrefix("/") else { return iri }
        if iri.isEmpty { return base }
        return URL(string: iri, relativeTo: URL(string: base))?.absoluteString ?? iri
    }

    private func fail(_ message: String) {
        guard failure == nil else { return }
        failure = Failure(line: parser?.lineNumber ?? 0, message: message)
        parser?.abortParsing()
    }

    private func subject(from attributes: [String: String]) -> RDFTerm {
        if let about = attributes[Self.rdf + "about"] { return .iri(resolve(about)) }
        if let id = attributes[Self.rdf + "ID"] { return .iri(resolve("#" + id)) }
        if let nodeID = attributes[Self.rdf + "nodeID"] { return .blank("n" + nodeID.filter { $0.isLetter || $0.isNumber }) }
        return newBlank()
    }

    /// XMLParser on Linux reports namespaced attribute names as `prefix:local` unless told otherwise; names are made absolute here.
    private func expanded(_ attributes: [String: String], namespaces: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in attributes {
            if name.hasPrefix("xmlns") { continue }
            if let colon = name.firstIndex(of: ":") {
                let prefix = String(name[..<colon])
                let local = String(name[name.index(after: colon)...])
                if prefix == "xml" { result["xml:" + local] = value; continue }
                if let namespace = namespaces[prefix] { result[namespace + local] = value; continue }
            }
            result[name] = value
        }
        return result
    }

    private var namespaceStack: [[String: String]] = [["rdf": RDFXMLParser.rdf]]
    /// Prefixes the parser announced for the element about to start.
    private var pendingPrefixes: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartMappingPrefix prefix: String, toURI namespaceURI: String) {
        pendingPrefixes[prefix] = namespaceURI
    }

    private func addPropertyAttributes(_ attributes: [String: String], to subject: RDFTerm, language: String?) {
        let syntax: Set<String> = ["about", "ID", "nodeID", "resource", "datatype", "parseType", "type"].reduce(into: []) { $0.insert(Self.rdf + $1) }
        for (name, value) in attributes.sorted(by: { $0.key < $1.key }) where !syntax.contains(name) && !name.hasPrefix("xml:") {
            graph.add(subject, name, language.map { RDFTerm.text(value, language: $0) } ?? .plain(value))
        }
        if let type = attributes[Self.rdf + "type"] { graph.add(subject, Self.rdf + "type", .iri(resolve(type))) }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
                attributes rawAttributes: [String: String] = [:]) {
        var namespaces = namespaceStack.last ?? [:]
        namespaces.merge(pendingPrefixes) { _, new in new }
        pendingPrefixes = [:]
        for (name, value) in rawAttributes where name == "xmlns" || name.hasPrefix("xmlns:") {
            namespaces[name == "xmlns" ? "" : String(name.dropFirst(6))] = value
        }
        namespaceStack.append(namespaces)
        let attributes = expanded(rawAttributes, namespaces: namespaces)
        let name = (namespaceURI ?? "") + elementName
        let language = attributes["xml:lang"] ?? languages.last ?? nil
        languages.append(language)
        if let base = attributes["xml:base"] { self.base = base }

        if name == Self.rdf + "RDF" { return }
        switch stack.last {
        case nil:
            stack.append(.node(nodeElement(name, attributes, language: language, line: parser.lineNumber)))
        case .property(let subject, let predicate, let propertyLanguage, let datatype, let text, let object, let literalXML):
            if literalXML {
                stack[stack.count - 1] = .property(subject: subject, predicate: predicate, language: propertyLanguage, datatype: datatype,
                                                   text: text + "<\(qName ?? elementName)>", object: object, literalXML: true)
                stack.append(.property(subject: subject, predicate: "", language: nil, datatype: nil, text: "", object: nil, literalXML: true))
                return
            }
            // A node nested in a property element is the property's object.
            let node = nodeElement(name, attributes, language: language, line: parser.lineNumber)
            graph.add(subject, predicate, node)
            stack[stack.count - 1] = .property(subject: subject, predicate: predicate, language: propertyLanguage, datatype: datatype,
                                               text: "", object: node, literalXML: false)
            stack.append(.node(node))
        case .node(let subject):
            propertyElement(name, attributes, of: subject, language: language)
        }
    }

    private func nodeElement(_ name: String, _ attributes: [String: String], language: String?, line: Int) -> RDFTerm {
        let node = subject(from: attributes)
        if lines[node] == nil { lines[node] = line }
        if name != Self.rdf + "Description" { graph.add(node, Self.rdf + "type", .iri(name)) }
        addPropertyAttributes(attributes, to: node, language: language)
        return node
    }

    private func propertyElement(_ property: String, _ attributes: [String: String], of subject: RDFTerm, language: String?) {
        // A property whose object is already known: nothing inside it is read as its value.
        let done = RDFTerm.iri("")
        if let resource = attributes[Self.rdf + "resource"] {
            graph.add(subject, property, .iri(resolve(resource)))
            stack.append(.property(subject: subject, predicate: property, language: nil, datatype: nil, text: "", object: done, literalXML: false))
            return
        }
        if let nodeID = attributes[Self.rdf + "nodeID"] {
            graph.add(subject, property, .blank("n" + nodeID.filter { $0.isLetter || $0.isNumber }))
            stack.append(.property(subject: subject, predicate: property, language: nil, datatype: nil, text: "", object: done, literalXML: false))
            return
        }
        switch attributes[Self.rdf + "parseType"] {
        case "Resource":
            let node = newBlank()
            graph.add(subject, property, node)
            stack.append(.property(subject: subject, predicate: property, language: nil, datatype: nil, text: "", object: node, literalXML: false))
            stack.append(.node(node))
            parseTypeResourceDepth.insert(stack.count)
        case "Literal":
            stack.append(.property(subject: subject, predicate: property, language: nil, datatype: Self.rdf + "XMLLiteral", text: "",
                                   object: nil, literalXML: true))
        default:
            let propertyAttributes = attributes.filter { key, _ in
                !key.hasPrefix("xml:") && key != Self.rdf + "datatype" && key != Self.rdf + "ID"
            }
            if !propertyAttributes.isEmpty {
                // Property attributes on a property element describe a blank node.
                let node = newBlank()
                addPropertyAttributes(propertyAttributes, to: node, language: language)
                graph.add(subject, property, node)
                stack.append(.property(subject: subject, predicate: property, language: nil, datatype: nil, text: "", object: done, literalXML: false))
                return
            }
            stack.append(.property(subject: subject, predicate: property, language: language, datatype: attributes[Self.rdf + "datatype"],
                                   text: "", object: nil, literalXML: false))
        }
    }

    /// Stack depths of the blank nodes that `rdf:parseType="Resource"` opened: they end with their property element.
    private var parseTypeResourceDepth: Set<Int> = []

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard case .property(let subject, let predicate, let language, let datatype, let text, let object, let literalXML)? = stack.last else { return }
        stack[stack.count - 1] = .property(subject: subject, predicate: predicate, language: language, datatype: datatype,
                                           text: text + string, object: object, literalXML: literalXML)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        namespaceStack.removeLast()
        languages.removeLast()
        let name = (namespaceURI ?? "") + elementName
        if name == Self.rdf + "RDF" { return }
        if parseTypeResourceDepth.remove(stack.count) != nil { stack.removeLast() }
        guard let frame = stack.popLast() else { return }
        switch frame {
        case .node:
            return
        case .property(let subject, let predicate, let language, let datatype, let text, let object, let literalXML):
            if literalXML, predicate.isEmpty {
                // The end of an element inside a parseType="Literal" value.
                if case .property(let s, let p, let l, let d, let outer, let o, _)? = stack.last {
                    stack[stack.count - 1] = .property(subject: s, predicate: p, language: l, datatype: d,
                                                       text: outer + text + "</\(qName ?? elementName)>", object: o, literalXML: true)
                }
                return
            }
            guard object == nil else { return }
            let term: RDFTerm = datatype.map { .typed(text, $0) } ?? (language.map { .text(text, language: $0) } ?? .plain(text))
            graph.add(subject, predicate, term)
        }
    }
}
