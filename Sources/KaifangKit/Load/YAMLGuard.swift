import CYaml

/// Looks at a YAML text through libyaml's event stream before Yams composes
/// it into a tree, and refuses what could take the machine down:
///
/// - anchors (`&a`) and aliases (`*a`): an alias makes the composed tree
///   share the anchored value, and every later walk of the tree (the
///   conversion to `YAMLNode`, hashing duplicate keys) expands it, so a few
///   kilobytes of nested aliases ("billion laughs") become gigabytes.
///   Content never needs them: a value is written out where it is used.
/// - a scalar longer than `valueBytes`, a list or mapping with more than
///   `listItems` entries, more than `values` values in all, or collections
///   nested deeper than `nesting`.
///
/// The walk keeps one event at a time plus a stack as deep as the nesting,
/// so its memory is bounded by the limits, not by what the text would
/// expand to. Syntax errors are left to Yams, which reports them with its
/// own messages at the same place.
enum YAMLGuard {
    static func check(_ text: String, file: String, lineOffset: Int, limits: YAMLLimits) -> Diagnostic? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .error(at: SourceLocation(file: file, line: lineOffset + 1), "cannot start the YAML reader (out of memory)",
                              code: "yaml.syntax")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
            return walk(&parser, file: file, lineOffset: lineOffset, limits: limits)
        }
    }

    private struct Open {
        var isMapping: Bool
        var children = 0
        var location: SourceLocation
    }

    private static func walk(_ parser: inout yaml_parser_t, file: String, lineOffset: Int, limits: YAMLLimits) -> Diagnostic? {
        var stack: [Open] = []
        var values = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(file: file, line: Int(event.start_mark.line) + 1 + lineOffset,
                                          column: Int(event.start_mark.column) + 1)
            var anchor: UnsafeMutablePointer<UInt8>?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                let name = string(event.data.alias.anchor)
                return .error(at: location, "YAML aliases (*\(name)) are not allowed", code: "yaml.alias",
                              hint: "write the value out in full where it is needed; aliases can make a few lines expand to gigabytes")
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
                if event.data.scalar.length > limits.valueBytes {
                    return .error(at: location, "this value is \(ContentLimits.bytes(event.data.scalar.length)), more than the limit of "
                                  + "\(ContentLimits.bytes(limits.valueBytes))", code: "yaml.value-size",
                                  hint: "shorten it, or raise limits.value_bytes in site.yaml")
                }
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                _ = stack.popLast()
                continue
            default:
                continue
            }
            if let anchor {
                return .error(at: location, "YAML anchors (&\(string(anchor))) are not allowed", code: "yaml.anchor",
                              hint: "write the value out in full where it is needed, without `&\(string(anchor))`")
            }
            values += 1
            if values > limits.values {
                return .error(at: location, "the YAML holds more than \(limits.values) values", code: "yaml.values",
                              hint: "split the content, or raise limits.values in site.yaml")
            }
            if let parent = stack.indices.last {
                stack[parent].children += 1
                let entries = stack[parent].isMapping ? (stack[parent].children + 1) / 2 : stack[parent].children
                if entries > limits.listItems {
                    let what = stack[parent].isMapping ? "fields" : "items"
                    return .error(at: stack[parent].location, "this \(stack[parent].isMapping ? "set of fields" : "list") has more than "
                                  + "\(limits.listItems) \(what)", code: "yaml.list-size",
                                  hint: "shorten it, or raise limits.list_items in site.yaml")
                }
            }
            if event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT {
                if stack.count >= limits.nesting {
                    return .error(at: location, "lists and fields are nested more than \(limits.nesting) levels deep", code: "yaml.nesting",
                                  hint: "content needs a few levels at most; raise limits.nesting in site.yaml if it really needs more")
                }
                stack.append(Open(isMapping: event.type == YAML_MAPPING_START_EVENT, location: location))
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<UInt8>?) -> String {
        guard let pointer else { return "" }
        let name = String(cString: pointer)
        return name.count > 40 ? String(name.prefix(40)) + "…" : name
    }
}
