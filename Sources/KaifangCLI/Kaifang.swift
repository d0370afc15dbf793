import ArgumentParser
import Foundation
import KaifangKit

struct Kaifang: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kaifang",
        abstract: "开放 Kaifang: build a government open-data portal from a catalogue in git.",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ImportCommand.self, HarvestCommand.self, ExplainCommand.self])

    static func mainWithContractExitCodes() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let exitCode as ExitCode {
            Foundation.exit(exitCode.rawValue)
        } catch {
            let code = Self.exitCode(for: error)
            if code == .success {
                print(Self.fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((Self.fullMessage(for: error) + "\n").utf8))
            // Any failure to parse the command line is misuse: exit 2.
            Foundation.exit(2)
        }
    }
}

/// Flags shared by every subcommand that reads a project.
struct ProjectOptions: ParsableArguments {
    @Option(help: "The content folder.") var content = "Content"
    @Option(help: "The templates folder (the theme).") var templates = "Templates"
    @Option(name: .customLong("public"), help: "Static files copied into the site.") var publicFolder = "Public"
    @Option(help: "Where the site is written (default: _site, or _share with --profile share).") var output: String?
    @Option(help: "Which site to make: public (the open-data portal) or share (the sharing site for departments on the government extranet).")
    var profile: BuildProfile = .public
    @Option(help: "Where `kaifang harvest` keeps the catalogues of site.yaml's sources.") var harvest = "Harvest"
    @Flag(help: "Treat warnings as errors.") var strict = false
    @Option(help: "Diagnostics format: text, json or github.") var format: DiagnosticFormat = .text
    @Option(help: "The link cache of check --links (default: .kaifang-cache/links.json beside the content folder).") var linkCache: String?

    func buildOptions() -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func resolve(_ path: String) -> URL {
            path.hasPrefix("/") ? URL(fileURLWithPath: path) : cwd.appendingPathComponent(path)
        }
        var options = BuildOptions.project(at: cwd)
        options.content = resolve(content).standardizedFileURL
        options.templates = resolve(templates).standardizedFileURL
        options.publicFolder = resolve(publicFolder).standardizedFileURL
        // A share build never lands in the public site's folder by default:
        // deploying it there would publish datasets closed to the public.
        options.output = resolve(output ?? (profile == .share ? "_share" : "_site")).standardizedFileURL
        options.profile = profile
        options.harvest = resolve(harvest).standardizedFileURL
        options.strict = strict
        options.linkCache = linkCache.map { resolve($0).standardizedFileURL }
        return options
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
extension BuildProfile: ExpressibleByArgument {}

/// Prints diagnostics and a one-line summary, and picks the exit status.
/// Text and GitHub annotations go to stderr with the summary on stdout; with
/// `--format json`, stdout holds one JSON document and nothing else.
enum Reporter {
    static func report(_ report: BuildReport, format: DiagnosticFormat, verb: String) -> Int32 {
        let errors = report.diagnostics.filter { $0.severity == .error }.count
        let warnings = report.diagnostics.filter { $0.severity == .warning }.count
        let notes = report.diagnostics.filter { $0.severity == .note }.count
        if format == .json {
            print(jsonDocument(report, verb: verb, errors: errors, warnings: warnings, notes: notes))
            return report.succeeded ? 0 : 1
        }
        let printer = DiagnosticPrinter(format: format)
        for diagnostic in report.diagnostics {
            FileHandle.standardError.write(Data((printer.render(diagnostic) + "\n").utf8))
        }
        let seconds = String(format: "%.2f", report.seconds)
        if report.succeeded {
            var line = "\(verb): \(report.datasetCount) datasets"
            if report.withheldDatasetCount > 0 {
                line += report.profile == .share ? " (\(report.withheldDatasetCount) not shared, not listed)"
                    : " (\(report.withheldDatasetCount) closed, not published)"
            }
            if report.pageCount > 0 { line += ", \(report.pageCount) pages, \(report.fileCount) files\(report.upToDate ? "" : " written")" }
            line += ", \(warnings) warning\(warnings == 1 ? "" : "s") in \(seconds) s"
            if format == .text { print(line) }
            return 0
        }
        let line = "\(verb) failed: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return 1
    }

    /// `{"succeeded": …, "errors": …, "warnings": …, "notes": …, "datasets": …, "diagnostics": [ … ]}`:
    /// an empty `diagnostics` list says explicitly that nothing was found.
    static func jsonDocument(_ report: BuildReport, verb: String, errors: Int, warnings: Int, notes: Int) -> String {
        let diagnostics: [[String: Any]] = report.diagnostics.map { d in
            var object: [String: Any] = ["file": d.location.file, "line": d.location.line, "column": d.location.column,
                                         "severity": d.severity.rawValue, "message": d.message, "code": d.code]
            if let hint = d.hint { object["hint"] = hint }
            return object
        }
        var document: [String: Any] = [
            "command": verb, "succeeded": report.succeeded, "errors": errors, "warnings": warnings, "notes": notes,
            "datasets": report.datasetCount, "closed_datasets_withheld": report.withheldDatasetCount, "diagnostics": diagnostics,
        ]
        if report.pageCount > 0 {
            document["pages"] = report.pageCount
            document["files"] = report.fileCount
            document["up_to_date"] = report.upToDate
        }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
