import Foundation

/// Turns the catalogue into flat views for the templates: labels, formatted
/// dates and sizes, and links computed here, so templates hold no logic and
/// the domain model never reaches them. Built once per build; everything
/// shared by many pages (dataset summaries, counts) is computed once.
struct ViewBuilder: Sendable {
    let catalog: Catalog
    let strings: [String: String]
    let nestedStrings: MustacheValue
    /// One summary per dataset, in catalogue order, with links relative to the site root.
    let summaries: [MustacheObject]
    /// Dataset indices of each department and theme, newest first.
    let datasetsByOrganization: [[Int]]
    let datasetsByTheme: [[Int]]
    let alternates: [(path: String, mediaType: String, titleKey: String)]
    let statistics: PublishingStatistics
    let facets: CatalogFacets
    /// `Content/data/`, where CSV previews are read; nil: no previews.
    let dataFolder: URL?
    /// How to apply for conditional data (site.yaml), and on the share site how a
    /// department requests it (`profiles.share.request_procedure`): the same on
    /// every such dataset page, so rendered once.
    let conditionalAccessHTML: Markdown.RelocatableHTML
    let shareRequestHTML: Markdown.RelocatableHTML

    init(catalog: Catalog, strings: [String: String], nestedStrings: MustacheValue = .object([:]), dataFolder: URL? = nil) {
        self.catalog = catalog
        self.dataFolder = dataFolder
        self.strings = strings
        self.nestedStrings = nestedStrings
        var byOrganization = Array(repeating: [Int](), count: catalog.organizations.count)
        var byTheme = Array(repeating: [Int](), count: catalog.themes.count)
        for (index, dataset) in catalog.datasets.enumerated() {
            if let organization = catalog.organizationIndex[dataset.organizationSlug] { byOrganization[organization].append(index) }
            for slug in dataset.themeSlugs {
                if let theme = catalog.themeIndex[slug] { byTheme[theme].append(index) }
            }
        }
        datasetsByOrganization = byOrganization
        datasetsByTheme = byTheme
        alternates = Exports.alternates
        statistics = PublishingStatistics(catalog: catalog, totalLabel: strings["stats.total"] ?? "stats.total")
        facets = CatalogFacets(catalog: catalog) { strings[$0] ?? $0 }
        let builder = SummaryBuilder(catalog: catalog, strings: strings)
        summaries = catalog.datasets.parallelMap { builder.summary($0) }
        conditionalAccessHTML = Markdown.renderRelocatable(catalog.site.conditionalAccess).html
        shareRequestHTML = Markdown.renderRelocatable(catalog.site.shareProfile?.requestProcedure ?? "").html
    }

    func label(_ key: String) -> String { strings[key] ?? key }

    /// `text（detail）` in Chinese, `text (detail)` in English: the marks come from the theme's words.
    func parenthesized(_ text: String, _ detail: String) -> String {
        text + label("text.paren_open") + detail + label("text.paren_close")
    }

    /// Values every page of this build shares, by the names templates use
    /// (`t.nav.home`, `site.title`, `lang`): inlined into the templates once.
    func constants() -> [String: String] {
        var constants: [String: String] = [:]
        for (key, value) in strings { constants["t." + key] = value }
        for (key, value) in siteFields() { constants["site." + key] = value }
        constants["lang"] = catalog.site.language
        constants["year"] = String(catalog.buildDay.year)
        constants["build_day"] = catalog.buildDay.description
        return constants
    }

    /// The site's settings as templates name them (`site.title`).
    func siteFields() -> [String: String] {
        [
            "title": catalog.site.title,
            "description": catalog.site.description,
            "base_url": catalog.site.baseURL,
            "publisher": catalog.site.publisher.name,
            "contact_email": catalog.site.contact?.email ?? catalog.site.publisher.email ?? "",
            "contact_phone": catalog.site.contact?.phone ?? "",
        ]
    }

    /// What every page has: site, strings, root prefix, navigation, alternates.
    func base(for kind: PageKind, title: String?, breadcrumbs: [(String, String?)]) -> MustacheObject {
        let root = kind.rootPrefix(in: catalog)
        let folder = kind.folder(in: catalog)
        var view: MustacheObject = [
            "t": nestedStrings,
            "root": .string(root),
            "lang": .string(catalog.site.language),
            "site": .object(siteFields().mapValues { .string($0) }),
            "page_title": .string(title.map { "\($0) - \(catalog.site.title)" } ?? catalog.site.title),
            "canonical": .string(catalog.url(folder)),
            "alternates": .objects(alternates.map { ["href": .string(root + $0.path), "type": .string($0.mediaType), "title": .string(label($0.titleKey))] }),
            "year": .string(String(catalog.buildDay.year)),
            "build_day": .string(catalog.buildDay.description),
        ]
        if !breadcrumbs.isEmpty {
            var crumbs: [MustacheObject] = [["title": .string(label("nav.home")), "href": .string(root)]]
            for (index, crumb) in breadcrumbs.enumerated() {
                var item: MustacheObject = ["title": .string(crumb.0)]
                if let href = crumb.1, index < breadcrumbs.count - 1 { item["href"] = .string(root + href) } else { item["current"] = true }
                crumbs.append(item)
            }
            view["breadcrumbs"] = ["items": .objects(crumbs)]
        }
        view["nav"] = .objects(navigation(current: kind, root: root))
        if catalog.profile == .share {
            // The share site is for departments on the extranet: no page of it may be indexed.
            view["noindex"] = true
            view["share_site"] = true
        }
        return view
    }

    private func navigation(current: PageKind, root: String) -> [MustacheObject] {
        let items: [(String, String, Bool)] = [
            ("nav.home", "", current == .home),
            ("nav.catalog", "datasets/", { if case .catalog = current { return true }; if case .dataset = current { return true }; return false }()),
            ("nav.themes", "themes/", { if case .theme = current { return true }; return current == .themeIndex }()),
            ("nav.organizations", "organizations/", { if case .organization = current { return true }; return current == .organizationIndex }()),
            ("nav.stats", "stats/", current == .stats),
            ("share.nav", "share/", current == .shareOverview),
            ("nav.developers", "pages/developer/", false),
            ("nav.about", "pages/about/", false),
        ]
        let pageSlugs = Set(catalog.pages.map(\.slug))
        return items.compactMap { key, path, isCurrent in
            if path == "share/", catalog.profile != .share { return nil }
            if path.hasPrefix("pages/"), !pageSlugs.contains(String(path.dropFirst(6).dropLast())) { return nil }
            var item: MustacheObject = ["title": .string(label(key)), "href": .string(root + path)]
            if isCurrent { item["current"] = true }
            if case .page(let index) = current, path == "pages/\(catalog.pages[index].slug)/" { item["current"] = true }
            return item
        }
    }

    /// Summaries of some datasets; their links are relative to the site
    /// root, and templates prefix them with the page's `root`.
    func listing(_ indices: some Sequence<Int>) -> MustacheValue {
        .objects(indices.map { summaries[$0] })
    }

    /// Page links for a list split into pages: 1 … current-2 … current+2 … last.
    func pagination(current: Int, total: Int, root: String, firstPage: String) -> MustacheValue? {
        guard total > 1 else { return nil }
        func href(_ page: Int) -> String { root + firstPage + (page == 1 ? "" : "page/\(page)/") }
        var numbers: [Int] = []
        for page in [1, current - 2, current - 1, current, current + 1, current + 2, total] where page >= 1 && page <= total {
            if !numbers.contains(page) { numbers.append(page) }
        }
        numbers.sort()
        var items: [MustacheObject] = []
        var previous = 0
        for page in numbers {
            if page > previous + 1 { items.append(["gap": true]) }
            var item: MustacheObject = ["number": .int(page), "href": .string(href(page))]
            if page == current { item["current"] = true }
            items.append(item)
            previous = page
        }
        var view: MustacheObject = ["pages": .objects(items), "current_page": .int(current), "total_pages": .int(total)]
        if current > 1 { view["prev"] = .string(href(current - 1)) }
        if current < total { view["next"] = .string(href(current + 1)) }
        return .object(view)
    }

    func pageCount(_ count: Int) -> Int { max(1, (count + catalog.site.pageSize - 1) / catalog.site.pageSize) }

    func pageSlice(_ indices: [Int], page: Int) -> ArraySlice<Int> {
        let size = catalog.site.pageSize
        let start = min((page - 1) * size, indices.count)
        return indices[start..<min(start + size, indices.count)]
    }
}

/// The short form of a dataset used in every list.
struct SummaryBuilder: Sendable {
    let catalog: Catalog
    let strings: [String: String]

    /// Format badges on a dataset's list card: a dataset is listed on a page
    /// per format it has, so unbounded badges would grow the site with the
    /// square of its formats.
    static let summaryFormatLimit = 10

    func summary(_ dataset: Dataset) -> MustacheObject {
        let organization = catalog.organization(dataset.organizationSlug)
        var formats: [String] = []
        var seen = Set<String>()  // linear in the resources, however many distinct formats
        for resource in dataset.resources where seen.insert(resource.format.uppercased()).inserted {
            formats.append(resource.format.uppercased())
        }
        let title = catalog.displayTitle(dataset)
        let description = catalog.displayDescription(dataset)
        let organizationName = organization.map { catalog.displayName($0) } ?? DisplayText(text: dataset.organizationSlug)
        var view: MustacheObject = [
            "id": .string(dataset.id),
            "title": .string(title.text),
            "path": .string(catalog.datasetPath(dataset)),
            "excerpt": .string(Formatting.excerpt(description.description.summary)),
            "organization": .string(organizationName.text),
            "organization_path": .string(catalog.organizationPath(dataset.organizationSlug)),
            "themes": .objects(dataset.themeSlugs.compactMap { slug in
                catalog.theme(slug).map { theme in
                    let title = catalog.displayTitle(theme)
                    var item: MustacheObject = ["title": .string(title.text), "path": .string(catalog.themePath(slug))]
                    if let language = title.language { item["theme_lang"] = .string(language) }
                    return item
                }
            }),
            // A list card shows a few formats; the dataset's page shows every resource.
            "formats": .strings(Array(formats.prefix(Self.summaryFormatLimit))),
            "open_type": .string(dataset.openType.rawValue),
            "open_type_label": .string(strings["open_type.\(dataset.openType.rawValue)"] ?? dataset.openType.rawValue),
        ]
        // Data given only on request: conditional open data, or on the share site conditional share data.
        if !catalog.givesData(of: dataset) { view["conditional"] = true }
        if catalog.profile == .share, let share = dataset.shareType {
            view["share_type"] = .string(share.rawValue)
            view["share_type_label"] = .string(strings["share_type.\(share.rawValue)"] ?? share.rawValue)
        }
        // Only on English pages of a Chinese catalogue: other portals' pages stay as they were.
        if let language = title.language { view["title_lang"] = .string(language) }
        if let language = description.language { view["excerpt_lang"] = .string(language) }
        if let language = organizationName.language { view["organization_lang"] = .string(language) }
        if let modified = dataset.lastChanged { view["modified"] = .string(modified.description) }
        if let issued = dataset.issued { view["issued"] = .string(issued.description) }
        if let frequency = dataset.updateFrequency {
            view["frequency_label"] = .string(strings["frequency.\(frequency.rawValue)"] ?? frequency.rawValue)
        }
        return view
    }
}
