import Yams

/// A YAML value that remembers where it was written, so every later
/// diagnostic can point at the exact line and column in the source file.
public struct YAMLNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case scalar(String, quoted: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The text of a scalar; nil for anything else.
    public var scalar: String? {
        if case .scalar(let text, _) = value { return text }
        return nil
    }

    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = value { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = value { return items }
        return nil
    }

    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// What kind of value this is, in words a publisher understands.
    public var kindName: String {
        switch value {
        case .null: return "nothing"
        case .scalar: return "a single value"
        case .sequence: return "a list"
        case .mapping: return "a set of fields"
        }
    }
}

public struct YAMLEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode
}

/// Parses YAML text (front matter or site.yaml) into located nodes.
public enum YAMLReader {
    /// - Parameters:
    ///   - lineOffset: lines before the YAML text in its file (front matter starts after `---`).
    ///   - limits: checked on libyaml's event stream before anything is composed (`YAMLGuard`);
    ///     anchors and aliases are always refused there.
    public static func parse(_ text: String, file: String, lineOffset: Int = 0,
                             limits: YAMLLimits = YAMLLimits()) -> Result<YAMLNode, Diagnostic> {
        // Ordinary content in one pass; anything unusual takes the careful path.
        if let node = YAMLEventComposer.compose(text, file: file, lineOffset: lineOffset, limits: limits) {
            return .success(node)
        }
        return parseCarefully(text, file: file, lineOffset: lineOffset, limits: limits)
    }

    /// The guard, then Yams: what every diagnostic about YAML comes from.
    static func parseCarefully(_ text: String, file: String, lineOffset: Int = 0,
                               limits: YAMLLimits = YAMLLimits()) -> Result<YAMLNode, Diagnostic> {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: file, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }
        if let refused = YAMLGuard.check(text, file: file, lineOffset: lineOffset, limits: limits) {
            return .failure(refused)
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                return .success(YAMLNode(.null, at: SourceLocation(file: file, line: lineOffset + 1, column: 1)))
            }
            return try .success(convert(root, location: location))
        } catch let error as YamlError {
            var found = diagnostic(for: error, file: file, lineOffset: lineOffset)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let index = found.location.line - lineOffset - 1
            if found.code == "yaml.syntax", lines.indices.contains(index), lines[index].contains("\t") {
                found.hint = "YAML indents with spaces only; replace the tab characters with spaces"
            }
            return .failure(found)
        } catch let error as UnsupportedYAML {
            return .failure(.error(at: error.location, error.message, code: "yaml.syntax"))
        } catch {
            return .failure(.error(at: SourceLocation(file: file, line: lineOffset + 1), "cannot read YAML: \(error)", code: "yaml.syntax"))
        }
    }

    private struct UnsupportedYAML: Error {
        var location: SourceLocation
        var message: String
    }

    private static func convert(_ node: Node, location: (Mark?) -> SourceLocation) throws -> YAMLNode {
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style != .plain
            if !quoted, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return YAMLNode(.null, at: location(scalar.mark))
            }
            return YAMLNode(.scalar(scalar.string, quoted: quoted), at: location(scalar.mark))
        case .sequence(let sequence):
            return YAMLNode(.sequence(try sequence.map { try convert($0, location: location) }), at: location(sequence.mark))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw UnsupportedYAML(location: location(key.mark), message: "a field name must be plain text")
                }
                entries.append(YAMLEntry(key: keyScalar.string, keyLocation: location(keyScalar.mark),
                                         value: try convert(value, location: location)))
            }
            return YAMLNode(.mapping(entries), at: location(mapping.mark))
        case .alias(let alias):
            throw UnsupportedYAML(location: location(alias.mark), message: "YAML aliases (*name) are not supported; write the value out")
        }
    }

    private static func diagnostic(for error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line + lineOffset))" }
            return .error(at: at(mark), message, code: "yaml.syntax", hint: hint(for: problem))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: at(context.mark), "the field \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) is written twice",
                          code: "yaml.duplicate-key", hint: "keep one of them")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file, line: lineOffset + 1), "cannot read YAML: \(problem)", code: "yaml.syntax")
        default:
            return .error(at: SourceLocation(file: file, line: lineOffset + 1), "invalid YAML: \(error)", code: "yaml.syntax")
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("tab") {
            return "YAML indents with spaces only; replace the tab characters with spaces"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value containing \": \" must be put in quotes"
        }
        if problem.contains("did not find expected") {
            return "check the indentation and that quotes and brackets are closed"
        }
        return nil
    }
}
