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
        // Each distinct version of a dataset file is parsed, decoded and measured once,
        // in parallel, however many years hold it; the date only matters to the counting.
        let markdownPaths = Dictionary(trees.values.flatMap { $0 }.filter { $0.path != ChangeHistory.catalogFile }.map { ($0.blob, $0.path) },
                                       uniquingKeysWith: { a, _ in a })
        let parsed = markdownPaths.sorted { $0.key < $1.key }.parallelMap { blob, path -> (String, RawDocument?) in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let text = textByBlob[blob] ?? nil,
                  case .success(let document) = ContentLoader.parseDocument(Data(TextDecoder.normalizeLineEnds(text).utf8),
                                                                            file: path, slug: String(name.dropLast(3))) else { return (blob, nil) }
            return (blob, document)
        }
        let markdownByBlob = Dictionary(uniqueKeysWithValues: parsed.compactMap { blob, document in document.map { (blob, $0) } })
        var rowsByBlob: [String: [RawDocument]] = [:]
        let files = currentFiles(catalog)
        let currentTitles = Dictionary(catalog.datasets.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let profile = catalog.profile, day = catalog.buildDay
        var datasetByBlob: [String: Dataset?] = [:]
        var reports: [YearlyReport] = []
        for year in years {
            var single: [(blob: String, document: RawDocument)] = [], joined: [RawDocument] = [], rows: [RawDocument] = []
            for entry in trees[year] ?? [] where entry.path == ChangeHistory.catalogFile {
                guard let text = textByBlob[entry.blob] ?? nil else { continue }
                if rowsByBlob[entry.blob] == nil {
                    rowsByBlob[entry.blob] = CatalogCSVLoader(file: ChangeHistory.catalogFile).parse(TextDecoder.normalizeLineEnds(text)).rows
                }
                rows += rowsByBlob[entry.blob] ?? []
            }
            let rowIDs = Set(rows.compactMap { $0["id"]?.scalar?.trimmedWhitespace })
            for entry in trees[year] ?? [] where entry.path != ChangeHistory.catalogFile {
                guard let document = markdownByBlob[entry.blob] else { continue }
                if let id = document["id"]?.scalar?.trimmedWhitespace, rowIDs.contains(id) {
                    joined.append(document)
                } else {
                    single.append((entry.blob, document))
                }
            }
            let fresh = single.filter { datasetByBlob[$0.blob] == nil }.parallelMap { blob, document in
                (blob, decoding.dataset(document, on: day).map { resolved($0, files: files, givesData: profile.givesData(of: $0)) })
            }
            for (blob, dataset) in fresh { datasetByBlob[blob] = .some(dataset) }
            let fromRows = decoding.datasets(markdown: joined, rows: rows, on: day)
                .parallelMap { resolved($0, files: files, givesData: profile.givesData(of: $0)) }
            let yearEnd = Day(year: year, month: 12, day: 31)
            let datasets = (single.compactMap { datasetByBlob[$0.blob] ?? nil } + fromRows)
                // Closed today means closed in every report: it may have been withdrawn on purpose.
                .filter { profile.lists($0) && !catalog.unlistedIDs.contains($0.id) }
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
