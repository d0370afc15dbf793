import Foundation

/// A build that suddenly publishes far fewer datasets than the site it
/// replaces is almost always a mistake (a folder lost in a merge, a wrong
/// `--content`), and a silent one: the smaller site is valid. This stops it
/// unless the publisher says the shrink is meant (`--allow-shrink`).
public enum ShrinkGuard {
    /// Nil when the build may go on; otherwise the error that stops it.
    /// The previous count comes from the previous site's `catalog.json`.
    public static func check(output: URL, display: String, publishing count: Int, keepAtLeast share: Double) -> Diagnostic? {
        guard share > 0, let previous = previousDatasetCount(in: output), previous > 0 else { return nil }
        let needed = Int((Double(previous) * share).rounded(.up))
        guard count < needed else { return nil }
        let percent = Int((share * 100).rounded())
        return .error(at: SourceLocation(file: display),
                      "this build would publish \(count) dataset\(count == 1 ? "" : "s"), but the site it replaces published \(previous): "
                          + "fewer than \(percent)% of them",
                      code: "output.shrink",
                      hint: "if datasets were removed on purpose, build with --allow-shrink (or set build.shrink_guard in site.yaml); "
                          + "otherwise check that Content/datasets/ and catalog.csv are complete")
    }

    /// `dataset_count` from the head of the previous `catalog.json`.
    static func previousDatasetCount(in output: URL) -> Int? {
        guard let text = previousCatalogHead(in: output), let key = text.range(of: "\"dataset_count\"") else { return nil }
        let digits = text[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }.prefix { $0.isASCII && $0.isNumber }
        return Int(digits)
    }

    /// The start of the previous site's `catalog.json`, where its top-level
    /// fields are, read without parsing the whole file (it can be hundreds
    /// of megabytes). Shared with `ProfileGuard`.
    static func previousCatalogHead(in output: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: output.appendingPathComponent("catalog.json").path) else { return nil }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 64 * 1024) else { return nil }
        return String(decoding: head, as: UTF8.self)
    }
}
