/// The privacy scan of every text Kaifang publishes that is not a resource
/// file: the front matter and description of each dataset that is published
/// (open and conditional: a conditional dataset's metadata is public, only its
/// files are not), catalog.csv rows, departments, pages and site.yaml.
///
/// It runs the same detector and secrecy markings as the file scan over
/// every string value (titles, keywords, contacts, resource names and
/// descriptions, schema descriptions, file paths, theme titles, …) and the
/// Markdown bodies. A hit is reported where the value is written: the YAML
/// node's line and column (plus the offset inside a one-line value), or the
/// line and column in the body. Reviewer-only fields (`privacy_exceptions`,
/// `privacy_review`) are not published and not scanned.
struct MetadataPrivacyScan {
    let today: Day

    static let unpublishedFields: Set<String> = ["privacy_exceptions", "privacy_review", "layout"]

    func scan(_ document: RawDocument) -> [Diagnostic] {
        var found = scan(document.fields, file: document.file, path: "")
        found += scanBody(document.body, file: document.file, firstLine: document.bodyLine,
                          place: "the description")
        return found
    }

    func scanBody(_ body: String, file: String, firstLine: Int, place: String) -> [Diagnostic] {
        TextScan.scan(body, today: today).map { hit in
            PrivacyScanner.diagnostic(hit.what, at: SourceLocation(file: file, line: firstLine + hit.line - 1, column: hit.column),
                                      in: place)
        }
    }

    /// Every string in the node, each reported at its own place.
    func scan(_ node: YAMLNode, file: String, path: String) -> [Diagnostic] {
        switch node.value {
        case .null:
            return []
        case .scalar(let text, let quoted):
            return TextScan.scan(text, today: today).map { hit in
                PrivacyScanner.diagnostic(hit.what, at: Self.location(of: hit, in: text, node: node, quoted: quoted, file: file),
                                          in: path.isEmpty ? nil : path)
            }
        case .sequence(let items):
            return items.enumerated().flatMap { index, item in
                scan(item, file: file, path: "\(path)[\(index + 1)]")
            }
        case .mapping(let entries):
            return entries.flatMap { entry -> [Diagnostic] in
                guard !Self.unpublishedFields.contains(entry.key) else { return [] }
                return scan(entry.value, file: file, path: path.isEmpty ? entry.key : "\(path).\(entry.key)")
            }
        }
    }

    /// Inside a one-line value the hit's own column; in a value that spans
    /// lines (folded or block text), where the value starts.
    static func location(of hit: TextHit, in text: String, node: YAMLNode, quoted: Bool, file: String) -> SourceLocation {
        let start = node.location
        guard !text.contains("\n"), hit.line == 1 else { return SourceLocation(file: file, line: start.line, column: start.column) }
        return SourceLocation(file: file, line: start.line, column: start.column + (quoted ? 1 : 0) + hit.column - 1)
    }

    /// The whole published content, less closed datasets.
    func scan(site: YAMLNode?, siteFile: String, datasets: [RawDocument], organizations: [RawDocument], pages: [RawDocument]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let site { found += scan(site, file: siteFile, path: "") }
        // In parallel, in document order: every string of every dataset is scanned.
        found += (datasets + organizations + pages).parallelMap { scan($0) }.flatMap { $0 }
        return found
    }
}
