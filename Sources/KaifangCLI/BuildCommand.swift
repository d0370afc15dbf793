import ArgumentParser
import Foundation
import KaifangKit

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Validate the content, then render the whole portal into the output folder.")

    @OptionGroup var project: ProjectOptions
    @Flag(help: "Publish even if the site would have far fewer datasets than the one it replaces.") var allowShrink = false

    func run() throws {
        var options = project.buildOptions()
        options.allowShrink = allowShrink
        let progress = project.format == .text && ProgressLine.wanted() ? ProgressLine() : nil
        options.progress = progress
        let report = Build.build(options)
        progress?.finish()
        let status = Reporter.report(report, format: project.format, verb: project.format == .json ? "build" : "built \(options.output.lastPathComponent)/")
        if status != 0 { throw ExitCode(status) }
        if project.format == .text {
            print("the site is in \(options.output.path); view it with: python3 -m http.server -d \(options.output.path) 8000")
        }
    }
}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Validate the content and print every problem; write nothing.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
        var options = project.buildOptions()
        let progress = project.format == .text && ProgressLine.wanted() ? ProgressLine() : nil
        options.progress = progress
        let report = Build.check(options).report
        progress?.finish()
        let status = Reporter.report(report, format: project.format, verb: project.format == .json ? "check" : "checked")
        if status != 0 { throw ExitCode(status) }
    }
}
