import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// How `kaifang check --links` asks servers.
public struct LinkCheckOptions: Sendable {
    /// Seconds without an answer before a try is given up.
    public var timeout: TimeInterval = 15
    /// Requests in flight at once, over all servers.
    public var concurrency = 8
    /// Tries after the first when the answer is a failure that may pass
    /// (time-out, connection failure, 429, 5xx other than 501).
    public var retries = 2
    /// Wait before the first retry, doubled before each next one.
    public var backoff: TimeInterval = 1
    /// Results younger than this are taken from the cache.
    public var maxAge: TimeInterval = 24 * 3600
    /// Where results are kept between runs; nil keeps none.
    public var cacheFile: URL?
    /// Redirects followed before the link counts as broken.
    public var maxRedirects = 10

    public init() {}
}

/// Checks the external URLs of the resources a citizen can follow: those of
/// open datasets (a conditional dataset's URL is never published, and often
/// points into the government network), http and https only. Each distinct
/// URL is asked once: HEAD first; GET when the server refuses HEAD (400, 403,
/// 405, 406, 501), with the body cancelled as soon as the status arrives.
/// Redirects are followed. Broken links are warnings (`link.broken`) at the
/// line of the resource's `url:`.
public struct LinkChecker: Sendable {
    public var options: LinkCheckOptions

    public init(options: LinkCheckOptions) { self.options = options }

    /// What a run found, per URL, and what it cost.
    public struct Outcome: Sendable {
        public var results: [String: LinkResult]
        public var diagnostics: [Diagnostic]
        /// URLs asked over the network in this run (the rest came from the cache).
        public var requested: Int
        public var fromCache: Int
        public var broken: Int
    }

    /// The URLs the check covers, with the resources that name them.
    public static func links(in catalog: Catalog) -> [(url: String, dataset: Dataset, resource: Resource)] {
        var links: [(url: String, dataset: Dataset, resource: Resource)] = []
        for dataset in catalog.datasets where catalog.givesData(of: dataset) {
            for resource in dataset.resources {
                guard case .url(let url) = resource.location, isCheckable(url) else { continue }
                links.append((url: url, dataset: dataset, resource: resource))
            }
        }
        return links
    }

    static func isCheckable(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    public func check(_ catalog: Catalog, now: Date = Date()) async -> Outcome {
        let links = Self.links(in: catalog)
        var diagnostics: [Diagnostic] = []
        var cache = LinkCache()
        if let file = options.cacheFile {
            switch LinkCache.load(file) {
            case .missing: break
            case .loaded(let loaded): cache = loaded
            case .unreadable(let why):
                diagnostics.append(.warning(at: SourceLocation(file: file.path), "the link cache cannot be read (\(why)); every link is checked again",
                                            code: "link.cache", hint: "delete the file; the next run writes a new one"))
            }
        }
        let distinct = Array(Set(links.map(\.url))).sorted()
        var results: [String: LinkResult] = [:]
        var toAsk: [String] = []
        for url in distinct {
            if let cached = cache.links[url], now.timeIntervalSince(cached.checked) < options.maxAge, cached.checked <= now {
                results[url] = cached
            } else {
                toAsk.append(url)
            }
        }
        let fromCache = results.count
        let asked = await probeAll(toAsk, now: now)
        results.merge(asked) { _, new in new }

        if let file = options.cacheFile {
            do {
                try LinkCache(links: results).save(file)
            } catch {
                diagnostics.append(.warning(at: SourceLocation(file: file.path), "the link cache cannot be written: \(error.localizedDescription)",
                                            code: "link.cache", hint: "give --link-cache a path that can be written"))
            }
        }
        for (url, dataset, resource) in links {
            guard let result = results[url], result.isBroken else { continue }
            diagnostics.append(Self.diagnostic(url: url, result: result, dataset: dataset, resource: resource, cached: asked[url] == nil))
        }
        let broken = distinct.filter { results[$0]?.isBroken == true }.count
        return Outcome(results: results, diagnostics: diagnostics, requested: toAsk.count, fromCache: fromCache, broken: broken)
    }

    static func diagnostic(url: String, result: LinkResult, dataset: Dataset, resource: Resource, cached: Bool) -> Diagnostic {
        let location = resource.sourceLocation ?? SourceLocation(file: dataset.sourceFile)
        var how = result.method == "GET" ? "HEAD refused, checked with GET" : "checked with HEAD"
        if result.attempts > 1 { how += ", \(result.attempts) tries" }
        if let final = result.finalURL, final != url { how += ", redirected to \(final)" }
        let when = ISO8601DateFormatter.string(from: result.checked, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime])
        return .warning(at: location, "\(url) is broken: \(result.summary) (\(how))", code: "link.broken",
                        hint: "correct the url of resource \"\(resource.name)\" or ask its host to restore it; "
                            + (cached ? "result from the link cache, checked \(when)" : "checked \(when)"))
    }

    /// Asks every URL, at most `concurrency` at a time.
    func probeAll(_ urls: [String], now: Date) async -> [String: LinkResult] {
        guard !urls.isEmpty else { return [:] }
        let probe = LinkProbe(timeout: options.timeout, maxRedirects: options.maxRedirects)
        defer { probe.invalidate() }
        var results: [String: LinkResult] = [:]
        await withTaskGroup(of: (String, LinkResult).self) { group in
            var next = 0
            func startNext() {
                let url = urls[next]
                next += 1
                group.addTask { (url, await self.check(url, with: probe, now: now)) }
            }
            while next < urls.count && next < max(1, options.concurrency) { startNext() }
            while let (url, result) = await group.next() {
                results[url] = result
                if next < urls.count { startNext() }
            }
        }
        return results
    }

    /// One URL: HEAD, GET if HEAD is refused, retries with back-off for failures that may pass.
    func check(_ url: String, with probe: LinkProbe, now: Date) async -> LinkResult {
        let checked = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        guard let target = URL(string: url) else {
            return LinkResult(status: nil, failure: "not a URL a client can ask", method: "HEAD", attempts: 0, finalURL: nil, checked: checked)
        }
        var attempts = 0
        var answer = LinkProbe.Answer.failed("no answer")
        var method = "HEAD"
        while true {
            attempts += 1
            method = "HEAD"
            answer = await probe.ask(target, method: "HEAD")
            if case .status(let status, _) = answer, Self.headRefused.contains(status) {
                method = "GET"
                answer = await probe.ask(target, method: "GET")
            }
            guard attempts <= options.retries, Self.mayPass(answer) else { break }
            let wait = options.backoff * pow(2, Double(attempts - 1))
            if wait > 0 { try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000)) }
        }
        switch answer {
        case .status(let status, let final):
            return LinkResult(status: status, failure: nil, method: method, attempts: attempts,
                              finalURL: final == url ? nil : final, checked: checked)
        case .failed(let why):
            return LinkResult(status: nil, failure: why, method: method, attempts: attempts, finalURL: nil, checked: checked)
        }
    }

    /// Statuses servers give when they do not implement HEAD (or block it) while GET works.
    static let headRefused: Set<Int> = [400, 403, 405, 406, 501]

    static func mayPass(_ answer: LinkProbe.Answer) -> Bool {
        switch answer {
        case .failed: true
        case .status(let status, _): status == 408 || status == 429 || (status >= 500 && status != 501)
        }
    }
}

/// The network side: a URLSession whose delegate takes the status as soon as
/// the headers arrive and cancels the body, so a GET of a large file costs
/// one round trip, not a download.
final class LinkProbe: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    enum Answer: Sendable, Equatable {
        /// The status and the URL that gave it (after redirects).
        case status(Int, String)
        case failed(String)
    }

    private let lock = NSLock()
    private var waiting: [Int: CheckedContinuation<Answer, Never>] = [:]
    private var redirects: [Int: Int] = [:]
    private let timeout: TimeInterval
    private let maxRedirects: Int
    private var session: URLSession!

    init(timeout: TimeInterval, maxRedirects: Int) {
        self.timeout = timeout
        self.maxRedirects = maxRedirects
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = 4
        configuration.httpAdditionalHeaders = ["User-Agent": "Kaifang-link-check/1 (+https://github.com/kaifang)"]
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func invalidate() { session.invalidateAndCancel() }

    func ask(_ url: URL, method: String) async -> Answer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request)
            lock.withLock { waiting[task.taskIdentifier] = continuation }
            task.resume()
        }
    }

    private func finish(_ task: URLSessionTask, _ answer: Answer) {
        let continuation = lock.withLock { () -> CheckedContinuation<Answer, Never>? in
            redirects[task.taskIdentifier] = nil
            return waiting.removeValue(forKey: task.taskIdentifier)
        }
        continuation?.resume(returning: answer)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        finish(dataTask, .status(status, response.url?.absoluteString ?? dataTask.originalRequest?.url?.absoluteString ?? ""))
        completionHandler(.cancel)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        let count = lock.withLock { () -> Int in
            redirects[task.taskIdentifier, default: 0] += 1
            return redirects[task.taskIdentifier]!
        }
        guard count <= maxRedirects else {
            finish(task, .failed("more than \(maxRedirects) redirects"))
            completionHandler(nil)
            task.cancel()
            return
        }
        // Keep the method: a HEAD stays a HEAD after a redirect.
        var next = request
        next.httpMethod = task.originalRequest?.httpMethod ?? request.httpMethod
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let error else {
            finish(task, .failed("the connection closed without an answer"))
            return
        }
        finish(task, .failed(Self.describe(error, timeout: timeout)))
    }

    static func describe(_ error: Error, timeout: TimeInterval) -> String {
        let code = (error as? URLError)?.code ?? URLError.Code(rawValue: (error as NSError).code)
        switch code {
        case .timedOut: return "no answer within \(Int(timeout)) s"
        case .cannotFindHost, .dnsLookupFailed: return "the host name is not known (DNS)"
        case .cannotConnectToHost: return "the connection was refused"
        case .networkConnectionLost: return "the connection was lost"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            return "the TLS connection failed (certificate)"
        case .httpTooManyRedirects: return "too many redirects"
        case .notConnectedToInternet: return "no network"
        default: return "the request failed: \((error as NSError).localizedDescription)"
        }
    }
}
