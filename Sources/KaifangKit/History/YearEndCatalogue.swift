import Foundation

/// The evaluation of each earlier year, from the catalogue as it stood at the
/// year's end in git (`ChangeHistory.yearEndCommits`): the dataset files and
/// catalog.csv rows of that commit, read with today's rules and judged as of
/// 31 December of that year. What the build's profile does not list (closed
/// datasets on the public site) is left out as it is today.
///
/// What git does not keep is taken from today: departments, site.yaml and
/// the files under `data/` (a resource's file is measured as it is now, when
/// it is still there). Each distinct file version is read and parsed once
/// however many years hold it.
enum YearEndCatalogue {
    /// Earlier years evaluated at most: a report is about the recent record, and each year costs a read of the catalogue.
    static let yearLimit = 10

    static func reports(content: URL, catalog: Catalog, history: ChangeHistory, totalLabel: String) -> [YearlyReport] {
        guard let decoding = catalog.datasetDecoding else { return [] }
        guard let first = history.yearEndCommits.keys.min(), let last = history.yearEndCommits.keys.max(),
              first < catalog.buildDay.year else { return [] }
        // A year without commits ended as the last year with one did.
        let years = Array(first..<catalog.buildDay.year).suffix(yearLimit)
        let git = Git(folder: content)
        var trees: [Int: [(path: String, blob: String)]] = [:]
        for year in years {
            guard let commit = history.yearEndCommits[min(year, last)],
                  let listing = git.run(["ls-tree", "-r", "-z", commit, "--", "datasets", ChangeHistory.catalogFile]) else { return [] }
            trees[year] = entries(listing)
        }
        let blobs = Array(Set(trees.values.flatMap { $0.map(\.blob) })).sorted()
        guard let texts = git.catFile(blobs), texts.count == blobs.count else { return [] }
        let textByBlob = Dictionary(uniqueKeysWithValues: zip(blobs, texts))
        var markdownByBlob: [String: RawDocument] = [:]
        var rowsByBlob: [String: [RawDocument]] = [:]
        let files = currentFiles(catalog)
        let currentTitles = Dictionary(catalog.datasets.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var reports: [YearlyReport] = []
        for year in years {
            var markdown: [RawDocument] = [], rows: [RawDocument] = []
            for entry in trees[year] ?? [] {
                guard let text = textByBlob[entry.blob] ?? nil else { continue }
                if entry.path == ChangeHistory.catalogFile {
                    if rowsByBlob[entry.blob] == nil {
                        rowsByBlob[entry.blob] = CatalogCSVLoader(file: ChangeHistory.catalogFile).parse(TextDecoder.normalizeLineEnds(text)).rows
                    }
                    rows += rowsByBlob[entry.blob] ?? []
                } else {
                    if markdownByBlob[entry.blob] == nil {
                        let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
                        if case .success(let document) = ContentLoader.parseDocument(Data(TextDecoder.normalizeLineEnds(text).utf8),
                                                                                      file: entry.path, slug: String(name.dropLast(3))) {
                            markdownByBlob[entry.blob] = document
                        }
                    }
                    if let document = markdownByBlob[entry.blob] { markdown.append(document) }
                }
            }
            let yearEnd = Day(year: year, month: 12, day: 31)
            let datasets = decoding.datasets(markdown: markdown, rows: rows, on: yearEnd)
                // Closed today means closed in every report: it may have been withdrawn on purpose.
                .filter { catalog.profile.lists($0) && !catalog.unlistedIDs.contains($0.id) }
                .map { resolved($0, files: files, givesData: catalog.profile.givesData(of: $0)) }
            var past = catalog
            past.datasets = datasets.sorted(by: Resolver.newestFirst)
            past.buildDay = yearEnd
            past.history = nil
            past.linkStatistics = nil
            past.earlierReports = []
            let statistics = PublishingStatistics(catalog: past, totalLabel: totalLabel)
            var report = YearlyReport(catalog: past, statistics: statistics, previous: reports.last)
            report.nameOnly(currentTitles)
            reports.append(report)
        }
        return reports
    }

    /// `git ls-tree -r -z` records: dataset Markdown files directly in datasets/, and catalog.csv.
    static func entries(_ listing: String) -> [(path: String, blob: String)] {
        listing.split(separator: "\0").compactMap { record in
            guard let tab = record.firstIndex(of: "\t") else { return nil }
            let meta = record[..<tab].split(separator: " "), path = String(record[record.index(after: tab)...])
            guard meta.count == 3, meta[1] == "blob" else { return nil }
            let parts = path.split(separator: "/")
            let isDataset = parts.count == 2 && parts[0] == "datasets" && path.hasSuffix(".md") && !parts[1].hasPrefix(".")
            guard isDataset || path == ChangeHistory.catalogFile else { return nil }
            return (path, String(meta[2]))
        }
    }

    /// Today's measured files by their path under data/.
    static func currentFiles(_ catalog: Catalog) -> [String: LocalFile] {
        var files: [String: LocalFile] = [:]
        for dataset in catalog.datasets {
            for resource in dataset.resources {
                if case .path(let path) = resource.location, let file = resource.file { files[path] = file }
            }
        }
        return files
    }

    /// The little of resolving that the evaluation reads: the description's text and the measured files.
    static func resolved(_ dataset: Dataset, files: [String: LocalFile], givesData: Bool) -> Dataset {
        var dataset = dataset
        dataset.descriptionText = Markdown.renderRelocatable(dataset.descriptionMarkdown).rendered.plainText
        guard givesData else { return dataset }
        for index in dataset.resources.indices {
            if case .path(let path) = dataset.resources[index].location { dataset.resources[index].file = files[path] }
        }
        return dataset
    }
}
