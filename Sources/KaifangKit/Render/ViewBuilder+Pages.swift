/// The view of each page kind.
extension ViewBuilder {
    func view(for kind: PageKind) -> MustacheObject {
        switch kind {
        case .home: return homeView()
        case .catalog(let page): return catalogView(page: page)
        case .dataset(let index): return DatasetViewBuilder(views: self).view(index: index)
        case .organizationIndex: return organizationIndexView()
        case .organization(let index, let page): return organizationView(index: index, page: page)
        case .themeIndex: return themeIndexView()
        case .theme(let index, let page): return themeView(index: index, page: page)
        case .page(let index): return freePageView(index: index)
        case .stats: return StatsViewBuilder(views: self).view()
        case .report(let year): return ReportViewBuilder(views: self).view(year: year)
        case .notFound: return base(for: .notFound, title: label("notfound.title"), breadcrumbs: [])
        case .facet(let facet, _, let value, let page): return facetView(kind: facet, value: value, page: page)
        case .shareOverview: return ShareViewBuilder(views: self).view()
        }
    }

    func homeView() -> MustacheObject {
        var view = base(for: .home, title: nil, breadcrumbs: [])
        view["is_home"] = true
        view["live_search"] = true
        view["themes"] = .objects(themeCards())
        // The busiest departments first (Swift's sort keeps ties in the catalogue's order).
        let cards = organizationCards()
        let busiest = cards.indices.sorted { datasetsByOrganization[$0].count > datasetsByOrganization[$1].count }
        view["organizations"] = .objects(busiest.prefix(12).map { cards[$0] })
        view["newest"] = listing(0..<min(8, catalog.datasets.count))
        let recentlyUpdated = catalog.datasets.indices
            .sorted { a, b in
                let x = catalog.datasets[a].lastChanged, y = catalog.datasets[b].lastChanged
                return x != y ? (x ?? Day(year: 1, month: 1, day: 1)) > (y ?? Day(year: 1, month: 1, day: 1)) : catalog.datasets[a].id < catalog.datasets[b].id
            }
            .prefix(8)
        view["updated"] = listing(recentlyUpdated)
        view["totals"] = [
            "datasets": .string(Formatting.count(catalog.datasets.count)),
            "organizations": .string(Formatting.count(datasetsByOrganization.filter { !$0.isEmpty }.count)),
            "resources": .string(Formatting.count(catalog.datasets.reduce(0) { $0 + $1.resources.count })),
            "files": .string(Formatting.count(catalog.publishedFiles.count)),
        ]
        return view
    }

    func catalogView(page: Int) -> MustacheObject {
        let total = pageCount(catalog.datasets.count)
        let title = page == 1 ? label("catalog.title")
            : label("catalog.title") + label("text.page_of").replacingOccurrences(of: "{page}", with: String(page)).replacingOccurrences(of: "{total}", with: String(total))
        var view = base(for: .catalog(page: page), title: title, breadcrumbs: [(label("catalog.title"), "datasets/")])
        let size = catalog.site.pageSize
        let start = (page - 1) * size
        view["heading"] = .string(label("catalog.title"))
        view["datasets"] = listing(start..<min(start + size, catalog.datasets.count))
        view["count"] = .string(Formatting.count(catalog.datasets.count))
        // English says "1 dataset": templates choose the singular word when `one`.
        view["one"] = .bool(catalog.datasets.count == 1)
        view["pagination"] = pagination(current: page, total: total, root: kind(.catalog(page: page)), firstPage: "datasets/")
        view["themes"] = .objects(themeCards())
        view["organizations"] = .objects(organizationCards())
        view["facet_groups"] = .objects(facetGroups())
        if let request = requestLink() { view["request_href"] = .string(request) }
        view["live_search"] = true
        return view
    }

    func organizationIndexView() -> MustacheObject {
        var view = base(for: .organizationIndex, title: label("organizations.title"),
                        breadcrumbs: [(label("organizations.title"), "organizations/")])
        view["organizations"] = .objects(organizationCards())
        return view
    }

    func organizationView(index: Int, page: Int) -> MustacheObject {
        let organization = catalog.organizations[index]
        let indices = datasetsByOrganization[index]
        let kind = PageKind.organization(index, page: page)
        let name = catalog.displayName(organization)
        var view = base(for: kind, title: name.text,
                        breadcrumbs: [(label("organizations.title"), "organizations/"), (name.text, nil)])
        var details: MustacheObject = ["name": .string(name.text),
                                       "description_html": .string(organization.descriptionHTML.html(root: kind.rootPrefix(in: catalog)))]
        // The description has no English version: it keeps the catalogue's language.
        if let language = catalog.originalTextLanguage { details["description_lang"] = .string(language) }
        if let language = name.language { details["name_lang"] = .string(language) }
        if let code = organization.code { details["code"] = .string(code) }
        if let homepage = organization.homepage { details["homepage"] = .string(homepage) }
        if let email = organization.email { details["email"] = .string(email) }
        if let phone = organization.phone { details["phone"] = .string(phone) }
        if let address = organization.address { details["address"] = .string(address) }
        view["organization"] = .object(details)
        addListing(to: &view, indices, page: page, of: kind, firstPage: catalog.organizationPath(organization.slug))
        if page == 1 { view["scorecard"] = .object(StatsViewBuilder(views: self).scorecard(organization: index)) }
        return view
    }

    func themeIndexView() -> MustacheObject {
        var view = base(for: .themeIndex, title: label("themes.title"), breadcrumbs: [(label("themes.title"), "themes/")])
        view["themes"] = .objects(themeCards())
        return view
    }

    func themeView(index: Int, page: Int) -> MustacheObject {
        let theme = catalog.themes[index]
        let indices = datasetsByTheme[index]
        let kind = PageKind.theme(index, page: page)
        let title = catalog.displayTitle(theme)
        var view = base(for: kind, title: title.text, breadcrumbs: [(label("themes.title"), "themes/"), (title.text, nil)])
        var details: MustacheObject = ["title": .string(title.text), "description": .string(theme.description)]
        if let language = title.language { details["title_lang"] = .string(language) }
        if let language = catalog.originalTextLanguage { details["description_lang"] = .string(language) }
        view["theme"] = .object(details)
        addListing(to: &view, indices, page: page, of: kind, firstPage: catalog.themePath(theme.slug))
        return view
    }

    /// One page of a list of datasets (a department's, a theme's, a facet value's): the
    /// page's slice, the total count and the links to the other pages.
    func addListing(to view: inout MustacheObject, _ indices: [Int], page: Int, of kind: PageKind, firstPage: String) {
        view["datasets"] = listing(pageSlice(indices, page: page))
        view["count"] = .string(Formatting.count(indices.count))
        view["one"] = .bool(indices.count == 1)
        view["pagination"] = pagination(current: page, total: pageCount(indices.count), root: kind.rootPrefix(in: catalog),
                                        firstPage: firstPage)
    }

    func freePageView(index: Int) -> MustacheObject {
        let page = catalog.pages[index]
        let kind = PageKind.page(index)
        var view = base(for: kind, title: page.title, breadcrumbs: [(page.title, nil)])
        view["page"] = ["title": .string(page.title), "body_html": .string(page.bodyHTML.html(root: kind.rootPrefix(in: catalog)))]
        return view
    }

    func themeCards() -> [MustacheObject] {
        catalog.themes.enumerated().map { index, theme in
            let title = catalog.displayTitle(theme)
            var card: MustacheObject = ["title": .string(title.text), "description": .string(theme.description), "path": .string(catalog.themePath(theme.slug)),
                                        "slug": .string(theme.slug), "count": .int(datasetsByTheme[index].count),
                                        "one": .bool(datasetsByTheme[index].count == 1)]
            if let language = title.language { card["title_lang"] = .string(language) }
            return card
        }
    }

    func organizationCards() -> [MustacheObject] {
        catalog.organizations.enumerated().map { index, organization in
            let name = catalog.displayName(organization)
            var card: MustacheObject = ["name": .string(name.text), "path": .string(catalog.organizationPath(organization.slug)),
                                        "slug": .string(organization.slug), "count": .int(datasetsByOrganization[index].count),
                                        "one": .bool(datasetsByOrganization[index].count == 1)]
            if let language = name.language { card["name_lang"] = .string(language) }
            return card
        }
    }

    private func kind(_ kind: PageKind) -> String { kind.rootPrefix(in: catalog) }
}
