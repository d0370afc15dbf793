/// Search, facets and the request link: the catalogue's parts that work
/// with JavaScript (search.js over `search/index.json`) and without it
/// (static facet pages linked from the sidebar).
extension ViewBuilder {
    func searchIndex() -> Artifact {
        let strings = self.strings
        return SearchIndexBuilder(catalog: catalog, facets: facets) { strings[$0.labelKey] ?? $0.rawValue }.artifact()
    }

    /// The whole index (`search/index.json`, for machines and old scripts)
    /// and its shards, which the catalogue's script loads (docs/search.md).
    func searchArtifacts() -> [Artifact] {
        var artifacts = [searchIndex()]
        produceSearchShards { artifacts += $0 }
        return artifacts
    }

    /// The shards in batches as they are made (`SearchShards.produce`).
    func produceSearchShards(_ emit: ([Artifact]) throws -> Void) rethrows {
        let strings = self.strings
        try SearchShards(catalog: catalog, facets: facets) { strings[$0.labelKey] ?? $0.rawValue }.produce(emit)
    }

    /// The sidebar: every facet with its values, counts and static pages.
    /// Keys are unique per level (Mustache falls back to outer contexts).
    func facetGroups() -> [MustacheObject] {
        CatalogFacets.Kind.allCases.compactMap { kind in
            let values = facets.linkedValues(kind).filter { !$0.datasets.isEmpty }
            guard !values.isEmpty else { return nil }
            return [
                "facet_title": .string(label(kind.labelKey)),
                "facet_param": .string(kind.parameter),
                "facet_open": .bool(kind == .theme),
                "facet_values": .objects(values.map { value -> MustacheObject in
                    ["value_label": .string(value.label), "value_slug": .string(value.slug), "value_count": .int(value.datasets.count),
                     "value_href": .string(kind.folder(value.slug))]
                }),
            ]
        }
    }

    /// 数据需求: a pre-filled e-mail or the issue form, carrying the catalogue's URL.
    func requestLink() -> String? {
        let pageURL = catalog.url("datasets/")
        if let form = catalog.site.feedback.issueURL {
            return FeedbackLinks.form(form, id: "", title: label("request.subject"), url: pageURL, type: "request")
        }
        guard let email = catalog.site.feedback.email ?? catalog.site.contact?.email else { return nil }
        let body = "\(label("request.body"))\n\n\(label("feedback.page"))\(label("text.colon"))\(pageURL)"
        return FeedbackLinks.mail(to: email, subject: label("request.subject"), body: body)
    }

    func facetView(kind: CatalogFacets.Kind, value index: Int, page: Int) -> MustacheObject {
        let value = facets.values(kind)[index]
        let pageKind = PageKind.facet(kind, slug: value.slug, value: index, page: page)
        let title = label(kind.labelKey) + label("text.colon") + value.label
        var view = base(for: pageKind, title: title, breadcrumbs: [(label("catalog.title"), "datasets/"), (title, nil)])
        view["facet_heading"] = .string(title)
        addListing(to: &view, value.datasets, page: page, of: pageKind, firstPage: kind.folder(value.slug))
        view["search_url"] = .string("datasets/?\(kind.parameter)=\(FeedbackLinks.encode(value.slug))")
        return view
    }
}
