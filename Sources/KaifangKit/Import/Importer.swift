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
        IRI.isHTTP(source)
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
        _ = try readSite(site, into: &catalog) { try fetcher.fetch($0) }
        return catalog
    }

    /// Reads a CKAN site's pages into `catalog`, fetching each with `fetch`, and returns the pages as sent
    /// (the harvest keeps them together as one JSON list, which `read` takes back).
    static func readSite(_ site: String, into catalog: inout ImportedCatalog, fetch: (URL) throws -> Data) throws -> [Data] {
        let base = site.hasSuffix("/") ? site : site + "/"
        let pageSize = 1000
        var pages: [Data] = []
        var start = 0
        while true {
            let address = "\(base)api/3/action/package_search?rows=\(pageSize)&start=\(start)&sort=name%20asc"
            guard let url = URL(string: address) else { throw ImportFetcher.Failure("\(site) is not a valid address") }
            let page = try fetch(url)
            pages.append(page)
            let before = catalog.datasets.count
            let total = readInto(&catalog, data: page, file: address)
            start += pageSize
            if catalog.datasets.count == before || total == nil || start >= total! { break }
        }
        return pages
    }
}

/// Fetches a catalogue over HTTP with a timeout and a size limit.
public struct ImportFetcher: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        /// A network error, 429 or 5xx: worth asking again.
        public var retryable: Bool

        init(_ description: String, retryable: Bool = false) {
            self.description = description
            self.retryable = retryable
        }
    }

    public var timeout: TimeInterval
    public var maxBytes: Int

    public init(timeout: TimeInterval = 60, maxBytes: Int = 1 << 30) {
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func fetch(_ url: URL) throws -> Data {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("Kaifang (kaifang import)", forHTTPHeaderField: "User-Agent")
        request.setValue("application/json, application/ld+json, text/turtle, application/rdf+xml;q=0.9, */*;q=0.5", forHTTPHeaderField: "Accept")
        let (data, http) = try Self.send(request)
        guard (200..<300).contains(http.statusCode) else {
            throw Failure("\(url.absoluteString) answered HTTP \(http.statusCode)", retryable: http.statusCode == 429 || http.statusCode >= 500)
        }
        guard !data.isEmpty else { throw Failure("\(url.absoluteString) sent nothing") }
        guard data.count <= maxBytes else { throw Failure("\(url.absoluteString) is larger than \(maxBytes) bytes") }
        return data
    }

    /// One request, waited for: the importers and the harvester run as plain commands, not as async code.
    static func send(_ request: URLRequest) throws -> (Data, HTTPURLResponse) {
        final class Box: @unchecked Sendable {
            // @unchecked: `result` is only touched under `lock`.
            let lock = NSLock()
            var result: (Data?, URLResponse?, Error?) = (nil, nil, nil)
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        session.dataTask(with: request) { data, response, error in
            box.lock.withLock { box.result = (data, response, error) }
            done.signal()
        }.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        let (data, response, error) = box.lock.withLock { box.result }
        let address = request.url?.absoluteString ?? ""
        if let error { throw Failure("cannot fetch \(address): \(error.localizedDescription)", retryable: true) }
        guard let http = response as? HTTPURLResponse else { throw Failure("no HTTP response from \(address)", retryable: true) }
        return (data ?? Data(), http)
    }
}
