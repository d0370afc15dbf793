import Foundation

/// Builds the catalogue model from checked content: leaves out what must not
/// be published, renders descriptions, measures and scans the files to
/// publish, and sorts everything the way every page and export lists it.
public struct Resolver: Sendable {
    public var buildDay: Day
    /// Which site the catalogue is for: it decides which datasets are listed and whose files are published.
    public var profile: BuildProfile

    public init(buildDay: Day, profile: BuildProfile = .public) {
        self.buildDay = buildDay
        self.profile = profile
    }

    public struct Result: Sendable {
        public var catalog: Catalog
        /// Problems found while resolving (personal data in a file, unreadable files).
        public var diagnostics: Diagnostics
        /// How many datasets were checked and left out of the site (public: closed,
        /// 不予开放; share: not shared, 不予共享 or without a share attribute).
        public var withheldDatasetCount: Int
    }

    public func resolve(_ content: ValidatedContent) -> Result {
        guard var site = content.site else { preconditionFailure("resolve runs only on content without errors") }
        if profile == .share {
            // The validator refuses a share build without profiles.share.
            guard let share = site.shareProfile else { preconditionFailure("a share build is resolved only with profiles.share") }
            site.title = share.title
            site.publicPortalURL = site.baseURL
            site.baseURL = share.baseURL
            site.description = share.description.isEmpty ? share.title : share.description
        }
        var diagnostics = Diagnostics()
        let profile = self.profile
        let published = content.datasets.filter(profile.lists)
        let withheld = content.datasets.count - published.count
        let scanner = PrivacyScanner(today: buildDay)
        let folder = content.dataFolder
        let maps = ResourceMaps(contentLimits: content.limits)

        let resolved = published.parallelMap { dataset -> (Dataset, [Diagnostic]) in
            var dataset = dataset
            var found: [Diagnostic] = []
            let (html, rendered) = Markdown.renderRelocatable(dataset.descriptionMarkdown, headingOffset: 1)
            dataset.descriptionHTML = html
            dataset.descriptionText = rendered.plainText
            dataset.descriptionSummary = rendered.summary
            if let english = dataset.englishDescriptionMarkdown {
                let (html, rendered) = Markdown.renderRelocatable(english, headingOffset: 1)
                dataset.englishDescription = RenderedDescription(html: html, text: rendered.plainText, summary: rendered.summary)
            }
            // `spatial: 370000` shows and exports as the division's standard name;
            // the exports find the code again from the name.
            if let division = AdministrativeDivisions.division(dataset.spatial) { dataset.spatial = division.name }
            // Measured on the text a search engine is given (SchemaOrgDataset), not on the Markdown.
            if dataset.plainDescription.hasFewerCharacters(than: Self.minimumDescriptionLength) {
                let length = dataset.plainDescription.count
                found.append(.warning(at: SourceLocation(file: dataset.sourceFile),
                                      "the description has \(length) characters; Google Dataset Search needs at least \(Self.minimumDescriptionLength)",
                                      code: "dataset.description-short",
                                      hint: "say what the data holds, who keeps it, how often it changes and what a row is"))
            }
            // Data given only on application (conditional open, or conditional
            // share on the share site): its files are neither copied, measured nor exposed.
            guard profile.givesData(of: dataset) else { return (dataset, found) }
            for index in dataset.resources.indices {
                guard case .path(let path) = dataset.resources[index].location else { continue }
                let url = folder.url(for: path)
                let display = content.displayRoot + "/data/" + path
                do {
                    let (file, problems) = try scanner.scanAndDigest(file: url, displayPath: display, format: dataset.resources[index].format,
                                                                     exceptions: dataset.resources[index].privacyExceptions,
                                                                     review: dataset.resources[index].privacyReview)
                    dataset.resources[index].file = file
                    found += problems
                    let format = dataset.resources[index].format
                    if dataset.resources[index].schema.isEmpty, Formats.isTabular(format), let data = try? Data(contentsOf: url) {
                        dataset.resources[index].inferredSchema = TableSchemaInference.infer(data, separator: format.uppercased() == "TSV" ? "\t" : ",") ?? []
                    }
                    if ResourceMaps.wantsMap(dataset.resources[index]) {
                        let (layer, problems) = maps.read(dataset.resources[index], file: url, display: display)
                        dataset.resources[index].map = layer
                        found += problems
                    }
                    found += Self.checkChartViews(dataset.resources[index], file: url)
                } catch {
                    found.append(.error(at: SourceLocation(file: display), "cannot read the file: \(error.localizedDescription)",
                                        code: "resource.unreadable"))
                }
            }
            return (dataset, found)
        }
        var datasets: [Dataset] = []
        datasets.reserveCapacity(resolved.count)
        for (dataset, found) in resolved {
            datasets.append(dataset)
            diagnostics.append(contentsOf: found)
        }
        // Sorted by position and moved once: a dataset is a large value, and
        // sorting them in place moved each one about log₂ n times.
        let order = datasets.indices.sorted { Self.newestFirst(datasets[$0], datasets[$1]) }
        datasets = order.map { datasets[$0] }

        var publishedFiles = Set<String>()
        for dataset in datasets where profile.givesData(of: dataset) {
            for resource in dataset.resources {
                if case .path(let path) = resource.location { publishedFiles.insert(path) }
            }
        }

        let organizations = content.organizations
            .map { organization -> Organization in
                var organization = organization
                organization.descriptionHTML = Markdown.renderRelocatable(organization.descriptionMarkdown, headingOffset: 1).html
                return organization
            }
            .sorted { $0.slug < $1.slug }
        let pages = content.pages
            .map { page -> Page in
                var page = page
                page.bodyHTML = Markdown.renderRelocatable(page.bodyMarkdown).html
                return page
            }
            .sorted { $0.slug < $1.slug }
        var catalog = Catalog(site: site, datasets: datasets, organizations: organizations, pages: pages,
                              buildDay: buildDay, publishedFiles: publishedFiles.sorted())
        catalog.datasetDecoding = content.decoding
        catalog.profile = profile
        for dataset in content.datasets where !profile.lists(dataset) {
            catalog.unlistedIDs.insert(dataset.id)
            if profile == .share {
                for slug in Set(dataset.themeSlugs) { catalog.unsharedCountByTheme[slug, default: 0] += 1 }
            }
        }
        if let outline = site.mapOutline {
            let (layer, problems) = maps.readOutline(content.contentFolder.url(for: outline), display: content.displayRoot + "/" + outline)
            catalog.mapOutline = layer
            diagnostics.append(contentsOf: problems)
        }
        return Result(catalog: catalog, diagnostics: diagnostics, withheldDatasetCount: withheld)
    }

    /// A line or bar view whose columns hold too few numbers draws nothing:
    /// said here, where diagnostics are collected, rather than silently on the page.
    static func checkChartViews(_ resource: Resource, file: URL) -> [Diagnostic] {
        resource.views.filter(\.isChart).compactMap { view in
            guard case .failure(let unfit) = DataChart.read(file, separator: resource.format.uppercased() == "TSV" ? "\t" : ",", view: view) else { return nil }
            return .warning(at: view.location, "the \(view.kind.rawValue) view draws nothing: \(unfit.reason)", code: "view.data",
                            hint: "y columns must hold numbers (a thousands comma or % is fine) in at least two rows")
        }
    }

    /// Google Dataset Search's minimum for a dataset's description.
    static let minimumDescriptionLength = 50

    /// Newest first by publication date, then by id so that ties are stable.
    static func newestFirst(_ a: Dataset, _ b: Dataset) -> Bool {
        let dayA = a.issued ?? a.modified, dayB = b.issued ?? b.modified
        if dayA != dayB {
            switch (dayA, dayB) {
            case let (x?, y?): return x > y
            case (.some, nil): return true
            default: return false
            }
        }
        return a.id < b.id
    }
}
