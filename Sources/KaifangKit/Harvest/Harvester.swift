import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `kaifang harvest`: fetches each source's catalogue into `Harvest/<slug>/`,
/// where the build reads it. A source that cannot be fetched, or sends
/// something that is not a catalogue, keeps its last good harvest.
public struct Harvester {
    public struct Outcome: Sendable, Equatable {
        public enum Kind: String, Sendable { case fetched, unchanged, failed }
        public var source: String
        public var kind: Kind
        public var datasets: Int?
        public var message: String
    }

    public var timeout: TimeInterval = 30
    public var attempts = 3
    public var retryDelay: TimeInterval = 1
    public var maxBytes = 512 << 20
    public var now: () -> Date = Date.init

    public init() {}

    public func harvest(_ sources: [HarvestSource], into folder: URL, projectRoot: URL) -> [Outcome] {
        sources.map { harvest($0, into: folder.appendingPathComponent($0.slug), projectRoot: projectRoot) }
    }

    func harvest(_ source: HarvestSource, into folder: URL, projectRoot: URL) -> Outcome {
        let previous = HarvestState.read(folder)
        var state = previous?.location == source.location ? previous! : HarvestState(location: source.location)
        let kept = folder.appendingPathComponent(source.storedFileName)
        let haveKept = FileManager.default.fileExists(atPath: kept.path)
        func fail(_ message: String) -> Outcome {
            state.error = message
            state.failedAt = Self.timestamp(now())
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? state.write(folder)
            let keeping = haveKept ? "; the harvest of \(state.fetchedAt ?? "an earlier day") is kept" : "; nothing harvested yet"
            return Outcome(source: source.slug, kind: .failed, datasets: haveKept ? state.datasets : nil, message: message + keeping)
        }
        let data: Data
        do {
            if source.isRemote {
                guard let url = URL(string: source.location) else { return fail("\(source.location) is not a valid address") }
                switch try fetch(url, format: source.format, state: haveKept ? state : nil) {
                case .notModified:
                    state.error = nil
                    state.failedAt = nil
                    try? state.write(folder)
                    return Outcome(source: source.slug, kind: .unchanged, datasets: state.datasets, message: "unchanged since \(state.fetchedAt ?? "the last harvest") (304)")
                case .fetched(let body, let etag, let lastModified):
                    data = body
                    state.etag = etag
                    state.lastModified = lastModified
                }
            } else {
                let path = source.location.hasPrefix("/") ? URL(fileURLWithPath: source.location) : projectRoot.appendingPathComponent(source.location)
                guard let body = FileManager.default.contents(atPath: path.path) else { return fail("cannot read \(source.location)") }
                data = body
            }
        } catch {
            return fail("\(error)")
        }
        // Only a catalogue that reads is kept: a server's error page must not replace the last good harvest.
        let catalog = HarvestReader.read(data, format: source.format, file: source.storedFileName)
        if let error = catalog.diagnostics.all.first(where: { $0.severity == .error }) {
            return fail("what \(source.location) sent is not a \(source.format.rawValue) catalogue: \(error.location.line):\(error.location.column): \(error.message)")
        }
        if catalog.datasets.isEmpty { return fail("\(source.location) lists no datasets") }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let unchanged = FileManager.default.contents(atPath: kept.path) == data
            if !unchanged { try data.write(to: kept, options: .atomic) }
            state.fetchedAt = Self.timestamp(now())
            state.datasets = catalog.datasets.count
            state.error = nil
            state.failedAt = nil
            try state.write(folder)
            return Outcome(source: source.slug, kind: unchanged ? .unchanged : .fetched, datasets: catalog.datasets.count,
                           message: "\(catalog.datasets.count) datasets" + (unchanged ? ", unchanged" : ""))
        } catch {
            return fail("cannot write the harvest: \(error.localizedDescription)")
        }
    }

    enum Response {
        case notModified
        case fetched(Data, etag: String?, lastModified: String?)
    }

    /// One conditional GET, retried on network errors, 429 and 5xx.
    func fetch(_ url: URL, format: HarvestSource.Format, state: HarvestState?) throws -> Response {
        if format == .ckan {
            // A CKAN site is read through its API, page by page; the pages are kept together as one JSON list.
            var catalog = ImportedCatalog()
            let fetcher = ImportFetcher(timeout: timeout, maxBytes: maxBytes)
            let pages = try CKANImporter.readSite(url.absoluteString, into: &catalog) { page in try retrying { try fetcher.fetch(page) } }
            var list = Data("[\n".utf8)
            for (index, page) in pages.enumerated() {
                if index > 0 { list.append(contentsOf: Array(",\n".utf8)) }
                list.append(page)
            }
            list.append(contentsOf: Array("\n]\n".utf8))
            return .fetched(list, etag: nil, lastModified: nil)
        }
        return try retrying {
            var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
            request.setValue("Kaifang harvest", forHTTPHeaderField: "User-Agent")
            if let etag = state?.etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
            if let lastModified = state?.lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
            let (data, response) = try ImportFetcher.send(request)
            switch response.statusCode {
            case 304:
                return .notModified
            case 200..<300:
                guard data.count <= maxBytes else {
                    throw ImportFetcher.Failure("\(url.absoluteString) sent more than \(maxBytes) bytes")
                }
                return .fetched(data, etag: response.value(forHTTPHeaderField: "ETag"),
                                lastModified: response.value(forHTTPHeaderField: "Last-Modified"))
            default:
                throw ImportFetcher.Failure("\(url.absoluteString) answered HTTP \(response.statusCode)",
                                            retryable: response.statusCode == 429 || response.statusCode >= 500)
            }
        }
    }

    func retrying<T>(_ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let failure as ImportFetcher.Failure where failure.retryable && attempt < attempts {
                Thread.sleep(forTimeInterval: retryDelay * Double(attempt))
                attempt += 1
            }
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// Reads a kept harvest with the importer for its format.
enum HarvestReader {
    static func read(_ data: Data, format: HarvestSource.Format, file: String) -> ImportedCatalog {
        switch format {
        case .kaifang: return KaifangCatalogImporter.read(data, file: file)
        case .dcat: return DCATImporter.read(data, file: file)
        case .datajson: return DataJSONImporter.read(data, file: file)
        case .ckan: return CKANImporter.read(data, file: file)
        }
    }
}
