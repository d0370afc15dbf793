/// Every HTML page of the portal, and where it lives. The list of pages is
/// made once, so rendering, the sitemap and the link checker agree.
enum PageKind: Sendable, Hashable {
    case home
    case catalog(page: Int)
    case dataset(Int)
    case organizationIndex
    case organization(Int, page: Int)
    case themeIndex
    case theme(Int, page: Int)
    case page(Int)
    case stats
    /// The yearly evaluation report of the departments (`reports/<year>/`).
    case report(year: Int)
    case notFound
    /// A static listing of one facet value (`facets/format/csv/`), for readers without JavaScript.
    case facet(CatalogFacets.Kind, slug: String, value: Int, page: Int)
    /// The share site's overview (`share/`): how to request data, the key
    /// domains' sharing status, and the department × domain matrix.
    case shareOverview

    /// The folder path with a trailing slash (`datasets/x/`), or "" for home.
    func folder(in catalog: Catalog) -> String {
        switch self {
        case .home: return ""
        case .catalog(let page): return page == 1 ? "datasets/" : "datasets/page/\(page)/"
        case .dataset(let index): return catalog.datasetPath(catalog.datasets[index])
        case .organizationIndex: return "organizations/"
        case .organization(let index, let page):
            return catalog.organizationPath(catalog.organizations[index].slug) + (page == 1 ? "" : "page/\(page)/")
        case .themeIndex: return "themes/"
        case .theme(let index, let page):
            return catalog.themePath(catalog.themes[index].slug) + (page == 1 ? "" : "page/\(page)/")
        case .page(let index): return "pages/\(Slug.urlEncoded(catalog.pages[index].slug))/"
        case .stats: return "stats/"
        case .report(let year): return ReportExporter.folder(year)
        case .notFound: return ""
        case .facet(let kind, let slug, _, let page): return kind.folder(slug) + (page == 1 ? "" : "page/\(page)/")
        case .shareOverview: return "share/"
        }
    }

    /// The file written, relative to the output folder (not URL-encoded).
    func outputPath(in catalog: Catalog) -> String {
        if case .notFound = self { return "404.html" }
        let folder = self.folder(in: catalog).removingPercentEncoding ?? self.folder(in: catalog)
        return folder + "index.html"
    }

    /// `../` repeated once per folder level: links are relative, so the site
    /// works under any base path, on an intranet host, or opened from disk.
    func rootPrefix(in catalog: Catalog) -> String {
        if case .notFound = self { return catalog.site.basePath }
        let depth = folder(in: catalog).split(separator: "/").count
        return String(repeating: "../", count: depth)
    }
}
