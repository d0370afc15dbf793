import ArgumentParser
import Foundation
import KaifangKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Scaffold a content file with every field.",
        discussion: "kaifang new dataset \"济南市公交线路\" --slug bus-routes-jinan --organization jtt")

    enum Kind: String, ExpressibleByArgument { case dataset }

    @Argument(help: "What to create: dataset.") var kind: Kind
    @Argument(help: "The title (信息资源名称).") var title: String
    @Option(help: "The file name and web address (letters, digits, -). Default: from the title.") var slug: String?
    @Option(help: "The department's slug (a file in organizations/).") var organization: String?
    @Option(help: "The content folder.") var content = "Content"

    func run() throws {
        let fileSlug = slug ?? DatasetScaffold.slug(for: title)
        guard Slug.isSafe(fileSlug) else {
            throw ValidationError("the slug \"\(fileSlug)\" may only contain letters, digits, - and _; pass --slug")
        }
        let folder = URL(fileURLWithPath: content).appendingPathComponent("datasets")
        let file = folder.appendingPathComponent("\(fileSlug).md")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            FileHandle.standardError.write(Data("\(content)/datasets/\(fileSlug).md already exists; pick another --slug\n".utf8))
            throw ExitCode(1)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let today = BuildOptions.buildDay()
        try Data(DatasetScaffold.text(title: title, organization: organization, today: today).utf8).write(to: file)
        print("created \(content)/datasets/\(fileSlug).md: fill in the fields, then run kaifang check")
    }
}
