import Foundation

/// The share site's overview page (`share/`): how a department requests
/// conditionally shared data, the sharing status of each key domain (the
/// portal's themes: credit, public resource trading, investment, …) by
/// share attribute, and which department shares how much in which domain.
struct ShareViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    func view() -> MustacheObject {
        let kind = PageKind.shareOverview
        let root = kind.rootPrefix(in: catalog)
        var view = views.base(for: kind, title: views.label("share.title"), breadcrumbs: [(views.label("share.title"), nil)])
        view["request_html"] = .string(views.shareRequestHTML.html(root: root))
        view["domains"] = .objects(domainRows())
        let unconditional = catalog.datasets.filter { $0.shareType == .unconditional }.count
        view["totals"] = [
            "unconditional": .int(unconditional),
            "conditional": .int(catalog.datasets.count - unconditional),
            "shared": .int(catalog.datasets.count),
        ]
        view["matrix_themes"] = .objects(catalog.themes.map { ["title": .string($0.title), "path": .string(catalog.themePath($0.slug))] })
        view["matrix_rows"] = .objects(matrixRows())
        return view
    }

    /// One row per key domain: its datasets by share attribute. Unshared
    /// datasets are only counted (the site lists none of them).
    private func domainRows() -> [MustacheObject] {
        catalog.themes.enumerated().map { index, theme in
            let datasets = views.datasetsByTheme[index].map { catalog.datasets[$0] }
            let unconditional = datasets.filter { $0.shareType == .unconditional }.count
            return [
                "title": .string(theme.title),
                "path": .string(catalog.themePath(theme.slug)),
                "unconditional": .int(unconditional),
                "conditional": .int(datasets.count - unconditional),
                "unshared": .int(catalog.unsharedCountByTheme[theme.slug] ?? 0),
                "shared": .int(datasets.count),
            ]
        }
    }

    /// Departments that share anything, each with its number of shared datasets per domain.
    private func matrixRows() -> [MustacheObject] {
        catalog.organizations.enumerated().compactMap { index, organization in
            let indices = views.datasetsByOrganization[index]
            guard !indices.isEmpty else { return nil }
            var counts = Array(repeating: 0, count: catalog.themes.count)
            for datasetIndex in indices {
                for slug in Set(catalog.datasets[datasetIndex].themeSlugs) {
                    if let theme = catalog.themeIndex[slug] { counts[theme] += 1 }
                }
            }
            return [
                "name": .string(organization.name),
                "path": .string(catalog.organizationPath(organization.slug)),
                // An empty cell reads faster than a column of zeros.
                "cells": .objects(counts.map { $0 == 0 ? ["empty": true] : ["count": .int($0)] }),
                "total": .int(indices.count),
            ]
        }
    }
}
