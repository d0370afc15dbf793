/// The view of each page kind.
extension ViewBuilder {
    func view(for kind: PageKind) -> [String: Any] {
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
        case .notFound: return base(for: .notFound, title: label("notfound.title"), breadcrumbs: [])
        case .facet(let facet, _, let value, let page): return facetView(kind: facet, value: value, page: page)
        }
    }

    func homeView() -> [String: Any] {
        var view = base(for: .home, title: nil, breadcrumbs: [])
        view["is_home"] = true
        view["live_search"] = true
        view["themes"] = themeCards()
        view["organizations"] = organizationCards().sorted { ($0["count"] as! Int) > ($1["count"] as! Int) }.prefix(12).map { $0 }
        view["newest"] = listing(0..<min(8, catalog.datasets.count))
        let recentlyUpdated = catalog.datasets.indices
            .sorted { a, b in
                let x = catalog.datasets[a].lastChanged, y = catalog.datasets[b].lastChanged
                return x != y ? (x ?? Day(year: 1, month: 1, day: 1)) > (y ?? Day(year: 1, month: 1, day: 1)) : catalog.datasets[a].id < catalog.datasets[b].id
            }
            .prefix(8)
        view["updated"] = listing(recentlyUpdated)
        view["totals"] = [
            "datasets": Formatting.count(catalog.datasets.count),
            "organizations": Formatting.count(datasetsByOrganization.filter { !$0.isEmpty }.count),
            "resources": Formatting.count(catalog.datasets.reduce(0) { $0 + $1.resources.count }),
            "files": Formatting.count(catalog.publishedFiles.count),
        ]
        return view
    }

    func catalogView(page: Int) -> [String: Any] {
        let total = pageCount(catalog.datasets.count)
        let title = page == 1 ? label("catalog.title") : "\(label("catalog.title"))（\(page)/\(total)）"
        var view = base(for: .catalog(page: page), title: title, breadcrumbs: [(label("catalog.title"), "datasets/")])
        let size = catalog.site.pageSize
        let start = (page - 1) * size
        view["heading"] = label("catalog.title")
        view["datasets"] = listing(start..<min(start + size, catalog.datasets.count))
        view["count"] = Formatting.count(catalog.datasets.count)
        view["pagination"] = pagination(current: page, total: total, root: kind(.catalog(page: page)), firstPage: "datasets/")
        view["themes"] = themeCards()
        view["organizations"] = organizationCards()
        view["facet_groups"] = facetGroups()
        if let request = requestLink() { view["request_href"] = request }
        view["live_search"] = true
        return view
    }

    func organizationIndexView() -> [String: Any] {
        var view = base(for: .organizationIndex, title: label("organizations.title"),
                        breadcrumbs: [(label("organizations.title"), "organizations/")])
        view["organizations"] = organizationCards()
        return view
    }

    func organizationView(index: Int, page: Int) -> [String: Any] {
        let organization = catalog.organizations[index]
        let indices = datasetsByOrganization[index]
        let kind = PageKind.organization(index, page: page)
        var view = base(for: kind, title: organization.name,
                        breadcrumbs: [(label("organizations.title"), "organizations/"), (organization.name, nil)])
        var details: [String: Any] = ["name": organization.name, "description_html": organization.descriptionHTML.html(root: kind.rootPrefix(in: catalog))]
        if let code = organization.code { details["code"] = code }
        if let homepage = organization.homepage { details["homepage"] = homepage }
        if let email = organization.email { details["email"] = email }
        if let phone = organization.phone { details["phone"] = phone }
        if let address = organization.address { details["address"] = address }
        view["organization"] = details
        addListing(to: &view, indices, page: page, of: kind, firstPage: catalog.organizationPath(organization.slug))
        if page == 1 { view["scorecard"] = StatsViewBuilder(views: self).scorecard(organization: index) }
        return view
    }

    func themeIndexView() -> [String: Any] {
        var view = base(for: .themeIndex, title: label("themes.title"), breadcrumbs: [(label("themes.title"), "themes/")])
        view["themes"] = themeCards()
        return view
    }

    func themeView(index: Int, page: Int) -> [String: Any] {
        let theme = catalog.themes[index]
        let indices = datasetsByTheme[index]
        let kind = PageKind.theme(index, page: page)
        var view = base(for: kind, title: theme.title, breadcrumbs: [(label("themes.title"), "themes/"), (theme.title, nil)])
        view["theme"] = ["title": theme.title, "description": theme.description]
        addListing(to: &view, indices, page: page, of: kind, firstPage: catalog.themePath(theme.slug))
        return view
    }

    /// One page of a list of datasets (a department's, a theme's, a facet value's): the
    /// page's slice, the total count and the links to the other pages.
    func addListing(to view: inout [String: Any], _ indices: [Int], page: Int, of kind: PageKind, firstPage: String) {
        view["datasets"] = listing(pageSlice(indices, page: page))
        view["count"] = Formatting.count(indices.count)
        view["pagination"] = pagination(current: page, total: pageCount(indices.count), root: kind.rootPrefix(in: catalog),
                                        firstPage: firstPage)
    }

    func freePageView(index: Int) -> [String: Any] {
        let page = catalog.pages[index]
        let kind = PageKind.page(index)
        var view = base(for: kind, title: page.title, breadcrumbs: [(page.title, nil)])
        view["page"] = ["title": page.title, "body_html": page.bodyHTML.html(root: kind.rootPrefix(in: catalog))]
        return view
    }

    func themeCards() -> [[String: Any]] {
        catalog.themes.enumerated().map { index, theme in
            ["title": theme.title, "description": theme.description, "path": catalog.themePath(theme.slug),
             "slug": theme.slug, "count": datasetsByTheme[index].count]
        }
    }

    func organizationCards() -> [[String: Any]] {
        catalog.organizations.enumerated().map { index, organization in
            ["name": organization.name, "path": catalog.organizationPath(organization.slug),
             "slug": organization.slug, "count": datasetsByOrganization[index].count]
        }
    }

    private func kind(_ kind: PageKind) -> String { kind.rootPrefix(in: catalog) }
}
