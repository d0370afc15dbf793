import Foundation

/// Keeps the public portal and the sharing site out of each other's output
/// folder. A share build written over the public site would put data that
/// is not for the public where the public site is deployed; a public build
/// over the sharing site would silently replace it. The previous site is
/// recognised by the `homepage` its `catalog.json` names.
public enum ProfileGuard {
    /// Nil when the build may go on; otherwise the error that stops it.
    public static func check(output: URL, display: String, profile: BuildProfile, site: Site) -> Diagnostic? {
        guard let previous = previousHomepage(in: output) else { return nil }
        let other: (url: String?, name: String) = profile == .share ? (site.publicPortalURL ?? site.baseURL, "the public portal") : (site.shareProfile?.baseURL, "the sharing site")
        guard let url = other.url, previous == url else { return nil }
        return .error(at: SourceLocation(file: display),
                      "\(display) holds \(other.name) (\(url)); this \(profile == .share ? "share" : "public") build would replace it",
                      code: "output.profile",
                      hint: profile == .share ? "build the sharing site into its own folder: kaifang build --profile share --output _share"
                          : "build the public portal into its own folder, e.g. --output _site")
    }

    /// `homepage` from the head of the previous `catalog.json` (written before the datasets), unescaped.
    static func previousHomepage(in output: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: output.appendingPathComponent("catalog.json").path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 * 1024) else { return nil }
        let text = String(decoding: head, as: UTF8.self)
        guard let key = text.range(of: "\"homepage\"") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == "\"" else { return nil }
        var value = "", escaped = false
        for character in rest.dropFirst() {
            if escaped { value.append(character); escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "\"" { return value }
            value.append(character)
        }
        return nil
    }
}
