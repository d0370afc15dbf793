/// `sitemap.xml` (sitemaps.org 0.9) from the pages the renderer wrote.
///
/// The renderer, not an exporter, knows every page, so it hands them over as
/// paths relative to the site root (`datasets/x/`, `""` for the home page).
/// A sitemap may list at most 50,000 URLs: beyond that `artifacts` writes
/// `sitemap-1.xml`, `sitemap-2.xml`, … and makes `sitemap.xml` their index,
/// which is what robots.txt names either way.
public struct SitemapWriter {
    public typealias Entry = (path: String, lastmod: Day?)

    public static let maximumURLs = 50_000

    public var baseURL: String

    public init(baseURL: String) {
        self.baseURL = baseURL
    }

    public init(catalog: Catalog) {
        self.init(baseURL: catalog.site.baseURL)
    }

    /// One `<urlset>` with every entry (callers keep to `maximumURLs`).
    public func sitemap(_ entries: [Entry]) -> String {
        var out = ""
        out.reserveCapacity(200 + entries.count * 110)
        out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            out += "  <url><loc>\(XMLEscaper.text(IRI.encode(baseURL + entry.path)))</loc>"
            if let lastmod = entry.lastmod { out += "<lastmod>\(lastmod)</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }

    /// `sitemap.xml`, split into an index and parts when there are too many URLs.
    public func artifacts(_ entries: [Entry]) -> [Artifact] {
        guard entries.count > Self.maximumURLs else {
            return [Artifact(path: "sitemap.xml", text: sitemap(entries))]
        }
        var parts: [Artifact] = []
        var index = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        index += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (number, start) in stride(from: 0, to: entries.count, by: Self.maximumURLs).enumerated() {
            let chunk = Array(entries[start..<min(start + Self.maximumURLs, entries.count)])
            let path = "sitemap-\(number + 1).xml"
            parts.append(Artifact(path: path, text: sitemap(chunk)))
            index += "  <sitemap><loc>\(XMLEscaper.text(baseURL + path))</loc>"
            if let newest = chunk.compactMap(\.lastmod).max() { index += "<lastmod>\(newest)</lastmod>" }
            index += "</sitemap>\n"
        }
        index += "</sitemapindex>\n"
        return [Artifact(path: "sitemap.xml", text: index)] + parts
    }
}
