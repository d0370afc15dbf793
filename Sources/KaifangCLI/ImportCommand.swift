import ArgumentParser
import Foundation
import KaifangKit

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Bring another portal's catalogue into Content/ as Markdown files.",
        discussion: """
        kaifang import jkan ../old-jkan-site
        kaifang import ckan https://ckan.example.org --base-url https://data.example.gov.cn/
        kaifang import ckan package_search.json
        kaifang import dcat catalog.ttl        (Turtle, RDF/XML or JSON-LD; DCAT-AP 2 or 3)
        kaifang import datajson data.json      (DCAT-US 1.1)
        kaifang import sheet 目录.xlsx          (CSV in UTF-8 or GB18030, or XLSX)
        kaifang import kaifang https://city.example.gov.cn/catalog.json   (another Kaifang portal, losslessly)
        Importing again updates the same files. Every field that could not be mapped is listed with where it was.
        """)

    @Argument(help: "The source's kind: jkan, ckan, dcat, datajson, sheet or kaifang.") var kind: ImportFormat
    @Argument(help: "A file, a folder (jkan) or an http(s) address (ckan, dcat, datajson).") var source: String
    @Option(name: .customLong("base-url"), help: "The new portal's address, written into a new site.yaml.") var baseURL: String?
    @Option(help: "The content folder to write into.") var content = "Content"
    @Option(help: "Diagnostics format: text, json or github.") var format: DiagnosticFormat = .text

    func run() throws {
        if let baseURL, URL(string: baseURL)?.host == nil || !IRI.isHTTP(baseURL) {
            throw ValidationError("--base-url must be an http(s) address, e.g. https://data.example.gov.cn/")
        }
        let folder = URL(fileURLWithPath: content, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let result = Importer.run(kind, source: source, content: folder, baseURL: baseURL)
        if format == .json {
            var report = BuildReport(diagnostics: result.diagnostics, succeeded: result.succeeded)
            report.datasetCount = result.datasetCount
            print(Reporter.jsonDocument(report, verb: "import", errors: result.diagnostics.filter { $0.severity == .error }.count,
                                        warnings: result.diagnostics.filter { $0.severity == .warning }.count,
                                        notes: result.diagnostics.filter { $0.severity == .note }.count))
        } else {
            let printer = DiagnosticPrinter(format: format)
            for diagnostic in result.diagnostics {
                FileHandle.standardError.write(Data((printer.render(diagnostic) + "\n").utf8))
            }
            if let summary = result.summary {
                let unmapped = result.diagnostics.filter { $0.code == "import.unmapped" }.count
                print("import: \(result.datasetCount) datasets from \(source) into \(content)/: \(summary.line)"
                      + (unmapped > 0 ? "; \(unmapped) fields not mapped (listed above)" : ""))
            }
        }
        if !result.succeeded { throw ExitCode(1) }
    }
}

extension ImportFormat: ExpressibleByArgument {}
