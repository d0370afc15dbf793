import ArgumentParser
import Foundation
import KaifangKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Explain a diagnostic code: what it means, an example and the fix.",
        discussion: "kaifang explain dataset.organization   (the code is the part in [brackets] of a diagnostic)")

    @Argument(help: "The code, e.g. dataset.organization; without it, every code is listed.") var code: String?

    func run() throws {
        guard let code else {
            for entry in DiagnosticCodes.all { print("\(entry.code)  \(entry.meaning)") }
            return
        }
        let trimmed = code.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
        guard let entry = DiagnosticCodes.explain(trimmed) else {
            let suggestion = Suggestions.closest(to: trimmed, in: DiagnosticCodes.all.map(\.code))
            FileHandle.standardError.write(Data("no diagnostic code \"\(trimmed)\"\(suggestion.map { "; did you mean \($0)?" } ?? ""); `kaifang explain` lists them all\n".utf8))
            throw ExitCode(2)
        }
        print(DiagnosticCodes.text(for: entry), terminator: "")
    }
}
