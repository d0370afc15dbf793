import CYaml

/// Builds a `YAMLNode` tree in one walk over libyaml's events, checking the
/// limits of `YAMLGuard` on the way: each front matter is parsed once, not
/// once by the guard and again by Yams.
///
/// It handles only what ordinary content is made of. Anything else (a syntax
/// error, an anchor or alias, a limit reached, two keys written the same, a
/// key that is not a scalar, more than one document) returns nil, and the
/// caller takes the careful path (`YAMLGuard`, then Yams), whose diagnostics
/// are the ones the publisher sees. The tree built here is the one that path
/// builds for the same text: same values, quoting, nulls and positions.
enum YAMLEventComposer {
    static func compose(_ text: String, file: String, lineOffset: Int, limits: YAMLLimits) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes -> YAMLNode? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            var walker = Walker(parser: parser, file: file, lineOffset: lineOffset, limits: limits)
            let result = walker.document()
            parser = walker.parser
            return result
        }
    }

    private struct Collection {
        var isMapping: Bool
        var location: SourceLocation
        var items: [YAMLNode] = []
        var entries: [YAMLEntry] = []
        var keys = Set<String>()
        var pendingKey: YAMLNode?
        var children = 0
    }

    private struct Walker {
        var parser: yaml_parser_t
        let file: String
        let lineOffset: Int
        let limits: YAMLLimits

        /// The stream's one document, or nil (see the type's comment). An
        /// empty stream is a null at the first line, as Yams gives none.
        mutating func document() -> YAMLNode? {
            var stack: [Collection] = []
            var values = 0
            var root: YAMLNode?
            var documents = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let location = SourceLocation(file: file, line: Int(event.start_mark.line) + 1 + lineOffset,
                                              column: Int(event.start_mark.column) + 1)
                var finished: YAMLNode?
                switch event.type {
                case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT:
                    continue
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 { return nil }
                    continue
                case YAML_STREAM_END_EVENT:
                    return root ?? YAMLNode(.null, at: SourceLocation(file: file, line: lineOffset + 1, column: 1))
                case YAML_ALIAS_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    if scalar.anchor != nil || scalar.length > limits.valueBytes { return nil }
                    guard let text = String(bytes: UnsafeBufferPointer(start: scalar.value, count: scalar.length), encoding: .utf8) else { return nil }
                    let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE
                    if !quoted, text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" {
                        finished = YAMLNode(.null, at: location)
                    } else {
                        finished = YAMLNode(.scalar(text, quoted: quoted), at: location)
                    }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    if (isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor) != nil { return nil }
                    guard count(&values, in: &stack), stack.count < limits.nesting else { return nil }
                    stack.append(Collection(isMapping: isMapping, location: location))
                    continue
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let open = stack.popLast() else { return nil }
                    finished = open.isMapping ? YAMLNode(.mapping(open.entries), at: open.location) : YAMLNode(.sequence(open.items), at: open.location)
                default:
                    return nil
                }
                guard let node = finished else { continue }
                if event.type == YAML_SCALAR_EVENT {
                    guard count(&values, in: &stack) else { return nil }
                }
                guard !stack.isEmpty else {
                    root = node
                    continue
                }
                let parent = stack.count - 1
                if !stack[parent].isMapping {
                    stack[parent].items.append(node)
                } else if let key = stack[parent].pendingKey {
                    // A key already seen might be a duplicate for Yams: let it say so.
                    guard let name = key.scalar, stack[parent].keys.insert(name).inserted else { return nil }
                    stack[parent].entries.append(YAMLEntry(key: name, keyLocation: key.location, value: node))
                    stack[parent].pendingKey = nil
                } else {
                    stack[parent].pendingKey = node
                }
            }
        }

        /// Counts one more value, as `YAMLGuard` does; false past a limit.
        private func count(_ values: inout Int, in stack: inout [Collection]) -> Bool {
            values += 1
            if values > limits.values { return false }
            if let parent = stack.indices.last {
                stack[parent].children += 1
                let entries = stack[parent].isMapping ? (stack[parent].children + 1) / 2 : stack[parent].children
                if entries > limits.listItems { return false }
            }
            return true
        }
    }
}
