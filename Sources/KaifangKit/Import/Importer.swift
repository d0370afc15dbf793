import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `kaifang import FORMAT SOURCE`: reads another portal's catalogue (a file,
/// a folder or an address) and writes it into `Content/`.
public enum ImportFormat: String, CaseIterable, Sendable {
    case jkan, ckan, dcat, datajson, sheet, kaifang
}

public struct ImportResult: Sendable {
    public var diagnostics: [Diagnostic]
    public var summary: ImportWriter.Summary?
    public var datasetCount: Int
    public var succeeded: Bool { summary != nil && !diagnostics.contains { $0.severity == .error } }
}

public enum Importer {
    public static func run(_ format: ImportFormat, source: String, content: URL, baseURL: String?,
                           fetcher: ImportFetcher = ImportFetcher()) -> ImportResult {
        var catalog: ImportedCatalog
        do {
            catalog = try read(format, source: source, fetcher: fetcher)
        } catch {
            return ImportResult(diagnostics: [.error(at: SourceLocation(file: source), "\(error)", code: "import.source")],
                                summary: nil, datasetCount: 0)
        }
        let readErrors = catalog.diagnostics.all.contains { $0.severity == .error }
        if catalog.datasets.isEmpty {
            if !readErrors {
                catalog.diagnostics.error(SourceLocation(file: source), "no datasets found", code: "import.source",
                                          hint: "check that the source is a \(format.rawValue) catalogue")
            }
            return ImportResult(diagnostics: catalog.diagnostics.all.sorted(), summary: nil, datasetCount: 0)
        }
        if catalog.themes.isEmpty, !FileManager.default.fileExists(atPath: content.appendingPathComponent("site.yaml").path) {
            // A portal lists at least one theme; the source has none, so the datasets wait in one until they are sorted.
            _ = catalog.theme(titled: "未分类", slug: "uncategorized")
            catalog.diagnostics.note(SourceLocation(file: source), "the source has no themes; site.yaml gets one, 未分类 (uncategorized)",
                                     code: "import.theme", hint: "list the portal's themes in site.yaml and give each dataset its themes")
        }
        do {
            let summary = try ImportWriter(content: content).write(catalog, baseURL: baseURL)
            return ImportResult(diagnostics: catalog.diagnostics.all.sorted(), summary: summary, datasetCount: catalog.datasets.count)
        } catch {
            var diagnostics = catalog.diagnostics.all.sorted()
            diagnostics.append(.error(at: SourceLocation(file: content.path), "\(error)", code: "import.write"))
            return ImportResult(diagnostics: diagnostics, summary: nil, datasetCount: catalog.datasets.count)
        }
    }

    static func isAddress(_ source: String) -> Bool {
        source.lowercased().hasPrefix("http://") || source.lowercased().hasPrefix("https://")
    }

    public static func read(_ format: ImportFormat, source: String, fetcher: ImportFetcher = ImportFetcher()) throws -> ImportedCatalog {
        switch format {
        case .jkan:
            return JKANImporter.read(site: URL(fileURLWithPath: source))
        case .sheet:
            return SheetImporter.read(URL(fileURLWithPath: source))
        case .datajson:
            let (data, name) = try load(source, fetcher: fetcher)
            return DataJSONImporter.read(data, file: name)
        case .dcat:
            let (data, name) = try load(source, fetcher: fetcher)
            return DCATImporter.read(data, file: name)
        case .kaifang:
            let (data, name) = try load(source, fetcher: fetcher)
            return KaifangCatalogImporter.read(data, file: name)
        case .ckan:
            if isAddress(source), !source.contains("/api/"), !source.hasSuffix(".json") {
                return try CKANImporter.readSite(source, fetcher: fetcher)
            }
            let (data, name) = try load(source, fetcher: fetcher)
            return CKANImporter.read(data, file: name)
        }
    }

    static func load(_ source: String, fetcher: ImportFetcher) throws -> (Data, String) {
        if isAddress(source), let url = URL(string: source) { return (try fetcher.fetch(url), source) }
        guard let data = FileManager.default.contents(atPath: source) else { throw ImportFetcher.Failure("cannot read \(source)") }
        return (data, source)
    }
}

extension CKANImporter {
    /// A CKAN site's whole catalogue through its API, `package_search` a thousand at a time.
    static func readSite(_ site: String, fetcher: ImportFetcher) throws -> ImportedCatalog {
        var catalog = ImportedCatalog()
        let base = site.hasSuffix("/") ? site : site + "/"
        catalog.baseURL = nil
        let pageSize = 1000
        var start = 0
        while true {
            let address = "\(base)api/3/action/package_search?rows=\(pageSize)&start=\(start)&sort=name%20asc"
            guard let url = URL(string: address) else { throw ImportFetcher.Failure("\(site) is not a valid address") }
            let before = catalog.datasets.count
            let total = readInto(&catalog, data: try fetcher.fetch(url), file: address)
            let added = catalog.datasets.count - before
            start += pageSize
            if added == 0 || total == nil || start >= total! { break }
        }
        return catalog
    }
}

/// Fetches a catalogue over HTTP with a timeout and a size limit.
public struct ImportFetcher: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public var timeout: TimeInterval
    public var maxBytes: Int

    public init(timeout: TimeInterval = 60, maxBytes: Int = 1 << 30) {
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func fetch(_ url: URL) throws -> Data {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue("Kaifang (kaifang import)", forHTTPHeaderField: "User-Agent")
        request.setValue("application/json, application/ld+json, text/turtle, application/rdf+xml;q=0.9, */*;q=0.5", forHTTPHeaderField: "Accept")
        let box = ResponseBox()
        let semaphore = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.set(data, response, error)
            semaphore.signal()
        }
        task.resume()
        semaphore.wait()
        let (data, response, error) = box.get()
        if let error { throw Failure("cannot fetch \(url.absoluteString): \(error.localizedDescription)") }
        guard let http = response as? HTTPURLResponse else { throw Failure("no HTTP response from \(url.absoluteString)") }
        guard (200..<300).contains(http.statusCode) else { throw Failure("\(url.absoluteString) answered HTTP \(http.statusCode)") }
        guard let data else { throw Failure("\(url.absoluteString) sent nothing") }
        guard data.count <= maxBytes else { throw Failure("\(url.absoluteString) is larger than \(maxBytes) bytes") }
        return data
    }

    private final class ResponseBox: @unchecked Sendable {
        private let lock = NSLock()
        private var value: (Data?, URLResponse?, Error?) = (nil, nil, nil)
        func set(_ data: Data?, _ response: URLResponse?, _ error: Error?) { lock.withLock { value = (data, response, error) } }
        func get() -> (Data?, URLResponse?, Error?) { lock.withLock { value } }
    }
}
