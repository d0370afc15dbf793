/// One problem found in the content, reported like a compiler does.
public struct Diagnostic: Hashable, Sendable, Comparable, Error, Codable {
    public enum Severity: String, Sendable, Comparable, Codable {
        /// Stops the build.
        case error
        /// Printed; stops the build only with `--strict`.
        case warning
        /// Printed for the record (e.g. a reviewed privacy exception); never stops the build.
        case note

        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A short stable identifier of the rule, e.g. `dataset.organization`.
    public var code: String
    public var hint: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, code: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.code = code
        self.hint = hint
    }

    public static func error(at location: SourceLocation, _ message: String, code: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, code: code, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, code: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, code: code, hint: hint)
    }

    public static func note(at location: SourceLocation, _ message: String, code: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.note, at: location, message, code: code, hint: hint)
    }

    /// A total order: `Diagnostics.sorted` goes through a Set, whose order
    /// changes with each process's hash seed, so two diagnostics that tie on
    /// place and message are ordered by code and hint too.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity, a.message, a.code, a.hint ?? "") < (b.location, b.severity, b.message, b.code, b.hint ?? "")
    }
}

/// Diagnostics gathered across a stage; stages never stop at the first problem.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ all: [Diagnostic] = []) { self.all = all }

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public mutating func error(_ location: SourceLocation, _ message: String, code: String, hint: String? = nil) {
        all.append(.error(at: location, message, code: code, hint: hint))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String, code: String, hint: String? = nil) {
        all.append(.warning(at: location, message, code: code, hint: hint))
    }

    public mutating func note(_ location: SourceLocation, _ message: String, code: String, hint: String? = nil) {
        all.append(.note(at: location, message, code: code, hint: hint))
    }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasWarnings: Bool { all.contains { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Sorted by file, line and column; duplicates removed.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}

/// Thrown when the content has errors; carries every diagnostic found.
public struct ContentErrors: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}
