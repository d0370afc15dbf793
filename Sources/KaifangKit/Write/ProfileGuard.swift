import Foundation

/// Keeps the public portal and the sharing site out of each other's output
/// folder. A share build written over the public site would put data that
/// is not for the public where the public site is deployed; a public build
/// over the sharing site would silently replace it. The previous site is
/// recognised by the profile its marker file names, or by the `homepage`
/// its `catalog.json` names.
public enum ProfileGuard {
    /// The marker file's text for a site of this profile.
    public static func marker(for profile: BuildProfile) -> String {
        profile == .public ? "kaifang\n" : "kaifang \(profile.rawValue)\n"
    }

    /// Nil when the build may go on; otherwise the error that stops it.
    public static func check(output: URL, display: String, profile: BuildProfile, site: Site) -> Diagnostic? {
        let other: (url: String?, name: String) = profile == .share ? (site.publicPortalURL ?? site.baseURL, "the public portal") : (site.shareProfile?.baseURL, "the sharing site")
        let markedOther = previousProfile(in: output).map { $0 != profile } ?? false
        let homepage = previousHomepage(in: output)
        guard markedOther || (homepage != nil && homepage == other.url) else { return nil }
        let address = (homepage ?? other.url).map { " (\($0))" } ?? ""
        return .error(at: SourceLocation(file: display),
                      "\(display) holds \(other.name)\(address); this \(profile == .share ? "share" : "public") build would replace it",
                      code: "output.profile",
                      hint: profile == .share ? "build the sharing site into its own folder: kaifang build --profile share --output _share"
                          : "build the public portal into its own folder, e.g. --output _site")
    }

    /// The profile the previous site's marker file names; nil without a marker.
    static func previousProfile(in output: URL) -> BuildProfile? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(OutputFolderGuard.markerFileName).path),
              data.count < 256 else { return nil }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.first == "kaifang" else { return nil }
        return words.count > 1 ? BuildProfile(rawValue: String(words[1])) : .public
    }

    /// `homepage` from the head of the previous `catalog.json` (written before the datasets), unescaped.
    static func previousHomepage(in output: URL) -> String? {
        guard let text = ShrinkGuard.previousCatalogHead(in: output), let key = text.range(of: "\"homepage\"") else { return nil }
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
