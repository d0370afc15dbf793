/// `robots.txt`: lets every crawler in and names the sitemap, which is also
/// how the conformance checker learns the portal's base URL.
public struct RobotsExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        [Artifact(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(catalog.url("sitemap.xml"))\n")]
    }
}
