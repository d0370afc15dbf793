/// The resolved catalogue: only what may be published, sorted, with every
/// derived value computed once. Renderers and exporters read nothing else.
public struct Catalog: Sendable {
    public var site: Site
    /// The datasets the profile lists (public: open and conditional; share:
    /// unconditionally and conditionally shared), newest first.
    public var datasets: [Dataset]
    public var organizations: [Organization]
    public var pages: [Page]
    /// The day the catalogue is "as of" (SOURCE_DATE_EPOCH, or the newest change).
    public var buildDay: Day
    /// Files of `Content/data/` to publish, relative to it.
    public var publishedFiles: [String]
    /// Broken links per department from the last `kaifang check --links`
    /// (its cache file); nil when no check was run.
    public var linkStatistics: LinkStatistics?
    /// The changes of dataset files from git (`ChangeHistory`); nil without git history.
    public var history: ChangeHistory?
    /// The evaluation of each earlier year the history reaches, oldest first
    /// (`YearEndCatalogue`); empty without history.
    public var earlierReports: [YearlyReport] = []
    /// How the datasets were read, to read their year-end versions from git the same way.
    var datasetDecoding: DatasetDecoding?
    /// Ids of the datasets this site does not list (closed ones on the public
    /// portal): their earlier versions stay out of earlier years' reports too.
    /// Never written anywhere.
    var unlistedIDs: Set<String> = []
    /// The site this catalogue is for; it decides what is listed and what data is given.
    public var profile: BuildProfile = .public
    /// Per theme slug, datasets of the theme that may not be shared (不予共享 or
    /// no share attribute): counted on the share site's overview, never listed.
    public var unsharedCountByTheme: [String: Int] = [:]
    /// site.yaml's `map.outline`, read: the background of every dataset map.
    public var mapOutline: MapLayer?

    public var themes: [Theme] { site.themes }

    public func organization(_ slug: String) -> Organization? {
        organizationIndex[slug].map { organizations[$0] }
    }

    public func theme(_ slug: String) -> Theme? {
        themeIndex[slug].map { site.themes[$0] }
    }

    /// The theme's interface words in the site's language
    /// (`Templates/i18n/<language>.yaml`) by dotted key. Exports speak to
    /// people too (a feed's title, what a conditional dataset's rights say),
    /// in the portal's language; the build sets them once the templates are
    /// loaded. Empty for a catalogue made without a theme.
    public var interfaceWords: [String: String] = [:]

    /// The word for a key; the key itself when the theme lacks it, so that a
    /// missing word shows in the output instead of vanishing.
    public func word(_ key: String) -> String { interfaceWords[key] ?? key }

    var organizationIndex: [String: Int] = [:]
    var themeIndex: [String: Int] = [:]

    public init(site: Site, datasets: [Dataset], organizations: [Organization], pages: [Page], buildDay: Day, publishedFiles: [String]) {
        self.site = site
        self.datasets = datasets
        self.organizations = organizations
        self.pages = pages
        self.buildDay = buildDay
        self.publishedFiles = publishedFiles
        for (index, organization) in organizations.enumerated() { organizationIndex[organization.slug] = index }
        for (index, theme) in site.themes.enumerated() { themeIndex[theme.slug] = index }
    }

    /// Absolute URL of a path inside the site (`datasets/x/`).
    public func url(_ path: String) -> String { site.baseURL + path }

    public func datasetPath(_ dataset: Dataset) -> String { "datasets/\(Slug.urlEncoded(dataset.slug))/" }
    public func organizationPath(_ slug: String) -> String { "organizations/\(Slug.urlEncoded(slug))/" }
    public func themePath(_ slug: String) -> String { "themes/\(Slug.urlEncoded(slug))/" }

    /// Whether this site gives the dataset's data (files, URLs, data API); see `BuildProfile`.
    public func givesData(of dataset: Dataset) -> Bool { profile.givesData(of: dataset) }

    /// Where a resource can be downloaded; nil for every resource whose data
    /// this site gives only on approved application (conditional open data on
    /// the public site, conditional share data on the share site).
    public func downloadURL(_ resource: Resource, of dataset: Dataset) -> String? {
        guard givesData(of: dataset) else { return nil }
        switch resource.location {
        case .url(let url): return url
        case .path(let path): return url(Self.publishedPath(path))
        }
    }

    /// Where a file of `Content/data/` lands in the site, URL-encoded.
    public static func publishedPath(_ dataPath: String) -> String {
        "data/" + dataPath.split(separator: "/").map { Slug.urlEncoded(String($0)) }.joined(separator: "/")
    }
}
