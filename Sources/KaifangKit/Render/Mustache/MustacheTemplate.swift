/// A parsed Mustache template: literal text as bytes, tags as tokens.
/// Parsed once per build; rendering walks the tokens and appends bytes.
struct MustacheTemplate: Sendable {
    /// A dotted name (`t.nav.home`), split once. An empty path is `{{.}}`,
    /// the current value; `anchored` (a name starting with `.`) looks only
    /// in the current value, never in the enclosing ones.
    struct Path: Sendable, Equatable {
        var components: [String]
        var anchored: Bool

        init(_ name: String) {
            components = name == "." ? [] : name.split(separator: ".").map(String.init)
            anchored = name.first == "." && name != "."
        }
    }

    indirect enum Token: Sendable {
        case text([UInt8])
        case variable(Path)
        case unescaped(Path)
        case section(Path, MustacheTemplate)
        case invertedSection(Path, MustacheTemplate)
        /// `{{$name}}…{{/name}}` inside `{{<parent}}`: replaces the parent's block.
        case blockDefinition(String, MustacheTemplate)
        /// `{{$name}}default{{/name}}` in a parent: the child's block or the default.
        case blockExpansion(String, MustacheTemplate, indentation: [UInt8])
        /// `{{>name}}`, or `{{<name}}` with the blocks it overrides.
        case partial(String, indentation: [UInt8]?, inherits: [String: MustacheTemplate]?)
    }

    var tokens: [Token]

    /// Names of the partials this template and its sections call.
    var partialNames: Set<String> {
        var names = Set<String>()
        func visit(_ template: MustacheTemplate) {
            for token in template.tokens {
                switch token {
                case .section(_, let body), .invertedSection(_, let body), .blockDefinition(_, let body), .blockExpansion(_, let body, _):
                    visit(body)
                case .partial(let name, _, let inherits):
                    names.insert(name)
                    for body in (inherits ?? [:]).values { visit(body) }
                case .text, .variable, .unescaped:
                    break
                }
            }
        }
        visit(self)
        return names
    }
}

/// Templates by name (`dataset`, `partials/header`), for partials and inheritance.
struct MustacheLibrary: Sendable {
    var templates: [String: MustacheTemplate] = [:]

    /// Renders the named template with `view` as the outermost value.
    func render(_ name: String, _ view: MustacheValue, into output: inout [UInt8]) {
        guard let template = templates[name] else { return }
        var renderer = MustacheRenderer(library: self, stack: [view])
        renderer.render(template, context: MustacheRenderer.Context(), into: &output)
    }

    func render(_ name: String, _ view: MustacheValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(32 * 1024)
        render(name, view, into: &output)
        return output
    }
}

/// Walks a template's tokens and writes bytes: values HTML-escaped unless
/// in `{{{…}}}`, sections repeated over lists, shown for other present
/// values and `true`, skipped for `false`, an empty list or a missing name.
struct MustacheRenderer {
    let library: MustacheLibrary
    /// The values a name is looked up in, innermost last: one array for the
    /// whole walk, a section pushing its value on entry and popping it on exit
    /// (a copy of the stack per repeated item was most of the walk's retains).
    var stack: [MustacheValue]

    struct Context {
        /// Prefix for each line of a standalone partial (`nil`: none).
        var indentation: [UInt8]?
        /// Blocks overridden by the `{{<parent}}` calls that led here; the outermost wins.
        var inherited: [String: MustacheTemplate]?
    }

    /// Renders `body` with `value` as the innermost value.
    mutating func render(_ body: MustacheTemplate, pushing value: MustacheValue, context: Context, into output: inout [UInt8]) {
        stack.append(value)
        render(body, context: context, into: &output)
        stack.removeLast()
    }

    mutating func render(_ template: MustacheTemplate, context: Context, into output: inout [UInt8]) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for token in template.tokens { renderToken(token, context: context, into: &output) }
            return
        }
        // Inside an indented partial: a token that writes something at the
        // start of a line gets the indentation first.
        let start = output.count
        for token in template.tokens {
            let before = output.count
            renderToken(token, context: context, into: &output)
            if output.count > before, Self.endsWithLineFeed(output, from: start, to: before) {
                output.insert(contentsOf: indentation, at: before)
            }
        }
    }

    /// Whether `output[start..<end]` ends with "\n" as a character of its own
    /// (not the end of "\r\n", which Swift's strings count as one character).
    @inline(__always)
    static func endsWithLineFeed(_ output: [UInt8], from start: Int, to end: Int) -> Bool {
        guard end > start, output[end - 1] == 0x0A else { return false }
        return end - 1 == start || output[end - 2] != 0x0D
    }

    mutating func renderToken(_ token: MustacheTemplate.Token, context: Context, into output: inout [UInt8]) {
        switch token {
        case .text(let bytes):
            output.append(contentsOf: bytes)
        case .variable(let path):
            if let value = lookup(path) { Self.write(value, escaped: true, into: &output) }
        case .unescaped(let path):
            if let value = lookup(path) { Self.write(value, escaped: false, into: &output) }
        case .section(let path, let body):
            switch lookup(path) {
            case nil, .bool(false): break
            case .bool(true): render(body, context: context, into: &output)
            case .list(let items):
                for item in items { render(body, pushing: item, context: context, into: &output) }
            case .some(let value): render(body, pushing: value, context: context, into: &output)
            }
        case .invertedSection(let path, let body):
            switch lookup(path) {
            case nil, .bool(false): render(body, context: context, into: &output)
            case .list(let items) where items.isEmpty: render(body, pushing: .list(items), context: context, into: &output)
            default: break
            }
        case .blockExpansion(let name, let fallback, let indented):
            var inner = context
            inner.indentation = (context.indentation ?? []) + indented
            render(context.inherited?[name] ?? fallback, context: inner, into: &output)
        case .partial(let name, let indented, let inherits):
            guard let template = library.templates[name] else { return }
            var inner = context
            if let indented { inner.indentation = (context.indentation ?? []) + indented }
            if let inherits {
                inner.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            render(template, context: inner, into: &output)
        case .blockDefinition:
            // Only inside {{<parent}}, where the parser keeps it out of the tokens.
            break
        }
    }

    /// Finds a name: its first part in the innermost value that has it,
    /// the rest inside that value.
    @inline(__always)
    func lookup(_ path: MustacheTemplate.Path) -> MustacheValue? {
        guard let first = path.components.first else { return stack.last }
        var found: MustacheValue?
        if path.anchored {
            found = stack.last?.child(first)
        } else {
            for index in stack.indices.reversed() {
                if let child = stack[index].child(first) {
                    found = child
                    break
                }
            }
        }
        guard var value = found else { return nil }
        for component in path.components.dropFirst() {
            guard let child = value.child(component) else { return nil }
            value = child
        }
        return value
    }

    static func write(_ value: MustacheValue, escaped: Bool, into output: inout [UInt8]) {
        switch value {
        case .string(let text):
            if escaped { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .double(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .list, .object:
            // A list or an object has no text of its own; a template shows its parts.
            break
        }
    }
}

/// HTML escaping of the five characters that matter in text and in quoted
/// attributes, byte by byte (UTF-8 never uses these bytes inside a character).
enum HTMLEscaping {
    static func append(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                output.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                runStart = index + 1
            }
            if runStart < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
    }
}
