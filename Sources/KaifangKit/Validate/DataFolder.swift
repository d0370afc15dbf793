import Foundation

/// `Content/data/`: the only place resource files may come from. A `path`
/// from content must never reach outside it (`..`, absolute paths, symlinks).
public struct DataFolder: Sendable {
    public var root: URL
    private let resolvedRoot: String
    /// How messages name the folder: `Content/data/`, or `Content/` for paths of site.yaml.
    public var displayName: String

    public init(root: URL, displayName: String = "Content/data/") {
        self.root = root.standardizedFileURL
        self.resolvedRoot = self.root.resolvingSymlinksInPath().path
        self.displayName = displayName
    }

    public struct Problem: Sendable {
        public var message: String
        public var hint: String?
    }

    static func normalize(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// The file's URL inside the folder (only after `check` passed).
    public func url(for path: String) -> URL { root.appendingPathComponent(path) }

    /// Nil when `path` names a regular file inside the folder.
    public func check(_ path: String) -> Problem? {
        if path.hasPrefix("/") || path.hasPrefix("~") || path.contains("\\") || (path.count > 1 && path.dropFirst().hasPrefix(":")) {
            return Problem(message: "path \"\(path)\" must be relative to \(displayName)",
                           hint: "write it as it is inside \(displayName), e.g. `\(displayName == "Content/data/" ? "path: jtt/bus-stops.csv" : "outline: data/province.geojson")`")
        }
        let components = path.split(separator: "/")
        if components.contains("..") {
            return Problem(message: "path \"\(path)\" leaves \(displayName)", hint: displayName == "Content/data/" ? "resource files must be inside Content/data/" : "the file must be inside \(displayName)")
        }
        if components.isEmpty || path.unicodeScalars.contains(where: { $0.value < 32 }) {
            return Problem(message: "path \"\(path)\" is not a file name", hint: nil)
        }
        let file = root.appendingPathComponent(Self.normalize(path))
        let resolved = file.resolvingSymlinksInPath().path
        if resolved != resolvedRoot && !resolved.hasPrefix(resolvedRoot + "/") {
            return Problem(message: "path \"\(path)\" is a link that leads outside \(displayName)",
                           hint: "copy the file into \(displayName) instead of linking to it")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            return Problem(message: "no file \(displayName)\(path)",
                           hint: "put the file in \(displayName), or fix the path (names are case-sensitive)")
        }
        if isDirectory.boolValue {
            return Problem(message: "path \"\(path)\" is a folder, not a file", hint: nil)
        }
        if let type = try? FileManager.default.attributesOfItem(atPath: resolved)[.type] as? FileAttributeType,
           type != .typeRegular {
            return Problem(message: "path \"\(path)\" is not a regular file", hint: nil)
        }
        return nil
    }
}
