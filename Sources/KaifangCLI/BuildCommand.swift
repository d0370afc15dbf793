import ArgumentParser
import Foundation
import KaifangKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Validate the content, then render the whole portal into the output folder.")

    @OptionGroup var project: ProjectOptions
    @Flag(help: "Publish even if the site would have far fewer datasets than the one it replaces.") var allowShrink = false
    @Flag(help: "Build the whole site even when nothing changed since the last build (.kaifang-cache/build-*.json).") var full = false

    func run() throws {
        var options = project.buildOptions()
        options.allowShrink = allowShrink
        options.buildCache = full ? .refresh : .use
        let progress = project.format == .text && ProgressLine.wanted() ? ProgressLine() : nil
        options.progress = progress
        let report = Build.build(options)
        progress?.finish()
        let verb = project.format == .json ? "build"
            : report.upToDate ? "\(options.output.lastPathComponent)/ is up to date (nothing changed since the last build; --full builds it again)"
            : "built \(options.output.lastPathComponent)/"
        let status = Reporter.report(report, format: project.format, verb: verb)
        if status != 0 { throw ExitCode(status) }
        if project.format == .text {
            print("the site is in \(options.output.path); view it with: python3 -m http.server -d \(options.output.path) 8000")
        }
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the content and print every problem; write nothing (but the link cache with --links).")

    @OptionGroup var project: ProjectOptions
    @Flag(help: "Also ask every external resource URL of open datasets whether it answers (HEAD, else GET).") var links = false
    @Option(help: "Seconds to wait for a server before a try fails.") var linkTimeout: Double = 15
    @Option(help: "Link requests in flight at once.") var linkConcurrency = 8
    @Option(help: "Tries after the first for failures that may pass (time-out, 5xx, 429).") var linkRetries = 2
    @Option(help: "Hours a cached link result is reused before the URL is asked again.") var linkMaxAge: Double = 24

    func run() async throws {
        var options = project.buildOptions()
        let progress = project.format == .text && ProgressLine.wanted() ? ProgressLine() : nil
        options.progress = progress
        var report: BuildReport
        var outcome: LinkChecker.Outcome?
        if links {
            var linkOptions = LinkCheckOptions()
            linkOptions.timeout = max(0.1, linkTimeout)
            linkOptions.concurrency = max(1, linkConcurrency)
            linkOptions.retries = max(0, linkRetries)
            linkOptions.maxAge = max(0, linkMaxAge) * 3600
            (report, outcome) = await Build.checkLinks(options, links: linkOptions)
        } else {
            report = Build.check(options).report
        }
        progress?.finish()
        if let outcome, project.format == .text {
            print("links: \(outcome.results.count) checked (\(outcome.requested) asked, \(outcome.fromCache) from the cache), \(outcome.broken) broken")
        }
        let status = Reporter.report(report, format: project.format, verb: project.format == .json ? "check" : "checked")
        if status != 0 { throw ExitCode(status) }
    }
}
