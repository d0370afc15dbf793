import ArgumentParser
import FlyingFox
import FlyingSocks
import Foundation
import KaifangKit

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Build, serve the site on 127.0.0.1, rebuild and reload on change.")

    @OptionGroup var project: ProjectOptions
    @Option(help: "The port on 127.0.0.1.") var port: UInt16 = 8000
    @Flag(help: "Publish even if the site would have far fewer datasets than the one it replaces.") var allowShrink = false

    func run() async throws {
        var options = project.buildOptions()
        options.allowShrink = allowShrink
        let inputs = [options.content, options.templates, options.publicFolder]
        let builds = BuildStatus()
        func rebuild() async {
            let report = Build.build(options)
            _ = Reporter.report(report, format: project.format, verb: "built \(options.output.lastPathComponent)/")
            await builds.record(report)
            fflush(nil)
        }
        await rebuild()

        // Quiet: no line per request, only the server's own warnings and errors.
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: QuietLogger())
        let site = options.output
        await server.appendRoute("GET /__kaifang/status") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"],
                         body: await builds.json())
        }
        await server.appendRoute("GET *") { request in
            guard let file = PreviewSupport.file(for: request.path, in: site),
                  var data = try? Data(contentsOf: file) else {
                let notFound = (try? Data(contentsOf: site.appendingPathComponent("404.html"))) ?? Data("404".utf8)
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: notFound)
            }
            if file.pathExtension == "html" {
                data = Data(PreviewSupport.injectingReload(into: String(decoding: data, as: UTF8.self)).utf8)
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: PreviewSupport.mediaType(for: file)], body: data)
        }
        print("serving \(site.path) on http://127.0.0.1:\(port)/ (Ctrl-C to stop); watching \(inputs.map(\.lastPathComponent).joined(separator: ", "))")
        fflush(nil)
        let watcher = Task {
            var last = PreviewSupport.fingerprint(of: inputs)
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 1_000_000_000)
                let now = PreviewSupport.fingerprint(of: inputs)
                if now != last {
                    last = now
                    await rebuild()
                }
            }
        }
        defer { watcher.cancel() }
        try await server.run()
    }
}

/// The number of the last build and what it found, for the page's script.
actor BuildStatus {
    private var number = 0
    private var succeeded = true
    private var diagnostics: [Diagnostic] = []

    func record(_ report: BuildReport) {
        number += 1
        succeeded = report.succeeded
        diagnostics = report.diagnostics
    }

    func json() -> Data {
        PreviewSupport.statusJSON(build: number, succeeded: succeeded, diagnostics: diagnostics)
    }
}

/// Prints what goes wrong in the server, not every request.
struct QuietLogger: Logging {
    func logDebug(_ debug: @autoclosure () -> String) {}
    func logInfo(_ info: @autoclosure () -> String) {}
    func logWarning(_ warning: @autoclosure () -> String) { write("warning: \(warning())") }
    func logError(_ error: @autoclosure () -> String) { write("error: \(error())") }
    func logCritical(_ critical: @autoclosure () -> String) { write("error: \(critical())") }

    private func write(_ line: String) {
        FileHandle.standardError.write(Data("serve: \(line)\n".utf8))
    }
}
