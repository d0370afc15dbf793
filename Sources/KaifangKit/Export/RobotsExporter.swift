/// `robots.txt`. The public portal lets every crawler in and names the
/// sitemap, which is also how the conformance checker learns the portal's
/// base URL. The share site is for departments on the extranet and is never
/// to be indexed: every crawler is turned away and no sitemap is announced
/// (sitemap.xml is still written, for the site's own tools and link checks).
public struct RobotsExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        switch catalog.profile {
        case .public:
            [Artifact(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(catalog.url("sitemap.xml"))\n")]
        case .share:
            [Artifact(path: "robots.txt", text: "# Government extranet only: not to be indexed.\nUser-agent: *\nDisallow: /\n")]
        }
    }
}
