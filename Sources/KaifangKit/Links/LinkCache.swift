import Foundation

/// What one check of an external URL found.
public struct LinkResult: Codable, Sendable, Equatable {
    /// The final HTTP status (after redirects); nil when no answer came.
    public var status: Int?
    /// Why no answer came (time-out, refused connection, TLS, DNS).
    public var failure: String?
    /// The request that gave the answer: HEAD, or GET when the server refused HEAD.
    public var method: String
    /// How many times the URL was tried (1 + retries).
    public var attempts: Int
    /// Where redirects led, when they did.
    public var finalURL: String?
    public var checked: Date

    public init(status: Int?, failure: String?, method: String, attempts: Int, finalURL: String?, checked: Date) {
        self.status = status
        self.failure = failure
        self.method = method
        self.attempts = attempts
        self.finalURL = finalURL
        self.checked = checked
    }

    public var isBroken: Bool { failure != nil || (status ?? 0) >= 400 }

    // Written out rather than by a key strategy: a strategy would also rewrite the URLs used as keys of the cache.
    enum CodingKeys: String, CodingKey {
        case status, failure, method, attempts, checked
        case finalURL = "final_url"
    }

    /// `HTTP 404 Not Found`, or the failure.
    public var summary: String {
        if let failure { return failure }
        guard let status else { return "no answer" }
        return "HTTP \(status) \(HTTPStatus.reason(status))"
    }
}

/// `.kaifang-cache/links.json`: the last result for every URL checked, so a
/// CI run does not ask every server again on every push. Entries younger than
/// the maximum age are reused; only the URLs of the current catalogue are kept.
/// The build reads the same file to count broken links per department.
public struct LinkCache: Codable, Sendable, Equatable {
    public static let version = 1
    public var version = LinkCache.version
    public var links: [String: LinkResult] = [:]

    public init(links: [String: LinkResult] = [:]) { self.links = links }

    /// Beside the content folder, ignored by git (`.gitignore` lists `.kaifang-cache/`).
    public static func defaultLocation(content: URL) -> URL {
        content.deletingLastPathComponent().appendingPathComponent(".kaifang-cache").appendingPathComponent("links.json")
    }

    public enum LoadResult: Sendable {
        case missing
        case loaded(LinkCache)
        case unreadable(String)
    }

    public static func load(_ file: URL) -> LoadResult {
        guard FileManager.default.fileExists(atPath: file.path) else { return .missing }
        do {
            let data = try Data(contentsOf: file)
            let cache = try decoder.decode(LinkCache.self, from: data)
            guard cache.version == version else { return .unreadable("it is a link cache of version \(cache.version), not \(version)") }
            return .loaded(cache)
        } catch let error as DecodingError {
            return .unreadable("not a link cache of this version (\(error.shortDescription))")
        } catch {
            return .unreadable(error.localizedDescription)
        }
    }

    /// Sorted keys and whole-second dates: the same results give the same bytes.
    public func save(_ file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = try Self.encoder.encode(self)
        data.append(0x0A)
        try data.write(to: file, options: .atomic)
    }

    /// The newest check in the file: the "as of" of the broken-link counts.
    public var lastChecked: Date? { links.values.map(\.checked).max() }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

extension DecodingError {
    var shortDescription: String {
        switch self {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(self)"
        }
    }
}

/// Reason phrases of the statuses a link check meets (RFC 9110), for messages.
enum HTTPStatus {
    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: status >= 500 ? "server error" : status >= 400 ? "client error" : ""
        }
    }
}
