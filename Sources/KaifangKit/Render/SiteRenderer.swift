import Foundation

/// Renders every HTML page of the portal through the templates, in
/// parallel, handing each page to the writer as soon as it is ready so that
/// memory stays proportional to the catalogue, not to the site.
public struct SiteRenderer: Sendable {
    let templates: TemplateSet
    /// `Content/data/`, for the previews of CSV files; no previews without it.
    let dataFolder: URL?

    public init(templates: TemplateSet, dataFolder: URL? = nil) {
        self.templates = templates
        self.dataFolder = dataFolder
    }

    /// Every page of the site, in a stable order.
    static func pages(of catalog: Catalog, views: ViewBuilder) -> [PageKind] {
        var pages: [PageKind] = [.home, .organizationIndex, .themeIndex, .stats, .report(year: catalog.buildDay.year), .notFound]
        pages += catalog.earlierReports.map { .report(year: $0.year) }
        if catalog.profile == .share { pages.append(.shareOverview) }
        for page in 1...views.pageCount(catalog.datasets.count) { pages.append(.catalog(page: page)) }
        for index in catalog.organizations.indices {
            for page in 1...views.pageCount(views.datasetsByOrganization[index].count) { pages.append(.organization(index, page: page)) }
        }
        for index in catalog.themes.indices {
            for page in 1...views.pageCount(views.datasetsByTheme[index].count) { pages.append(.theme(index, page: page)) }
        }
        for index in catalog.pages.indices { pages.append(.page(index)) }
        for kind in CatalogFacets.Kind.allCases where kind.hasFacetPages {
            for (index, value) in views.facets.linkedValues(kind).enumerated() where !value.datasets.isEmpty {
                for page in 1...views.pageCount(value.datasets.count) { pages.append(.facet(kind, slug: value.slug, value: index, page: page)) }
            }
        }
        for index in catalog.datasets.indices { pages.append(.dataset(index)) }
        return pages
    }

    public struct Rendered: Sendable {
        /// Folder paths of the pages (for the sitemap), with their last change.
        public var sitemapEntries: [SitemapEntry]
        public var pageCount: Int
    }

    /// Renders all pages and writes them with `write`, which must be thread-safe.
    public func render(_ catalog: Catalog, write: @Sendable (Artifact) throws -> Void) throws -> Rendered {
        let views = ViewBuilder(catalog: catalog, strings: templates.strings, nestedStrings: templates.nestedStrings, dataFolder: dataFolder)
        // The search files are written batch by batch as they are made. The
        // first file of each folder is written alone, so that the folder
        // exists before the others are written in parallel.
        var folders = Set<Substring>()
        func writeBatch(_ batch: [Artifact]) throws {
            var rest: [Artifact] = []
            for artifact in batch {
                let folder = artifact.path.split(separator: "/").dropLast().joined(separator: "/")[...]
                if folders.insert(folder).inserted { try write(artifact) } else { rest.append(artifact) }
            }
            let failures = rest.parallelMap { artifact -> String? in
                do { try write(artifact); return nil } catch { return "\(artifact.path): \(error)" }
            }
            if let failure = failures.compactMap({ $0 }).first { throw RenderError(message: failure) }
        }
        try writeBatch([views.searchIndex()])
        try views.produceSearchShards(writeBatch)
        let pages = Self.pages(of: catalog, views: views)
        let templates = self.templates
        // One inlined copy of the templates per `root` prefix (one per folder
        // depth, a handful), made before the pages and only read after.
        let roots = pages.map { $0.rootPrefix(in: catalog) }
        let constants = views.constants()
        let libraries = Dictionary(Set(roots).map { root in
            var perRoot = constants
            perRoot["root"] = root
            return (root, templates.inlining(perRoot))
        }, uniquingKeysWith: { first, _ in first })
        let failures = Array(pages.indices).parallelMap { index -> String? in
            let kind = pages[index]
            let library = libraries[roots[index]]!
            let html = templates.render(.object(views.view(for: kind)), template: Self.template(for: kind), library: library)
            do {
                try write(Artifact(path: kind.outputPath(in: catalog), data: Data(html)))
                return nil
            } catch {
                return "\(kind.outputPath(in: catalog)): \(error)"
            }
        }
        if let failure = failures.compactMap({ $0 }).first { throw RenderError(message: failure) }
        let entries = pages.compactMap { kind -> SitemapEntry? in
            switch kind {
            case .notFound: return nil
            case .dataset(let index): return SitemapEntry(path: kind.folder(in: catalog), lastModified: catalog.datasets[index].lastChanged)
            default: return SitemapEntry(path: kind.folder(in: catalog), lastModified: nil)
            }
        }
        return Rendered(sitemapEntries: entries, pageCount: pages.count)
    }

    struct RenderError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func template(for kind: PageKind) -> String {
        switch kind {
        case .home: "home"
        case .catalog: "catalog"
        case .dataset: "dataset"
        case .organizationIndex: "organizations"
        case .organization: "organization"
        case .themeIndex: "themes"
        case .theme: "theme"
        case .page: "page"
        case .stats: "stats"
        case .report: "report"
        case .notFound: "not-found"
        case .facet: "facet"
        case .shareOverview: shareTemplate
        }
    }

    /// The template of the share site's overview, needed only by share builds.
    static let shareTemplate = "share"
}

public struct SitemapEntry: Sendable {
    /// Folder path relative to the site root, URL-encoded (`datasets/x/`).
    public var path: String
    public var lastModified: Day?
}
