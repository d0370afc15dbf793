import Foundation

/// Reads the JSON-LD that catalogues publish into an `RDFGraph`: a local
/// `@context` (prefixes, `@vocab`, terms with `@id` and `@type`), `@graph`,
/// node objects with `@id`/`@type`, value objects, lists and nested nodes.
/// Remote contexts are not fetched; a term they would define is reported
/// by the importer as an unmapped field, never guessed.
struct JSONLDReader {
    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Term {
        var iri: String
        var type: String?
        var language: String??
    }

    struct Context {
        var terms: [String: Term] = [:]
        var vocab: String?
        var base: String = ""
        var language: String?
    }

    private(set) var graph = RDFGraph()
    private(set) var lines: [RDFTerm: Int] = [:]
    private var blankCounter = 0
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    static func parse(_ data: Data, base: String = "") throws -> (RDFGraph, [RDFTerm: Int]) {
        let json: LocatedJSON
        switch LocatedJSON.parse(data, file: "") {
        case .failure(let failure): throw Failure(message: "\(failure.location.line):\(failure.location.column): not readable as JSON: \(failure.message)")
        case .success(let value): json = value
        }
        var reader = JSONLDReader()
        var context = Context()
        context.base = base
        try reader.top(json, context: context)
        return (reader.graph, reader.lines)
    }

    private mutating func top(_ json: LocatedJSON, context: Context) throws {
        if json.isArray {
            for item in json.items { try top(item, context: context) }
            return
        }
        guard json.isObject else { throw Failure(message: "JSON-LD is an object or a list of objects") }
        let local = try extend(context, with: json["@context"])
        if let graphItems = json["@graph"] {
            for item in graphItems.isArray ? graphItems.items : [graphItems] { _ = try node(item, context: local) }
            if json.members.contains(where: { $0.key != "@context" && $0.key != "@graph" }) {
                _ = try node(LocatedJSON(value: .object(json.members.filter { $0.key != "@graph" }), location: json.location), context: local)
            }
        } else {
            _ = try node(json, context: local)
        }
    }

    private func extend(_ context: Context, with definition: LocatedJSON?) throws -> Context {
        guard let definition else { return context }
        var result = context
        if case .null = definition.value { return Context(base: context.base) }
        if definition.isArray {
            for item in definition.items { result = try extend(result, with: item) }
            return result
        }
        if case .string = definition.value { return result }  // a remote context: not fetched
        guard definition.isObject else { throw Failure(message: "@context must be an object, a list or an address") }
        if case .string(let vocab)? = definition["@vocab"]?.value { result.vocab = vocab }
        if case .string(let base)? = definition["@base"]?.value { result.base = base }
        if case .string(let language)? = definition["@language"]?.value { result.language = language }
        // Prefix definitions first, so terms may use them in any order.
        for (key, value) in definition.members where !key.hasPrefix("@") {
            if case .string(let iri) = value.value { result.terms[key] = Term(iri: iri) }
        }
        for (key, value) in definition.members where !key.hasPrefix("@") && value.isObject {
            let id: String
            if case .string(let given)? = value["@id"]?.value { id = expand(given, result, vocab: true) } else { id = expand(key, result, vocab: true) }
            var term = Term(iri: id)
            if case .string(let type)? = value["@type"]?.value { term.type = type.hasPrefix("@") ? type : expand(type, result, vocab: true) }
            if let language = value["@language"] {
                if case .string(let tag) = language.value { term.language = .some(tag) } else { term.language = .some(nil) }
            }
            result.terms[key] = term
        }
        let compact = result
        for (key, term) in compact.terms where term.iri.contains(":") {
            result.terms[key]?.iri = expandCompact(term.iri, compact)
        }
        return result
    }

    private func expandCompact(_ value: String, _ context: Context) -> String {
        guard let colon = value.firstIndex(of: ":") else { return value }
        let prefix = String(value[..<colon])
        let rest = value[value.index(after: colon)...]
        if rest.hasPrefix("//") { return value }
        if let namespace = context.terms[prefix]?.iri, namespace != value { return namespace + rest }
        return value
    }

    private func expand(_ value: String, _ context: Context, vocab: Bool) -> String {
        if let term = context.terms[value], vocab { return term.iri }
        if value.hasPrefix("_:") { return value }
        if value.contains(":") { return expandCompact(value, context) }
        if vocab, let vocabulary = context.vocab { return vocabulary + value }
        if !context.base.isEmpty { return URL(string: value, relativeTo: URL(string: context.base))?.absoluteString ?? value }
        return value
    }

    private mutating func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("b\(blankCounter)")
    }

    private func subjectTerm(_ id: String) -> RDFTerm {
        id.hasPrefix("_:") ? .blank("n" + id.dropFirst(2).filter { $0.isLetter || $0.isNumber }) : .iri(id)
    }

    private mutating func node(_ json: LocatedJSON, context: Context) throws -> RDFTerm {
        guard json.isObject else { throw Failure(message: "line \(json.location.line): a node must be a JSON object") }
        let local = try extend(context, with: json["@context"])
        var subject = newBlank()
        if case .string(let id)? = json["@id"]?.value { subject = subjectTerm(expand(id, local, vocab: false)) }
        for type in json["@type"]?.texts ?? [] {
            graph.add(subject, Self.rdf + "type", .iri(expand(type, local, vocab: true)))
        }
        if lines[subject] == nil { lines[subject] = json.location.line }
        for (key, value) in json.members where !key.hasPrefix("@") {
            let predicate = expand(key, local, vocab: true)
            // A key that is neither a term nor an IRI has no meaning in RDF; JSON-LD processors drop it.
            guard predicate.contains(":") else { continue }
            let term = local.terms[key]
            for item in value.isArray ? value.items : [value] {
                for objectTerm in try objects(item, term: term, context: local) { graph.add(subject, predicate, objectTerm) }
            }
        }
        return subject
    }

    private mutating func objects(_ value: LocatedJSON, term: Term?, context: Context) throws -> [RDFTerm] {
        switch value.value {
        case .null:
            return []
        case .object:
            if let literal = value["@value"] {
                let text = literal.text ?? ""
                if case .string(let language)? = value["@language"]?.value { return [.text(text, language: language)] }
                if case .string(let type)? = value["@type"]?.value { return [.typed(text, expand(type, context, vocab: true))] }
                if case .bool = literal.value { return [.typed(text, Self.xsd + "boolean")] }
                return [.plain(text)]
            }
            if let list = value["@list"] ?? value["@set"] {
                return try (list.isArray ? list.items : [list]).flatMap { try objects($0, term: term, context: context) }
            }
            if value.members.count == 1, case .string(let id)? = value["@id"]?.value { return [subjectTerm(expand(id, context, vocab: false))] }
            return [try node(value, context: context)]
        case .array(let items):
            return try items.flatMap { try objects($0, term: term, context: context) }
        case .string(let string):
            switch term?.type {
            case "@id": return [subjectTerm(expand(string, context, vocab: false))]
            case "@vocab": return [subjectTerm(expand(string, context, vocab: true))]
            case let type?: return [.typed(string, type)]
            case nil:
                let language = term?.language ?? context.language
                return [language.map { RDFTerm.text(string, language: $0) } ?? .plain(string)]
            }
        case .bool(let flag):
            return [.typed(flag ? "true" : "false", Self.xsd + "boolean")]
        case .number(let text):
            return [.typed(text, Self.xsd + (text.contains(".") || text.lowercased().contains("e") ? "double" : "integer"))]
        }
    }

}
