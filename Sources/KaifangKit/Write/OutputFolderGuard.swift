import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A build replaces its output folder wholesale, so a mistyped `--output`
/// could wipe the content, the project or a home folder. This refuses every
/// folder whose replacement could lose something Kaifang did not make.
public enum OutputFolderGuard {
    /// Written at the root of every output folder Kaifang builds; a non-empty
    /// folder without it belongs to someone else.
    public static let markerFileName = ".kaifang-site"

    /// Nil when the build may replace `output`; otherwise the reason it may not.
    /// Paths are compared after resolving symbolic links and `..`.
    public static func check(output: URL, content: URL, templates: URL, public: URL, projectRoot: URL) -> Diagnostic? {
        let target = resolvedPath(output)
        let root = resolvedPath(projectRoot)
        let display = target.hasPrefix(root + "/") ? String(target.dropFirst(root.count + 1)) : target

        func refuse(_ message: String, _ hint: String) -> Diagnostic {
            .error(at: SourceLocation(file: display), "refusing to build into \(display): \(message)",
                   code: "output.refused", hint: hint)
        }
        let chooseAnother = "choose a new folder for the site, e.g. `--output _site`"

        if target == "/" {
            return refuse("it is the root of the file system", chooseAnother)
        }
        for home in homeFolders() {
            if target == home { return refuse("it is your home folder", chooseAnother) }
            if isAncestor(target, of: home) { return refuse("it contains your home folder", chooseAnother) }
        }
        let sources = [("Content", content), ("Templates", templates), ("Public", `public`)]
        let protected = (sources + [("the project folder", projectRoot)]).map { ($0.0, resolvedPath($0.1)) }
        for (name, path) in protected where target == path {
            return refuse("it is \(name); a build replaces the whole output folder", chooseAnother)
        }
        for (name, path) in protected where isAncestor(target, of: path) {
            return refuse("it contains \(name) (\(path)); a build replaces the whole output folder", chooseAnother)
        }
        for (name, url) in sources where isAncestor(resolvedPath(url), of: target) {
            return refuse("it is inside \(name), which the build reads", chooseAnother)
        }

        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return refuse("it is a file, not a folder", chooseAnother)
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? []
        if !entries.isEmpty && !entries.contains(markerFileName) {
            return refuse("the folder is not empty and Kaifang did not build it (it has no \(markerFileName) file)",
                          "empty the folder or choose a new one; Kaifang only replaces folders it built itself")
        }
        return nil
    }

    static func isAncestor(_ folder: String, of path: String) -> Bool {
        path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    static func homeFolders() -> [String] {
        var homes = [resolvedPath(FileManager.default.homeDirectoryForCurrentUser)]
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
            homes.append(resolvedPath(URL(fileURLWithPath: home)))
        }
        return homes
    }

    /// The absolute path with symbolic links and `.`/`..` resolved. The part
    /// that exists is resolved by the system (`realpath`); the rest, which
    /// cannot hold links yet, by reading the names.
    static func resolvedPath(_ url: URL) -> String {
        var existing = url.path
        if !existing.hasPrefix("/") {
            existing = FileManager.default.currentDirectoryPath + "/" + existing
        }
        var missing: [String] = []
        while true {
            if let pointer = realpath(existing, nil) {
                defer { free(pointer) }
                return normalize(String(cString: pointer), appending: missing)
            }
            let parent = (existing as NSString).deletingLastPathComponent
            missing.insert((existing as NSString).lastPathComponent, at: 0)
            if parent == existing || parent.isEmpty { return normalize("/", appending: missing) }
            existing = parent
        }
    }

    static func normalize(_ base: String, appending components: [String]) -> String {
        var parts = base.split(separator: "/").map(String.init)
        for component in components {
            switch component {
            case "", ".", "/": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(component)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
