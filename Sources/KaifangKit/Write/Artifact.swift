import Foundation

/// One file of the built site: where it goes (relative to the output
/// folder, `/`-separated) and its bytes, a file to copy, or a printer that
/// streams the bytes straight into the file.
public struct Artifact: Sendable {
    public enum Contents: Sendable {
        case bytes(Data)
        /// Copied (or hard-linked) from a source file: resource files can be large.
        case copy(URL)
        /// Printed into the file as it is written: the catalogue-wide files
        /// are never held whole in memory.
        case stream(@Sendable (ByteSink) -> Void)
        /// Several files printed together (`path`, then `others`), a sink
        /// each, in that order: the three DCAT syntaxes of one graph, built
        /// once. While printing them, `print` may hand over further files
        /// (`Alongside`): each dataset's own DCAT, made from the same description.
        case streams(others: [String], print: @Sendable ([ByteSink], Alongside) throws -> Void)
    }

    /// Writes a file made while printing others (`Contents.streams`); it
    /// may be called from several threads at once.
    public typealias Alongside = @Sendable (Artifact) throws -> Void

    public var path: String
    public var contents: Contents

    public init(path: String, data: Data) {
        self.path = path
        self.contents = .bytes(data)
    }

    public init(path: String, text: String) {
        self.path = path
        self.contents = .bytes(Data(text.utf8))
    }

    public init(path: String, copying source: URL) {
        self.path = path
        self.contents = .copy(source)
    }

    public init(path: String, streaming print: @escaping @Sendable (ByteSink) -> Void) {
        self.path = path
        self.contents = .stream(print)
    }

    /// Files printed together; `paths` has the first file's path first.
    public init(paths: [String], streaming print: @escaping @Sendable ([ByteSink]) -> Void) {
        self.init(paths: paths) { sinks, _ in print(sinks) }
    }

    /// Files printed together, and others made along the way and handed to `alongside`.
    public init(paths: [String], streaming print: @escaping @Sendable (_ sinks: [ByteSink], _ alongside: Alongside) throws -> Void) {
        precondition(!paths.isEmpty, "an artifact has a path")
        self.path = paths[0]
        self.contents = .streams(others: Array(paths.dropFirst()), print: print)
    }

    /// The file's bytes in memory (a streamed file is printed to get them);
    /// nil for a copy. Files printed together are first `separated`.
    public var bytes: Data? {
        switch contents {
        case .bytes(let data): return data
        case .copy, .streams: return nil
        case .stream(let print):
            let sink = ByteSink()
            print(sink)
            return sink.data
        }
    }

    /// One artifact per file: files printed together are printed into memory
    /// and handed out apart, followed by those made alongside them in path
    /// order (they may be made in parallel; for tests and callers that keep artifacts).
    public var separated: [Artifact] {
        guard case .streams(let others, let print) = contents else { return [self] }
        let paths = [path] + others
        let sinks = paths.map { _ in ByteSink() }
        let alongside = KeptArtifacts()
        // Printing into memory cannot fail; handing over a file here only keeps it.
        try! print(sinks) { alongside.keep($0.separated) }
        return zip(paths, sinks).map { Artifact(path: $0, data: $1.data) } + alongside.inPathOrder
    }
}

/// A machine-readable format of the whole catalogue, e.g. DCAT-AP Turtle.
/// Each exporter is one serializer over the resolved catalogue; none uses
/// HTML templates, whose escaping would corrupt JSON, CSV or RDF.
public protocol Exporter: Sendable {
    func export(_ catalog: Catalog) -> [Artifact]
    /// The same files, each handed to `emit` as soon as it is made and let go
    /// after, so an exporter of several large files holds one at a time.
    /// `emit` may be called from several threads at once (the writer's is safe
    /// to): an exporter of a file per dataset writes them as it makes them.
    func export(_ catalog: Catalog, emit: @Sendable (Artifact) throws -> Void) throws
}

/// Files handed over from whichever thread, kept for a caller that wants
/// them all (tests, `export(_:) -> [Artifact]`).
final class KeptArtifacts: @unchecked Sendable {
    // @unchecked: `kept` is only touched under `lock`.
    private let lock = NSLock()
    private var kept: [Artifact] = []
    func keep(_ artifacts: [Artifact]) { lock.lock(); kept.append(contentsOf: artifacts); lock.unlock() }
    func keep(_ artifact: Artifact) { keep([artifact]) }
    /// In path order: made in parallel, they arrive in any order.
    var inPathOrder: [Artifact] { lock.lock(); defer { lock.unlock() }; return kept.sorted { $0.path < $1.path } }
}

extension Exporter {
    public func export(_ catalog: Catalog, emit: @Sendable (Artifact) throws -> Void) throws {
        for artifact in export(catalog) { try emit(artifact) }
    }
}
