/// The portal a dataset comes from and its page there.
public struct DatasetOrigin: Sendable, Equatable {
    public var name: String
    public var url: String?

    public init(name: String, url: String?) {
        self.name = name
        self.url = url
    }
}

/// One dataset of the catalogue (信息资源).
public struct Dataset: Sendable {
    public var id: String
    public var slug: String
    public var title: String
    public var descriptionMarkdown: String
    public var organizationSlug: String
    public var themeSlugs: [String]
    public var keywords: [String]
    public var openType: OpenType
    public var shareType: ShareType?
    /// 共享条件: what a department must meet to receive the data (conditional sharing).
    public var shareCondition: String? = nil
    /// 共享方式: how the data is handed over.
    public var shareMethod: ShareMethod? = nil
    /// 使用要求: what a receiving department may and may not do with it.
    public var shareRequirements: String? = nil
    public var updateFrequency: UpdateFrequency?
    public var issued: Day?
    public var modified: Day?
    /// SPDX id or URL.
    public var license: String?
    public var contact: Contact?
    public var spatial: String?
    public var temporal: Temporal?
    public var resources: [Resource]
    /// Where the dataset was written (a .md file, or catalog.csv).
    public var sourceFile: String
    /// The portal that publishes the dataset first (来源), for a dataset harvested from a city portal or copied from one.
    public var origin: DatasetOrigin? = nil
    /// The English title and description (`title_en`, `description_en`,
    /// Markdown like the body), for English portals and the exports'
    /// `@en` literals; nil when the publisher gave none.
    public var englishTitle: String? = nil
    public var englishDescriptionMarkdown: String? = nil

    // Derived during resolve.
    public var descriptionHTML = Markdown.RelocatableHTML()
    public var descriptionText: String = ""
    /// The description's opening prose, without headings, for lists and search results.
    public var descriptionSummary: String = ""
    /// `description_en` rendered as the description is; nil without one.
    public var englishDescription: RenderedDescription? = nil

    /// The date a citizen would call "last updated".
    public var lastChanged: Day? { modified ?? issued }
}

/// A Markdown description as pages, lists and exports use it.
public struct RenderedDescription: Sendable {
    public var html: Markdown.RelocatableHTML
    /// Plain text, for exports and search.
    public var text: String
    /// The opening prose, without headings, for lists and search results.
    public var summary: String
}

public struct Temporal: Sendable, Hashable {
    public var start: Day?
    public var end: Day?
}

/// A distribution of a dataset: a file published with the portal, or a link.
public struct Resource: Sendable {
    public enum Location: Sendable, Hashable {
        /// A file under `Content/data/`, relative to it.
        case path(String)
        case url(String)
    }

    public var name: String
    public var format: String
    public var location: Location
    public var description: String?
    public var mediaType: String?
    public var schema: [SchemaField]
    /// For a hosted CSV/TSV without a declared schema: column types read
    /// from the whole file during resolve, so Data Package consumers (SQLite
    /// importers, validators) get typed columns instead of an empty table.
    public var inferredSchema: [SchemaField] = []
    /// Columns a reviewer has declared free of personal data despite looking like it.
    public var privacyExceptions: [PrivacyException] = []
    /// A person's statement that a file the privacy scan cannot read (PDF, images) holds no personal data.
    public var privacyReview: PrivacyReview?
    /// Size and checksum of a local file, computed during resolve.
    public var file: LocalFile?
    /// The resource's own short name within its dataset (`id:`), which names its
    /// data API folder (`datasets/<slug>/api/<id>/`); without one, its 1-based position does.
    public var id: String?
    /// Where `url:` was written, so a broken link is reported at its line.
    public var sourceLocation: SourceLocation?
    /// `views:`: the charts and map the page draws instead of choosing itself.
    public var views: [ResourceView] = []
    /// The file read as a map during resolve (GeoJSON, or a CSV with coordinate
    /// columns), when it is published and the privacy scan read it whole.
    public var map: MapLayer?
}

public struct SchemaField: Sendable, Hashable {
    public var name: String
    public var type: String
    public var description: String?
    public var unit: String?
}

public struct LocalFile: Sendable, Hashable {
    public var byteSize: Int64
    public var sha256: String
    /// Whether the privacy scan read the whole file (only then may a page preview it).
    public var scanned: Bool = false
}

/// `privacy_review: {by, date, note}` on a resource: who checked a file the
/// scan cannot read, when, and what they found.
public struct PrivacyReview: Sendable, Hashable {
    public var by: String
    public var date: Day
    public var note: String
    public var location: SourceLocation
}

/// A reviewed exception to the privacy guard for one column of a resource,
/// e.g. a column of enterprise codes that happen to pass the ID-number check.
public struct PrivacyException: Sendable, Hashable {
    public var column: String
    public var reason: String
    public var location: SourceLocation
}
