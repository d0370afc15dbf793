import ArgumentParser
import Foundation
import KaifangKit

struct HarvestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest", abstract: "Fetch the catalogues of site.yaml's sources (city portals) for the next build.",
        discussion: """
        sources:                                   # in site.yaml
          - name: 济南市公共数据开放网
            url: https://data.jinan.example.gov.cn/catalog.json
        Each catalogue is kept in Harvest/<slug>/; a source that fails keeps its last good harvest,
        which the build publishes with a warning. Exit status 1 only when a source has no harvest at all.
        """)

    @OptionGroup var project: ProjectOptions
    @Option(help: "Seconds to wait for a source before giving up.") var timeout = 30.0

    func run() throws {
        let options = project.buildOptions()
        let raw = ContentLoader(root: options.content).load()
        var diagnostics = Diagnostics()
        let sources = HarvestSource.decode(raw.site, into: &diagnostics)
        let printer = DiagnosticPrinter(format: project.format)
        for diagnostic in diagnostics.sorted {
            FileHandle.standardError.write(Data((printer.render(diagnostic) + "\n").utf8))
        }
        if diagnostics.sorted.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
        guard !sources.isEmpty else {
            print("harvest: site.yaml lists no sources")
            return
        }
        var harvester = Harvester()
        harvester.timeout = timeout
        let outcomes = harvester.harvest(sources, into: options.harvest, projectRoot: options.projectRoot)
        for outcome in outcomes {
            let line = "\(outcome.source): \(outcome.kind.rawValue): \(outcome.message)"
            if outcome.kind == .failed {
                FileHandle.standardError.write(Data(("warning: " + line + "\n").utf8))
            } else {
                print(line)
            }
        }
        let fetched = outcomes.filter { $0.kind != .failed }.count
        print("harvest: \(fetched) of \(outcomes.count) sources up to date in \(options.display(options.harvest))/")
        if outcomes.contains(where: { $0.kind == .failed && $0.datasets == nil }) { throw ExitCode(1) }
    }
}
