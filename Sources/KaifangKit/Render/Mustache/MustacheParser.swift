/// The Mustache syntax the portal's templates use, parsed once per build:
/// variables (`{{x}}`, `{{{x}}}`, `{{&x}}`, dotted names), sections and
/// inverted sections, comments, set delimiters, partials and template
/// inheritance (`{{<layout}}` with `{{$block}}`). Whitespace follows the
/// Mustache spec as swift-mustache 2.x applied it, which rendered these
/// templates before: a tag alone on its line takes the line with it, and a
/// standalone partial is indented like its tag. Lambdas, dynamic partials
/// (`{{>*x}}`), transforms (`{{f(x)}}`) and `{{%CONTENT_TYPE}}` are not
/// supported: a template using them is a syntax error, never a blank.
struct MustacheParser {
    struct SyntaxError: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
        /// The text of the line, to show where.
        var lineText: String
    }

    /// Parses a whole template; a syntax error carries its line and column.
    static func parse(_ text: String) throws(SyntaxError) -> MustacheTemplate {
        var parser = MustacheParser(Array(text))
        do {
            return try parser.parse(state: State())
        } catch {
            throw parser.syntaxError(error.message)
        }
    }

    struct Failure: Error { var message: String }

    struct State {
        var sectionName: String?
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter: [Character] = ["{", "{"]
        var endDelimiter: [Character] = ["}", "}"]
        var partialDefinitionIndent: [Character]?

        func withSectionName(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }

        func withDelimiters(start: [Character], end: [Character]) -> State {
            var state = self
            state.startDelimiter = start
            state.endDelimiter = end
            state.isPartialDefinitionTopLevel = false
            return state
        }
    }

    private let characters: [Character]
    private var position = 0

    private init(_ characters: [Character]) { self.characters = characters }

    private var reachedEnd: Bool { position >= characters.count }
    private var current: Character { reachedEnd ? "\0" : characters[position] }

    private mutating func read(while set: Set<Character>) -> [Character] {
        let start = position
        while !reachedEnd, set.contains(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    private mutating func skipWhitespace() {
        while !reachedEnd, characters[position].isWhitespace { position += 1 }
    }

    /// Reads `string` if it comes next; otherwise stays put.
    private mutating func read(_ string: [Character]) -> Bool {
        guard position + string.count <= characters.count, Array(characters[position..<position + string.count]) == string else { return false }
        position += string.count
        return true
    }

    private mutating func parse(state initial: State) throws(Failure) -> MustacheTemplate {
        var tokens: [MustacheTemplate.Token] = []
        var state = initial
        var whiteSpaceBefore: [Character] = []
        func text(_ characters: [Character]) -> MustacheTemplate.Token { .text(Array(String(characters).utf8)) }
        while !reachedEnd {
            if state.newLine {
                let whiteSpace = read(while: [" ", "\t"])
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    // The lines of a block inside {{<parent}} lose the indent of its first line.
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = Array(whiteSpace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let literal = readUntilDelimiterOrNewline(state)
            if current.isNewline, !reachedEnd {
                tokens.append(text(whiteSpaceBefore + literal + [current]))
                state.newLine = true
                position += 1
                continue
            }
            if !literal.isEmpty {
                tokens.append(text(whiteSpaceBefore + literal))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if reachedEnd { break }
            var setNewLine = false
            func flushWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
            }
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try parseName(state)
                if isStandalone(state) { setNewLine = true } else { flushWhiteSpace() }
                let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                tokens.append(inverted ? .invertedSection(MustacheTemplate.Path(name), body) : .section(MustacheTemplate.Path(name), body))
            case "/":
                position += 1
                let start = position
                let name = try parseName(state)
                guard name == state.sectionName else {
                    position = start
                    if let open = state.sectionName {
                        throw Failure(message: "{{/\(name)}} closes a section, but the open one is {{#\(open)}}")
                    }
                    throw Failure(message: "{{/\(name)}} closes a section that was never opened")
                }
                if !isStandalone(state), !whiteSpaceBefore.isEmpty {
                    tokens.append(text(whiteSpaceBefore))
                }
                return MustacheTemplate(tokens: tokens)
            case "!":
                position += 1
                try skipComment(state)
                setNewLine = isStandalone(state)
            case "{", "&":
                let triple = current == "{"
                flushWhiteSpace()
                position += 1
                let name = try parseName(state)
                if triple {
                    guard current == "}" else { throw Failure(message: "{{{\(name)}} is not closed with }}}") }
                    position += 1
                }
                tokens.append(.unescaped(MustacheTemplate.Path(name)))
            case ">":
                position += 1
                skipWhitespace()
                if current == "*" { throw Failure(message: "dynamic partials ({{>*name}}) are not supported") }
                let name = try parsePartialName(state)
                let indentation = whiteSpaceBefore
                if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                if isStandalone(state) {
                    setNewLine = true
                    tokens.append(.partial(name, indentation: Array(String(indentation).utf8), inherits: nil))
                } else {
                    tokens.append(.partial(name, indentation: nil, inherits: nil))
                }
                whiteSpaceBefore = []
            case "<":
                position += 1
                skipWhitespace()
                let name = try parsePartialName(state)
                if name.hasPrefix("*") { throw Failure(message: "dynamic partials ({{<*name}}) are not supported") }
                let indentation = whiteSpaceBefore
                if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                if isStandalone(state) { setNewLine = true }
                let body = try parse(state: state.withInheritancePartial(name))
                var inherits: [String: MustacheTemplate] = [:]
                for token in body.tokens {
                    switch token {
                    case .blockDefinition(let block, let template): inherits[block] = template
                    case .text: break
                    default: throw Failure(message: "inside {{<\(name)}} only blocks ({{$name}}…{{/name}}) and text may appear")
                    }
                }
                tokens.append(.partial(name, indentation: Array(String(indentation).utf8), inherits: inherits))
                whiteSpaceBefore = []
            case "$":
                position += 1
                let name = try parseName(state)
                if state.isPartialDefinitionTopLevel {
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockDefinition(name, body))
                } else {
                    let indentation = whiteSpaceBefore
                    if !whiteSpaceBefore.isEmpty { tokens.append(text(whiteSpaceBefore)) }
                    if isStandalone(state) { setNewLine = true }
                    let body = try parse(state: state.withSectionName(name, newLine: setNewLine))
                    tokens.append(.blockExpansion(name, body, indentation: Array(String(indentation).utf8)))
                    whiteSpaceBefore = []
                }
            case "=":
                position += 1
                state = try parseSetDelimiter(state)
                setNewLine = isStandalone(state)
            case "%":
                throw Failure(message: "pragmas ({{%…}}) are not supported")
            default:
                flushWhiteSpace()
                let name = try parseName(state)
                tokens.append(.variable(MustacheTemplate.Path(name)))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName {
            throw Failure(message: "{{#\(open)}} is opened but never closed")
        }
        return MustacheTemplate(tokens: tokens)
    }

    /// Literal text up to a tag (its opening delimiter is consumed) or a line end.
    private mutating func readUntilDelimiterOrNewline(_ state: State) -> [Character] {
        var literal: [Character] = []
        let first = state.startDelimiter[0]
        while !reachedEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == first {
                if read(state.startDelimiter) { break }
                literal.append(first)
                position += 1
                continue
            }
            literal.append(character)
            position += 1
        }
        return literal
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    private mutating func parseName(_ state: State) throws(Failure) -> String {
        skipWhitespace()
        let name = read(while: Self.nameCharacters)
        skipWhitespace()
        if current == "(" { throw Failure(message: "transforms ({{name(value)}}) are not supported") }
        guard read(state.endDelimiter) else { throw Failure(message: "a tag is not closed with \(String(state.endDelimiter))") }
        return String(name)
    }

    private mutating func parsePartialName(_ state: State) throws(Failure) -> String {
        skipWhitespace()
        let name = read(while: Self.partialNameCharacters)
        skipWhitespace()
        guard read(state.endDelimiter) else { throw Failure(message: "a tag is not closed with \(String(state.endDelimiter))") }
        return String(name)
    }

    private mutating func skipComment(_ state: State) throws(Failure) {
        let start = position
        while !reachedEnd {
            if read(state.endDelimiter) { return }
            position += 1
        }
        position = start
        throw Failure(message: "a comment is not closed with \(String(state.endDelimiter))")
    }

    private mutating func parseSetDelimiter(_ state: State) throws(Failure) -> State {
        let failure = Failure(message: "a set-delimiter tag must read {{=<start> <end>=}}")
        skipWhitespace()
        var start: [Character] = []
        while !reachedEnd, !current.isWhitespace { start.append(current); position += 1 }
        guard !reachedEnd else { throw failure }
        skipWhitespace()
        var end: [Character] = []
        while !reachedEnd, current != "=", !current.isWhitespace { end.append(current); position += 1 }
        guard !reachedEnd else { throw failure }
        skipWhitespace()
        guard current == "=" else { throw failure }
        position += 1
        guard read(state.endDelimiter), !start.isEmpty, !end.isEmpty else { throw failure }
        return state.withDelimiters(start: start, end: end)
    }

    /// A tag stands alone when only blanks surround it on its line; the
    /// line's end is then consumed with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if reachedEnd { return true }
        var probe = position
        while probe < characters.count, characters[probe] == " " || characters[probe] == "\t" { probe += 1 }
        if probe < characters.count, characters[probe].isNewline {
            position = probe + 1
            return true
        }
        return false
    }

    /// Where the parser stopped, as a 1-based line and column.
    private func syntaxError(_ message: String) -> SyntaxError {
        var lineStart = min(position, characters.count)
        while lineStart > 0, characters[lineStart - 1] != "\n" { lineStart -= 1 }
        var lineEnd = lineStart
        while lineEnd < characters.count, characters[lineEnd] != "\n" { lineEnd += 1 }
        let line = characters[..<min(position, characters.count)].filter(\.isNewline).count + 1
        return SyntaxError(message: message, line: line, column: min(position, characters.count) - lineStart + 1,
                           lineText: String(characters[lineStart..<lineEnd]))
    }
}
