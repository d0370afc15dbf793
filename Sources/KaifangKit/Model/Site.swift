/// Portal settings from `site.yaml`.
public struct Site: Sendable {
    public struct Publisher: Sendable {
        public var name: String
        public var homepage: String?
        public var email: String?
    }

    public struct Feedback: Sendable {
        /// Where 纠错 and 数据需求 mails go.
        public var email: String?
        /// A web form that takes `?dataset=<id>&url=<page>` (or `{id}`/`{url}` placeholders).
        public var issueURL: String?
    }

    public var title: String
    public var description: String
    /// Always ends with `/`.
    public var baseURL: String
    public var language: String
    public var publisher: Publisher
    public var defaultLicense: String?
    public var contact: Contact?
    /// Markdown: how to apply for 有条件开放 data.
    public var conditionalAccess: String
    public var feedback: Feedback
    public var themes: [Theme]
    public var pageSize: Int
    public var feedSize: Int
    /// A build that would publish fewer than this fraction of the datasets the
    /// previous site published stops (`build.shrink_guard`; 0 turns it off).
    public var shrinkGuard = 0.5
    /// A regular expression every dataset `id` must match, if the portal requires the national pattern.
    public var resourceCodePattern: String?
    /// `map: {outline: …}`: a GeoJSON file inside Content/ drawn behind every
    /// dataset map (the province's boundary), relative to Content/.
    public var mapOutline: String?
    var mapOutlineLocation: SourceLocation?

    /// The path part of the base URL, e.g. `/portal/`.
    public var basePath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterScheme = baseURL[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "/" }
        return String(afterScheme[slash...])
    }
}

/// A theme (信息资源分类), one of the key domains.
public struct Theme: Sendable, Hashable {
    public var slug: String
    public var title: String
    public var description: String
    /// EU data-theme code (e.g. `TRAN`) for DCAT-AP harvesters.
    public var euTheme: String?
}

public struct Contact: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var phone: String?

    public var isEmpty: Bool { name == nil && email == nil && phone == nil }
}
