import Foundation

extension Build {
    /// `kaifang check --links`: the check, then every external resource URL
    /// asked over the network (or taken from the cache). Broken links are
    /// warnings, so they fail the run only with `--strict`.
    public static func checkLinks(_ options: BuildOptions, links: LinkCheckOptions) async -> (report: BuildReport, outcome: LinkChecker.Outcome?) {
        let started = Date()
        var (report, catalog, _) = check(options)
        guard report.succeeded, let catalog else { return (report, nil) }
        var linkOptions = links
        if linkOptions.cacheFile == nil { linkOptions.cacheFile = options.linkCacheFile }
        var outcome = await LinkChecker(options: linkOptions).check(catalog)
        outcome.diagnostics = outcome.diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if let file = linkOptions.cacheFile, diagnostic.location.file == file.path { diagnostic.location.file = options.display(file) }
            return diagnostic
        }
        var diagnostics = Diagnostics(report.diagnostics)
        diagnostics.append(contentsOf: outcome.diagnostics)
        report.diagnostics = diagnostics.sorted
        report.succeeded = !failed(diagnostics, strict: options.strict)
        report.seconds = Date().timeIntervalSince(started)
        return (report, outcome)
    }

    /// The results of the last link check, for the stats page; nil without a cache.
    static func linkStatistics(_ catalog: Catalog, options: BuildOptions) -> LinkStatistics? {
        guard case .loaded(let cache) = LinkCache.load(options.linkCacheFile) else { return nil }
        return LinkStatistics(catalog: catalog, cache: cache)
    }
}

extension BuildOptions {
    /// `--link-cache`, else `.kaifang-cache/links.json` beside the content folder.
    public var linkCacheFile: URL { linkCache ?? LinkCache.defaultLocation(content: content) }
}
