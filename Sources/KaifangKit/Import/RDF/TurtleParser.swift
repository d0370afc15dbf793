import Foundation

/// Reads Turtle (RDF 1.1) into an `RDFGraph`: prefixes and base, IRIs,
/// prefixed names, `a`, literals with language or datatype, numbers and
/// booleans, blank nodes (`_:x`, `[ … ]`) and collections `( … )`.
struct TurtleParser {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var prefixes: [String: String] = [:]
    private var base: String
    private var blankCounter = 0
    private(set) var graph = RDFGraph()
    /// The line where each subject was first described, for diagnostics.
    private(set) var lines: [RDFTerm: Int] = [:]

    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    init(_ text: String, base: String = "") {
        scalars = Array(text.unicodeScalars)
        self.base = base
    }

    static func parse(_ text: String, base: String = "") throws -> (RDFGraph, [RDFTerm: Int]) {
        var parser = TurtleParser(text, base: base)
        try parser.document()
        return (parser.graph, parser.lines)
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, column: index - lineStart + 1, message: message)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func peek(_ offset: Int) -> Unicode.Scalar? { index + offset < scalars.count ? scalars[index + offset] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" { line += 1; lineStart = index + 1 }
        index += 1
    }

    private mutating func skipSpace() {
        while let scalar = current {
            if scalar == "#" {
                while let inner = current, inner != "\n" { advance() }
            } else if scalar == " " || scalar == "\t" || scalar == "\r" || scalar == "\n" {
                advance()
            } else {
                return
            }
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar) throws {
        skipSpace()
        guard current == scalar else { throw failure("expected `\(scalar)`") }
        advance()
    }

    private func startsWithWord(_ word: String, caseInsensitive: Bool) -> Bool {
        let wordScalars = Array(word.unicodeScalars)
        guard index + wordScalars.count <= scalars.count else { return false }
        for (offset, scalar) in wordScalars.enumerated() {
            let found = scalars[index + offset]
            if caseInsensitive ? String(found).lowercased() != String(scalar).lowercased() : found != scalar { return false }
        }
        return true
    }

    mutating func document() throws {
        while true {
            skipSpace()
            guard current != nil else { return }
            if startsWithWord("@prefix", caseInsensitive: false) {
                index += 7
                try prefixDeclaration()
                try expect(".")
            } else if startsWithWord("@base", caseInsensitive: false) {
                index += 5
                skipSpace()
                base = try iriReference()
                try expect(".")
            } else if startsWithWord("PREFIX", caseInsensitive: true), peek(6) == " " || peek(6) == "\t" {
                index += 6
                try prefixDeclaration()
            } else if startsWithWord("BASE", caseInsensitive: true), peek(4) == " " || peek(4) == "\t" {
                index += 4
                skipSpace()
                base = try iriReference()
            } else {
                try triples()
                try expect(".")
            }
        }
    }

    private mutating func prefixDeclaration() throws {
        skipSpace()
        var name = ""
        while let scalar = current, scalar != ":" {
            guard !(scalar == " " || scalar == "\n") else { throw failure("a prefix name ends with `:`") }
            name.unicodeScalars.append(scalar)
            advance()
        }
        guard current == ":" else { throw failure("a prefix name ends with `:`") }
        advance()
        skipSpace()
        prefixes[name] = try iriReference()
    }

    private mutating func triples() throws {
        skipSpace()
        let subject: RDFTerm
        let subjectLine = line
        if current == "[" {
            subject = try blankNodePropertyList()
            skipSpace()
            if current == "." { return }
        } else {
            subject = try term(asSubject: true)
        }
        if lines[subject] == nil { lines[subject] = subjectLine }
        try predicateObjectList(subject)
    }

    private mutating func predicateObjectList(_ subject: RDFTerm) throws {
        while true {
            skipSpace()
            let predicate: String
            if current == "a", let next = peek(1), next == " " || next == "\t" || next == "\n" || next == "<" || next == "[" || next == "\"" || next == "_" {
                advance()
                predicate = Self.rdf + "type"
            } else {
                guard case .iri(let iri) = try term(asSubject: true) else { throw failure("a predicate must be an IRI") }
                predicate = iri
            }
            while true {
                skipSpace()
                let object = try objectTerm()
                graph.add(subject, predicate, object)
                skipSpace()
                if current == "," { advance(); continue }
                break
            }
            skipSpace()
            guard current == ";" else { return }
            while current == ";" { advance(); skipSpace() }
            if current == "." || current == "]" || current == nil { return }
        }
    }

    private mutating func newBlank() -> RDFTerm {
        blankCounter += 1
        return .blank("b\(blankCounter)")
    }

    private mutating func blankNodePropertyList() throws -> RDFTerm {
        advance()  // [
        let node = newBlank()
        if lines[node] == nil { lines[node] = line }
        skipSpace()
        if current == "]" { advance(); return node }
        try predicateObjectList(node)
        try expect("]")
        return node
    }

    private mutating func collection() throws -> RDFTerm {
        advance()  // (
        var items: [RDFTerm] = []
        while true {
            skipSpace()
            guard let scalar = current else { throw failure("the file ends inside a collection") }
            if scalar == ")" { advance(); break }
            items.append(try objectTerm())
        }
        var list: RDFTerm = .iri(Self.rdf + "nil")
        for item in items.reversed() {
            let node = newBlank()
            graph.add(node, Self.rdf + "first", item)
            graph.add(node, Self.rdf + "rest", list)
            list = node
        }
        return list
    }

    private mutating func objectTerm() throws -> RDFTerm {
        skipSpace()
        switch current {
        case "[": return try blankNodePropertyList()
        case "(": return try collection()
        case "\"", "'": return try literal()
        default:
            if let scalar = current, scalar == "+" || scalar == "-" || scalar == "." || ("0"..."9").contains(scalar) { return numeric() }
            if startsWithWord("true", caseInsensitive: false) || startsWithWord("false", caseInsensitive: false),
               let end = peek(startsWithWord("true", caseInsensitive: false) ? 4 : 5), !isNameScalar(end) {
                let value = startsWithWord("true", caseInsensitive: false) ? "true" : "false"
                index += value.unicodeScalars.count
                return .typed(value, Self.xsd + "boolean")
            }
            return try term(asSubject: false)
        }
    }

    private mutating func term(asSubject: Bool) throws -> RDFTerm {
        skipSpace()
        guard let scalar = current else { throw failure("the file ends where a term was expected") }
        if scalar == "<" { return .iri(try iriReference()) }
        if scalar == "_", peek(1) == ":" {
            index += 2
            var label = ""
            while let inner = current, isNameScalar(inner) || inner == "." && peek(1).map(isNameScalar) == true {
                label.unicodeScalars.append(inner)
                advance()
            }
            // Labels from the file get their own space so they never meet the parser's own.
            return .blank("n" + label.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(String.init).joined())
        }
        return .iri(try prefixedName())
    }

    private func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-" || scalar == "\u{B7}"
            || scalar.value >= 0x300 && !(scalar.properties.isWhitespace)
    }

    private mutating func prefixedName() throws -> String {
        var prefix = ""
        while let scalar = current, scalar != ":" {
            guard isNameScalar(scalar) || scalar == "." else { throw failure("unexpected `\(scalar)` where a term was expected") }
            prefix.unicodeScalars.append(scalar)
            advance()
        }
        guard current == ":" else { throw failure("the file ends inside a prefixed name") }
        advance()
        guard let namespace = prefixes[prefix] else { throw failure("the prefix \"\(prefix):\" is not declared") }
        var local = ""
        while let scalar = current {
            if scalar == "\\", let next = peek(1) {
                local.unicodeScalars.append(next)
                advance(); advance()
            } else if scalar == "%", let a = peek(1), let b = peek(2) {
                local += "%\(a)\(b)"
                advance(); advance(); advance()
            } else if isNameScalar(scalar) || scalar == ":" {
                local.unicodeScalars.append(scalar)
                advance()
            } else if scalar == ".", let next = peek(1), isNameScalar(next) || next == ":" {
                local.unicodeScalars.append(scalar)
                advance()
            } else {
                break
            }
        }
        return namespace + local
    }

    private mutating func iriReference() throws -> String {
        guard current == "<" else { throw failure("expected an IRI in `<…>`") }
        advance()
        var iri = ""
        while let scalar = current, scalar != ">" {
            if scalar == "\n" { throw failure("an IRI may not span lines") }
            if scalar == "\\", peek(1) == "u" || peek(1) == "U" {
                advance()
                iri.unicodeScalars.append(try unicodeEscape())
                continue
            }
            iri.unicodeScalars.append(scalar)
            advance()
        }
        guard current == ">" else { throw failure("the file ends inside an IRI") }
        advance()
        return resolve(iri)
    }

    private func resolve(_ iri: String) -> String {
        guard !base.isEmpty, !iri.contains(":") || iri.hasPrefix("#") || iri.hasPrefix("/") else { return iri }
        if iri.isEmpty { return base }
        return URL(string: iri, relativeTo: URL(string: base))?.absoluteString ?? iri
    }

    private mutating func unicodeEscape() throws -> Unicode.Scalar {
        let long = current == "U"
        advance()
        var hex = ""
        for _ in 0..<(long ? 8 : 4) {
            guard let scalar = current else { throw failure("the file ends inside an escape") }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else { throw failure("a bad \\u escape") }
        return scalar
    }

    private mutating func literal() throws -> RDFTerm {
        let quote = current!
        let long = peek(1) == quote && peek(2) == quote
        index += long ? 3 : 1
        var value = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw failure("the file ends inside a string") }
            if scalar == quote {
                if !long { advance(); break }
                if peek(1) == quote, peek(2) == quote {
                    // A long string may end with extra quotes that belong to it.
                    var count = 0
                    while peek(count) == quote { count += 1 }
                    for _ in 0..<(count - 3) { value.append(quote) }
                    index += count
                    break
                }
            }
            if !long, scalar == "\n" { throw failure("a string in quotes may not span lines; use \"\"\" for long text") }
            if scalar == "\\" {
                advance()
                guard let escaped = current else { throw failure("the file ends inside an escape") }
                switch escaped {
                case "t": value.append("\t"); advance()
                case "n": value.append("\n"); advance()
                case "r": value.append("\r"); advance()
                case "b": value.append("\u{08}"); advance()
                case "f": value.append("\u{0C}"); advance()
                case "u", "U": value.append(try unicodeEscape())
                default: value.append(escaped); advance()
                }
                continue
            }
            value.append(scalar)
            advance()
        }
        let text = String(value)
        if current == "@" {
            advance()
            var language = ""
            while let scalar = current, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" {
                language.unicodeScalars.append(scalar)
                advance()
            }
            return .text(text, language: language)
        }
        if current == "^", peek(1) == "^" {
            index += 2
            guard case .iri(let datatype) = try term(asSubject: false) else { throw failure("a datatype must be an IRI") }
            return datatype == Self.xsd + "string" ? .plain(text) : .typed(text, datatype)
        }
        return .plain(text)
    }

    private mutating func numeric() -> RDFTerm {
        var text = ""
        while let scalar = current, scalar == "+" || scalar == "-" || scalar == "." || scalar == "e" || scalar == "E" || ("0"..."9").contains(scalar) {
            // A final `.` ends the statement, it is not a decimal point.
            if scalar == ".", !(peek(1).map { ("0"..."9").contains($0) } ?? false) { break }
            text.unicodeScalars.append(scalar)
            advance()
        }
        let type = text.contains("e") || text.contains("E") ? "double" : text.contains(".") ? "decimal" : "integer"
        return .typed(text, Self.xsd + type)
    }
}
