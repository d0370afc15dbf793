import Foundation

/// The content after checking: typed records (closed datasets included,
/// since they too must be valid) and every diagnostic found.
public struct ValidatedContent: Sendable {
    public var site: Site?
    public var organizations: [Organization]
    public var pages: [Page]
    public var datasets: [Dataset]
    public var dataFolder: DataFolder
    /// How the content folder is named in diagnostics, e.g. `Content`.
    public var displayRoot: String
    public var diagnostics: Diagnostics
    /// How this content's datasets were read, for reading earlier versions of them the same way.
    var decoding: DatasetDecoding?
    /// `Content/` itself, where site.yaml's paths (`map.outline`) point.
    public var contentFolder: DataFolder
    public var limits: ContentLimits
}

/// Runs every check over the raw content and collects all diagnostics at once.
public struct Validator: Sendable {
    public var today: Day
    /// The site being built: it decides which datasets' texts are published, and so scanned for personal data.
    public var profile: BuildProfile

    public init(today: Day, profile: BuildProfile = .public) {
        self.today = today
        self.profile = profile
    }

    public func validate(_ raw: RawContent) -> ValidatedContent {
        var diagnostics = raw.diagnostics
        let (decodedSite, siteDiagnostics) = SiteDecoder.decode(raw.site, file: raw.siteFile)
        var site = decodedSite
        diagnostics.append(contentsOf: siteDiagnostics)
        if profile == .share, let site, site.shareProfile == nil {
            diagnostics.error(SourceLocation(file: raw.siteFile), "a share build needs profiles.share in site.yaml", code: "profile.missing",
                              hint: "add `profiles: {share: {title: …, base_url: https://share.example.gov.cn/, request_procedure: …}}`: "
                                + "the sharing site has its own name and address on the extranet")
        }
        let contentFolder = DataFolder(root: raw.root, displayName: "Content/")
        if let outline = site?.mapOutline {
            if let problem = contentFolder.check(outline) {
                diagnostics.error(site?.mapOutlineLocation ?? SourceLocation(file: raw.siteFile), problem.message, code: "map.outline", hint: problem.hint)
                site?.mapOutline = nil
            } else {
                site?.mapOutline = DataFolder.normalize(outline)
            }
        }

        let defaults = DatasetDefaults.read(raw.site, into: &diagnostics)
        let synonyms = DatasetDefaults.readSynonyms(raw.site, into: &diagnostics)
        let licenseNames = LicenseNames.read(raw.licenseNames, into: &diagnostics)
        let rawOrganizations = raw.organizations.map { OrganizationDecoder.addressable($0, &diagnostics) }
        let rawPages = raw.pages.map { OrganizationDecoder.addressable($0, &diagnostics) }
        let rawDatasets = raw.datasets.map { OrganizationDecoder.addressable($0, &diagnostics) }

        var organizations: [Organization] = []
        for document in rawOrganizations {
            let (organization, found) = OrganizationDecoder.decode(document)
            diagnostics.append(contentsOf: found)
            if let organization { organizations.append(organization) }
        }
        diagnostics.append(contentsOf: collisions(organizations.map { ($0.slug, SourceLocation(file: $0.sourceFile)) }, what: "department"))

        var pages: [Page] = []
        for document in rawPages {
            let (page, found) = OrganizationDecoder.decodePage(document)
            diagnostics.append(contentsOf: found)
            if let page { pages.append(page) }
        }

        let (joined, joinDiagnostics) = CatalogJoin.join(markdown: rawDatasets, rows: raw.catalogRows)
        diagnostics.append(contentsOf: joinDiagnostics)
        let dataFolder = DataFolder(root: raw.root.appendingPathComponent("data"))
        let themes = site?.themes ?? []
        // What depends on site.yaml is checked only when site.yaml could be
        // read: otherwise its one error would come with hundreds of consequences.
        let themesUsable = site != nil && !siteDiagnostics.all.contains {
            $0.severity == .error && ["site.themes", "theme.slug", "theme.title"].contains($0.code)
        }
        let patternUsable = site?.resourceCodePattern.map { $0 == "national" || (try? NSRegularExpression(pattern: $0)) != nil } ?? true
        var documents = joined.map { DatasetDefaults.apply(defaults, to: $0) }
        if site?.resourceCodePattern == nil {
            documents = documents.map { DatasetDefaults.identifyByFileName($0, into: &diagnostics) }
        }
        // A JKAN dataset names its department by name, or by the file name the department had before it got an address.
        let departmentNames = organizations.map { ($0.name, $0.slug) }
            + zip(raw.organizations, rawOrganizations).filter { $0.0.slug != $0.1.slug }.map { ($0.0.slug, $0.1.slug) }
        var datasetRules = DatasetRules(
            organizationSlugs: Set(organizations.map(\.slug)),
            organizationSlugByName: Dictionary(departmentNames, uniquingKeysWith: { a, _ in a }),
            themeSlugs: Set(themes.map(\.slug)),
            themeSlugByTitle: Dictionary(themes.map { ($0.title, $0.slug) }, uniquingKeysWith: { a, _ in a }),
            dataFiles: dataFolder,
            defaultLicense: site?.defaultLicense,
            resourceCodePattern: patternUsable ? site?.resourceCodePattern : nil,
            today: today)
        datasetRules.departments = organizations.map { (slug: $0.slug, name: $0.name) }
        datasetRules.checkThemes = themesUsable
        datasetRules.profile = profile
        datasetRules.synonyms = synonyms
        datasetRules.licenseNames = licenseNames
        let rules = datasetRules
        let decoded = documents.parallelMap { DatasetDecoder.decode($0, rules: rules) }
        var datasets: [Dataset] = []
        datasets.reserveCapacity(decoded.count)
        for (dataset, found) in decoded {
            diagnostics.append(contentsOf: found)
            if let dataset { datasets.append(dataset) }
        }
        // Personal data and secrecy markings in every published text: the
        // profile says which datasets are published (closed ones only on the share site).
        let publishedDocuments = zip(documents, decoded).filter { $0.1.0.map(profile.lists) ?? true }.map(\.0)
        diagnostics.append(contentsOf: MetadataPrivacyScan(today: today).scan(
            site: raw.site, siteFile: raw.siteFile, datasets: publishedDocuments, organizations: raw.organizations, pages: raw.pages))
        let repeatedIDs = duplicateIDs(documents)
        diagnostics.append(contentsOf: repeatedIDs.diagnostics)
        diagnostics.append(contentsOf: SharedFiles.check(documents, dataFolder: dataFolder))
        let limits = ContentLimits(site: raw.site)
        diagnostics.append(contentsOf: ContentSizeChecks.check(datasets: documents, limits: limits))
        diagnostics.append(contentsOf: ContentSizeChecks.check(descriptionsOf: rawOrganizations + rawPages, limits: limits))
        diagnostics.append(contentsOf: RawHTMLCheck.check(documents + rawOrganizations + rawPages))
        // A reused id already has its error; the address it shares would only say it again.
        let distinctDatasets = datasets.filter { !repeatedIDs.ids.contains($0.id) }
        diagnostics.append(contentsOf: collisions(distinctDatasets.map { ($0.slug, SourceLocation(file: $0.sourceFile)) }, what: "dataset"))
        if let pattern = site?.resourceCodePattern, pattern != "national", (try? NSRegularExpression(pattern: pattern)) == nil {
            diagnostics.error(SourceLocation(file: raw.siteFile), "resource_code_pattern is not a valid regular expression",
                              code: "site.resource_code_pattern")
        }
        return ValidatedContent(site: site, organizations: organizations, pages: pages, datasets: datasets,
                                dataFolder: dataFolder, displayRoot: raw.displayRoot, diagnostics: diagnostics,
                                decoding: DatasetDecoding(rules: rules, defaults: defaults, identifiesByFileName: site?.resourceCodePattern == nil),
                                contentFolder: contentFolder, limits: limits)
    }

    /// Checked on the raw documents, so a duplicate is reported even when
    /// one of the two has other errors. Each repeat is reported once, at the
    /// repeat, naming the first use with its line: which of the two is the
    /// new one only the publisher knows, so both are named.
    private func duplicateIDs(_ documents: [RawDocument]) -> (diagnostics: [Diagnostic], ids: Set<String>) {
        var first: [String: SourceLocation] = [:]
        var found: [Diagnostic] = []
        var repeated: Set<String> = []
        for document in documents {
            guard let node = document["id"], let id = node.scalar?.trimmedWhitespace, !id.isEmpty else { continue }
            if let earlier = first[id] {
                let other = earlier.file.hasSuffix("catalog.csv") ? "the catalog.csv row on line \(earlier.line) (\(earlier.file))"
                    : "\(earlier.file) (line \(earlier.line))"
                let here = node.location.file.hasSuffix("catalog.csv") ? "this catalog.csv row" : "this file"
                found.append(.error(at: node.location, "id \"\(id)\" is used twice: by \(other) and by \(here)",
                                    code: "dataset.duplicate-id",
                                    hint: "every resource code (信息资源代码) must be unique: give the dataset added last a new id"))
                repeated.insert(id)
            } else {
                first[id] = node.location
            }
        }
        return (found, repeated)
    }

    /// Slugs that would land on the same folder on a case-insensitive file
    /// system, or differ only by Unicode normalisation.
    private func collisions(_ slugs: [(String, SourceLocation)], what: String) -> [Diagnostic] {
        var first: [String: (String, SourceLocation)] = [:]
        var found: [Diagnostic] = []
        for (slug, location) in slugs {
            let key = Slug.collisionKey(slug)
            if let (earlierSlug, earlier) = first[key] {
                found.append(.error(at: location, "\(what) \"\(slug)\" has the same address as \"\(earlierSlug)\" (\(earlier.file))",
                                    code: "\(what).slug-collision",
                                    hint: "slugs that differ only by upper/lower case or Unicode form collide; rename one file"))
            } else {
                first[key] = (slug, location)
            }
        }
        return found
    }
}
