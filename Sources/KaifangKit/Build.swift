import Foundation

/// Where a build reads and writes, and how strict it is.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var publicFolder: URL
    public var output: URL
    /// The folder the command runs in; the output may never be it.
    public var projectRoot: URL
    /// Warnings count as errors.
    public var strict = false
    /// Publish even when far fewer datasets than the previous site had (see `ShrinkGuard`).
    public var allowShrink = false
    /// A line on the terminal naming the stage of a long build (the CLI sets it when stderr is a terminal).
    public var progress: ProgressLine?
    /// The day the catalogue is "as of": timeliness, feeds and footers use it.
    public var buildDay: Day
    /// Where `kaifang harvest` keeps the catalogues of `sources:` (the build reads them).
    public var harvest: URL
    /// The link cache of `kaifang check --links` (nil: `.kaifang-cache/links.json` beside the content).
    public var linkCache: URL?
    /// Read the change history of dataset files from git (dataset pages, `changes.xml`).
    public var readHistory = true
    /// The public open-data portal, or the sharing site for departments (`--profile share`).
    public var profile: BuildProfile = .public
    /// Whether the build skips when nothing it reads changed since the last
    /// build of this output and the output is as that build left it
    /// (`BuildCache`). The CLI uses it (`--full`: refresh); tests build in full unless they ask.
    public var buildCache: BuildCache.Mode = .off
    /// What identifies this Kaifang in the build cache: nil for the running
    /// executable's digest, empty for none (nothing is skipped); tests set their own.
    public var buildCacheTool: String?

    public init(content: URL, templates: URL, publicFolder: URL, output: URL, projectRoot: URL, strict: Bool = false, buildDay: Day) {
        self.content = content
        self.templates = templates
        self.publicFolder = publicFolder
        self.output = output
        self.projectRoot = projectRoot
        self.strict = strict
        self.buildDay = buildDay
        self.harvest = projectRoot.appendingPathComponent("Harvest")
    }

    /// The options for a project folder laid out as the contract says.
    public static func project(at root: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> BuildOptions {
        BuildOptions(content: root.appendingPathComponent("Content"), templates: root.appendingPathComponent("Templates"),
                     publicFolder: root.appendingPathComponent("Public"), output: root.appendingPathComponent("_site"),
                     projectRoot: root, buildDay: buildDay(environment: environment))
    }

    /// SOURCE_DATE_EPOCH when set (reproducible builds), else today in UTC.
    public static func buildDay(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap { Int($0.trimmedWhitespace) }
            ?? Int(Date().timeIntervalSince1970)
        return Day(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let base = projectRoot.standardizedFileURL.path
        if path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }
}

/// What a build or check found and did.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    public var succeeded: Bool
    public var datasetCount = 0
    /// Datasets checked but left off the site: closed ones (public), unshared ones (share).
    public var withheldDatasetCount = 0
    public var profile: BuildProfile = .public
    public var pageCount = 0
    public var fileCount = 0
    public var byteCount: Int64 = 0
    public var seconds = 0.0
    /// Nothing changed since the last build: the site was left as it was and this is that build's report.
    public var upToDate = false

    public init(diagnostics: [Diagnostic], succeeded: Bool) {
        self.diagnostics = diagnostics
        self.succeeded = succeeded
    }
}

/// The pipeline, in the order it runs:
/// load → validate → (stop on errors) → resolve → render + export → write (atomic swap).
/// `check` is the same pipeline without render and write, so the two can never disagree.
public enum Build {
    public static func check(_ options: BuildOptions) -> (report: BuildReport, catalog: Catalog?, templates: TemplateSet?) {
        let started = Date()
        var diagnostics = Diagnostics()
        // Each stage's input is let go as soon as the next stage has it, so
        // the raw YAML trees are not alive beside the resolved catalogue.
        var raw: RawContent? = StageTimer.measure("load", options.progress) {
            var content = ContentLoader(root: options.content, displayRoot: options.display(options.content)).load()
            HarvestLoader(folder: options.harvest, displayFolder: options.display(options.harvest), today: options.buildDay).load(into: &content)
            return content
        }
        var validated: ValidatedContent? = StageTimer.measure("validate", options.progress) { Validator(today: options.buildDay, profile: options.profile).validate(raw!) }
        raw = nil
        diagnostics.append(contentsOf: validated!.diagnostics)

        var templates: TemplateSet?
        switch TemplateSet.load(from: options.templates, displayRoot: options.display(options.templates),
                                language: validated!.site?.language ?? "zh-CN") {
        case .success(let loaded):
            templates = loaded
            // Only the share site has the sharing overview; a public theme need not carry its template.
            if options.profile == .share, !loaded.has(SiteRenderer.shareTemplate) {
                diagnostics.error(SourceLocation(file: options.display(options.templates) + "/\(SiteRenderer.shareTemplate).mustache"),
                                  "the template \(SiteRenderer.shareTemplate).mustache is missing", code: "templates.missing",
                                  hint: "a share build renders the sharing overview (share/) with it; copy it from the default theme")
                templates = nil
            }
        case .failure(let errors): diagnostics.append(contentsOf: errors.diagnostics)
        }

        var catalog: Catalog?
        var withheld = 0
        if !failed(diagnostics, strict: options.strict) {
            let resolved = StageTimer.measure("resolve", options.progress) { Resolver(buildDay: options.buildDay, profile: options.profile).resolve(validated!) }
            diagnostics.append(contentsOf: resolved.diagnostics)
            catalog = resolved.catalog
            catalog?.interfaceWords = templates?.strings ?? [:]
            withheld = resolved.withheldDatasetCount
        }
        validated = nil
        FreedMemory.giveBack()
        let succeeded = !failed(diagnostics, strict: options.strict)
        var report = BuildReport(diagnostics: diagnostics.sorted, succeeded: succeeded)
        report.datasetCount = catalog?.datasets.count ?? 0
        report.withheldDatasetCount = withheld
        report.profile = options.profile
        report.seconds = Date().timeIntervalSince(started)
        return (report, succeeded ? catalog : nil, templates)
    }

    public static func build(_ options: BuildOptions) -> BuildReport {
        let started = Date()
        // Read once: the build cache digests it, the history stage reads the commits it lists.
        let gitListing = options.readHistory ? ChangeHistory.Listing.read(content: options.content) : nil
        let cache = options.buildCache == .off ? nil : BuildCache(options: options, tool: options.buildCacheTool)
        // Digested before anything is read: an edit made during the build makes the stamp stale, never the site.
        let inputs = cache.flatMap { cache in StageTimer.measure("cache") { cache.inputDigest(git: gitListing) } }
        if options.buildCache == .use, let cache, let inputs, var unchanged = cache.upToDate(inputs: inputs) {
            unchanged.seconds = Date().timeIntervalSince(started)
            return unchanged
        }
        var (report, catalog, templates) = check(options)
        guard report.succeeded, var catalog, let templates else { return report }
        catalog.linkStatistics = linkStatistics(catalog, options: options)
        catalog.history = StageTimer.measure("history", options.progress) { gitListing.flatMap { ChangeHistory.read(content: options.content, listing: $0) } }
        if let history = catalog.history {
            let current = catalog
            catalog.earlierReports = StageTimer.measure("year ends", options.progress) {
                YearEndCatalogue.reports(content: options.content, catalog: current, history: history,
                                         totalLabel: current.word("stats.total"))
            }
        }
        if let refusal = OutputFolderGuard.check(output: options.output, content: options.content, templates: options.templates,
                                                 public: options.publicFolder, projectRoot: options.projectRoot) {
            report.diagnostics.append(refusal)
            report.succeeded = false
            return report
        }
        if let refusal = ProfileGuard.check(output: options.output, display: options.display(options.output), profile: options.profile, site: catalog.site) {
            report.diagnostics.append(refusal)
            report.succeeded = false
            return report
        }
        if !options.allowShrink, let refusal = ShrinkGuard.check(output: options.output, display: options.display(options.output), publishing: catalog.datasets.count,
                                                                 keepAtLeast: catalog.site.shrinkGuard) {
            report.diagnostics.append(refusal)
            report.succeeded = false
            return report
        }
        var writer: OutputWriter?
        do {
            let output = try OutputWriter(output: options.output)
            output.profile = options.profile
            writer = output
            let renderer = SiteRenderer(templates: templates, dataFolder: options.content.appendingPathComponent("data"))
            let rendered = try StageTimer.measure("render", options.progress, counting: { output.fileCount }) { try renderer.render(catalog, write: output.write) }
            FreedMemory.giveBack()
            try StageTimer.measure("export", options.progress, counting: { output.fileCount }) { try Export.run(catalog, sitemap: rendered.sitemapEntries, write: output.write) }
            try StageTimer.measure("data api", options.progress, counting: { output.fileCount }) {
                try DataAPI(catalog: catalog, dataFolder: options.content.appendingPathComponent("data")).write(output.write)
            }
            if let feed = ChangeLog.feed(catalog, label: { templates.strings[$0] ?? $0 }) { try output.write(feed) }
            for path in catalog.publishedFiles {
                try output.write(Artifact(path: Catalog.publishedPath(path).removingPercentEncoding ?? path,
                                          copying: options.content.appendingPathComponent("data").appendingPathComponent(path)))
            }
            for copy in catalog.dataPackageFileCopies {
                try output.write(Artifact(path: copy.sitePath,
                                          copying: options.content.appendingPathComponent("data").appendingPathComponent(copy.dataPath)))
            }
            switch FileSystemEntry.at(options.publicFolder.path) {
            case .missing: break
            case .folder: try output.copyFolder(options.publicFolder)
            case let entry:
                throw FileSystemError("copy", options.display(options.publicFolder), code: 0,
                                      detail: entry.problem(expecting: .folder) ?? "it is not a folder")
            }
            report.pageCount = rendered.pageCount
            report.fileCount = output.fileCount
            report.byteCount = output.byteCount
            let finished = report
            try StageTimer.measure("commit", options.progress) {
                try output.commit { cache?.record(inputs: inputs, report: finished) }
            }
        } catch {
            let intact = writer?.previousSiteIntact ?? true
            writer?.discard()
            report.diagnostics.append(.error(at: SourceLocation(file: options.display(options.output)),
                                             "the site could not be written: \(error)", code: "output.write",
                                             hint: intact ? "the previous site was left as it was"
                                                 : "the output now holds parts of the previous and the new site; fix the cause and build again"))
            report.succeeded = false
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    static func failed(_ diagnostics: Diagnostics, strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && diagnostics.hasWarnings)
    }
}

/// With KAIFANG_TIMINGS=1 in the environment, prints how long each stage took
/// (stderr): wall and cpu seconds (all threads) and the peak resident memory
/// so far, for profiling a large catalogue (docs/performance.md).
enum StageTimer {
    static let enabled = ProcessInfo.processInfo.environment["KAIFANG_TIMINGS"] == "1"

    static func measure<T>(_ stage: String, _ progress: ProgressLine? = nil, counting: (@Sendable () -> Int)? = nil,
                           _ work: () throws -> T) rethrows -> T {
        progress?.enter(stage, counting: counting)
        guard enabled else { return try work() }
        let start = Date(), cpuStart = cpuSeconds()
        defer {
            let usage = resourceUsage()
            let line = String(format: "timing: %@ %.3f s wall, %.3f s cpu, peak %d MiB, now %d MiB\n", stage, Date().timeIntervalSince(start),
                              cpuSeconds() - cpuStart, Int(usage.ru_maxrss) / 1024, residentMiB())
            FileHandle.standardError.write(Data(line.utf8))
        }
        return try work()
    }

    /// A part of a stage that runs beside others (an exporter): its wall time
    /// only, since the process's cpu time is shared with the others.
    static func note(_ part: String, wallSeconds: Double) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "timing:   %@ %.3f s wall\n", part, wallSeconds).utf8))
    }

    /// Resident memory now (the peak says nothing of what a stage let go).
    static func residentMiB() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
              let pages = statm.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / (1 << 20)
    }

    static func resourceUsage() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }

    /// User and system time of the whole process so far.
    static func cpuSeconds() -> Double {
        let usage = resourceUsage()
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
