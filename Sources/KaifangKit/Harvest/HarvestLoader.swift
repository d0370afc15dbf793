import Foundation

/// Adds the harvested datasets of `sources:` to what was read from
/// `Content/`: each source's last good harvest, read with the importer for
/// its format, written as the same documents a dataset file gives, so they
/// are checked and published like the portal's own. A harvested dataset that
/// would not pass the checks is left out with a warning: one city's mistake
/// never stops the province's build.
public struct HarvestLoader {
    public var folder: URL
    public var displayFolder: String
    public var today: Day

    public init(folder: URL, displayFolder: String, today: Day) {
        self.folder = folder
        self.displayFolder = displayFolder
        self.today = today
    }

    public func load(into raw: inout RawContent) {
        let sources = HarvestSource.decode(raw.site, into: &raw.diagnostics)
        guard !sources.isEmpty else { return }
        let sitePlace = raw.site?["sources"]?.location ?? SourceLocation(file: raw.siteFile)
        var seenIDs = Set((raw.datasets + raw.catalogRows).compactMap { $0["id"]?.scalar?.trimmedWhitespace })
        let localThemes: [(slug: String, title: String)] = (raw.site?["themes"]?.items ?? []).compactMap { item in
            guard let slug = item["slug"]?.scalar else { return nil }
            return (slug, item["title"]?.scalar ?? slug)
        }
        for (index, source) in sources.enumerated() {
            let place = raw.site?["sources"]?.items?[safe: index]?.location ?? sitePlace
            let sourceFolder = folder.appendingPathComponent(source.slug)
            let file = "\(displayFolder)/\(source.slug)/\(source.storedFileName)"
            guard let data = FileManager.default.contents(atPath: sourceFolder.appendingPathComponent(source.storedFileName).path) else {
                raw.diagnostics.warning(place, "source \"\(source.name)\" has not been harvested: none of its datasets are published",
                                        code: "harvest.missing", hint: "run `kaifang harvest` before the build")
                continue
            }
            let state = HarvestState.read(sourceFolder)
            if let state, let error = state.error {
                raw.diagnostics.warning(place, "the last harvest of \"\(source.name)\" failed (\(state.failedAt ?? "?")): \(error); its harvest of \(state.fetchedAt ?? "an earlier day") is published",
                                        code: "harvest.failed", hint: "check the source's address, or ask its portal; `kaifang harvest` tries again")
            }
            var catalog = HarvestReader.read(data, format: source.format, file: file)
            if let error = catalog.diagnostics.all.first(where: { $0.severity == .error }), catalog.datasets.isEmpty {
                raw.diagnostics.warning(place, "the harvest of \"\(source.name)\" cannot be read: \(error.message)", code: "harvest.unreadable",
                                        hint: "run `kaifang harvest` again")
                continue
            }
            var documents: [RawDocument] = []
            var unknownThemes: [String] = []
            for var dataset in catalog.datasets {
                if seenIDs.contains(dataset.id) {
                    raw.diagnostics.note(place, "\"\(source.name)\" also lists \(dataset.id) (\(dataset.title)), which is already published (by this portal or a source listed before it); the first is kept",
                                         code: "harvest.duplicate")
                    continue
                }
                seenIDs.insert(dataset.id)
                dataset.slug = "\(source.slug)-\(dataset.slug)"
                dataset.organization = dataset.organization.map { "\(source.slug)-\($0)" }
                dataset.themes = dataset.themes.compactMap { slug in
                    let title = catalog.themes.first { $0.slug == slug }?.title ?? slug
                    if let local = localThemes.first(where: { $0.slug == slug || $0.title == title }) { return local.slug }
                    if !unknownThemes.contains(title) { unknownThemes.append(title) }
                    return nil
                }
                dataset.origin = DatasetOrigin(name: source.name, url: dataset.page)
                if let document = Self.document(ImportYAML.datasetFile(dataset), file: "\(file) › \(dataset.id)", slug: dataset.slug) {
                    documents.append(document)
                }
            }
            if !unknownThemes.isEmpty {
                raw.diagnostics.note(place, "themes of \"\(source.name)\" that this portal does not have are left off its datasets: \(unknownThemes.joined(separator: "、"))",
                                     code: "harvest.theme", hint: "add them to themes: in site.yaml to keep them")
            }
            catalog.organizations = catalog.organizations.map { organization in
                var copy = organization
                copy.slug = "\(source.slug)-\(organization.slug)"
                return copy
            }
            let organizations = catalog.organizations.compactMap { organization in
                Self.document(ImportYAML.organizationFile(organization), file: "\(file) › \(organization.name)", slug: organization.slug)
            }
            // Checked on their own first: what would not pass is left out, so the rest still publish.
            var alone = raw
            alone.datasets = documents
            alone.catalogRows = []
            alone.organizations = organizations
            alone.pages = []
            alone.diagnostics = Diagnostics()
            let checked = Validator(today: today).validate(alone).diagnostics.all.filter { $0.severity == .error }
            let failing = Dictionary(grouping: checked.filter { $0.location.file.hasPrefix(file + " › ") }, by: \.location.file)
            var kept: [RawDocument] = []
            for document in documents {
                if let errors = failing[document.file] {
                    raw.diagnostics.warning(place, "\(document.file.replacingOccurrences(of: file + " › ", with: "")) of \"\(source.name)\" is not published: \(errors[0].message)",
                                            code: "harvest.skipped", hint: "the source portal can fix it; the next harvest brings the fix")
                } else {
                    kept.append(document)
                }
            }
            let used = Set(kept.compactMap { $0["organization"]?.scalar })
            raw.organizations += organizations.filter { used.contains($0.slug) && failing[$0.file] == nil }
            raw.datasets += kept
        }
        // A province that only republishes its cities has no datasets of its own, and that is no mistake.
        if !raw.datasets.isEmpty, raw.diagnostics.all.contains(where: { $0.code == "content.empty" }) {
            raw.diagnostics = Diagnostics(raw.diagnostics.all.filter { $0.code != "content.empty" })
        }
    }

    /// A generated file read like a file of Content/.
    static func document(_ text: String, file: String, slug: String) -> RawDocument? {
        guard case .success(let split) = FrontMatterDocument.split(text, file: file),
              case .success(let fields) = YAMLReader.parse(split.yaml, file: file, lineOffset: split.yamlLineOffset) else { return nil }
        return RawDocument(file: file, slug: slug, fields: fields, body: split.body, bodyLine: split.bodyLine)
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
