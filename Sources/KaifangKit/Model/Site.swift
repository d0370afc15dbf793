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
    /// A catalogue of more datasets than this is also published as DCAT pages
    /// of this many datasets (`catalog/page/<n>.*`, `build.dcat_page_size`).
    public var dcatPageSize = 10_000
    /// `profiles.share`: the sharing site on the government extranet; nil when the portal has none.
    public var shareProfile: ShareProfile?
    /// On the sharing site (where `baseURL` is the sharing site's), the public
    /// portal's address from site.yaml: the site a share build must never replace.
    public var publicPortalURL: String?
    /// A regular expression every dataset `id` must match, if the portal requires the national pattern.
    public var resourceCodePattern: String?
    /// `content_language`: the language the catalogue's own texts (titles,
    /// descriptions, names) are written in; nil when not given.
    public var declaredContentLanguage: String? = nil

    /// The language of the catalogue's own texts, which tags them in DCAT and
    /// on pages of another language. Kaifang's catalogues are Chinese, so
    /// without `content_language` it is the interface's language when that
    /// is Chinese (zh-TW stays zh-TW) and zh-CN otherwise: an English portal
    /// of a Chinese catalogue needs no setting, an English catalogue sets `en`.
    public var contentLanguage: String {
        declaredContentLanguage ?? (language.lowercased().hasPrefix("zh") ? language : "zh-CN")
    }

    /// Pages show the English titles and names (`title_en`, `name_en`, …)
    /// when the interface is English and the catalogue is written in another
    /// language; elsewhere the English texts go only into the exports.
    public var showsEnglishTexts: Bool {
        language.lowercased().hasPrefix("en") && !contentLanguage.lowercased().hasPrefix("en")
    }
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

/// `profiles: {share: …}` in site.yaml: the sharing site's own name and
/// address, and how departments request conditionally shared data.
public struct ShareProfile: Sendable {
    public var title: String
    /// Always ends with `/`.
    public var baseURL: String
    public var description: String
    /// Markdown: how a department requests 有条件共享 data.
    public var requestProcedure: String
}

/// A theme (信息资源分类), one of the key domains.
public struct Theme: Sendable, Hashable {
    public var slug: String
    public var title: String
    public var description: String
    /// EU data-theme code (e.g. `TRAN`) for DCAT-AP harvesters.
    public var euTheme: String?
    /// `title_en`: the theme's English title, for English portals.
    public var englishTitle: String? = nil
}

public struct Contact: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var phone: String?

    public var isEmpty: Bool { name == nil && email == nil && phone == nil }
}
