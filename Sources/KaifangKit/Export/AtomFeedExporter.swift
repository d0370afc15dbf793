/// `feed.xml`: an Atom feed (RFC 4287) of the `site.feedSize` most recently
/// changed datasets, for subscribers and feed readers.
///
/// "Changed" is `modified`, else `issued` (`Dataset.lastChanged`); datasets
/// with neither have no date to announce and are left out. Ties are broken by
/// id so the feed is the same on every build. An entry's id is its page URL,
/// which the contract keeps stable forever. Times are midnight UTC: the
/// catalogue records days, not times.
public struct AtomFeedExporter: Exporter {
    public init() {}

    /// How many characters of the description an entry's summary keeps.
    static let summaryLength = 200

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        return [Artifact(path: "feed.xml", text: feed(catalog))]
    }

    static func newest(_ catalog: Catalog) -> [(dataset: Dataset, day: Day)] {
        let limit = catalog.site.feedSize > 0 ? catalog.site.feedSize : 50
        let dated = catalog.datasets.compactMap { dataset in dataset.lastChanged.map { (dataset: dataset, day: $0) } }
        let sorted = dated.sorted { a, b in a.day != b.day ? a.day > b.day : a.dataset.id < b.dataset.id }
        return Array(sorted.prefix(limit))
    }

    static func timestamp(_ day: Day) -> String { "\(day)T00:00:00Z" }

    func feed(_ catalog: Catalog) -> String {
        let site = catalog.site
        let entries = Self.newest(catalog)
        let feedURL = catalog.url("feed.xml")
        var out = ""
        out.reserveCapacity(1024 + entries.count * 1024)
        out += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XMLEscaper.attribute(site.language))\">\n"
        out += "  <id>\(XMLEscaper.text(feedURL))</id>\n"
        out += "  <title>\(XMLEscaper.text(catalog.word("exports.feed_title").replacingOccurrences(of: "{site}", with: site.title)))</title>\n"
        if !site.description.isEmpty { out += "  <subtitle>\(XMLEscaper.text(site.description))</subtitle>\n" }
        out += "  <updated>\(Self.timestamp(entries.first?.day ?? catalog.buildDay))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaper.attribute(feedURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.attribute(site.baseURL))\"/>\n"
        out += "  <author>\n    <name>\(XMLEscaper.text(site.publisher.name))</name>\n"
        if let homepage = site.publisher.homepage, IRI.isHTTP(homepage) {
            out += "    <uri>\(XMLEscaper.text(IRI.encode(homepage)))</uri>\n"
        }
        out += "  </author>\n"
        out += "  <generator>Kaifang</generator>\n"
        for (dataset, day) in entries {
            out += entry(dataset, day: day, in: catalog)
        }
        out += "</feed>\n"
        return out
    }

    func entry(_ dataset: Dataset, day: Day, in catalog: Catalog) -> String {
        let page = catalog.pageURL(dataset)
        var out = "  <entry>\n"
        out += "    <id>\(XMLEscaper.text(page))</id>\n"
        out += "    " + Self.titleElement(catalog.displayTitle(dataset)) + "\n"
        out += "    <updated>\(Self.timestamp(day))</updated>\n"
        if let issued = dataset.issued { out += "    <published>\(Self.timestamp(issued))</published>\n" }
        out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.attribute(page))\"/>\n"
        if let organization = catalog.organization(dataset.organizationSlug) {
            out += "    <author>\n      <name>\(XMLEscaper.text(catalog.displayName(organization).text))</name>\n"
            out += "      <uri>\(XMLEscaper.text(catalog.url(catalog.organizationPath(organization.slug))))</uri>\n    </author>\n"
        }
        for slug in dataset.themeSlugs {
            let label = catalog.theme(slug).map { catalog.displayTitle($0).text } ?? slug
            out += "    <category term=\"\(XMLEscaper.attribute(slug))\" label=\"\(XMLEscaper.attribute(label))\"/>\n"
        }
        let description = catalog.displayDescription(dataset)
        let summary = Self.summary(description.description.text.isEmpty ? dataset.plainDescription : description.description.text)
        out += "    <summary\(Self.languageAttribute(description.language))>\(XMLEscaper.text(summary))</summary>\n"
        out += "  </entry>\n"
        return out
    }

    /// An entry's title as feed readers should show it: the English one on an
    /// English portal where there is one, else the original with its language.
    static func titleElement(_ title: DisplayText) -> String {
        "<title\(languageAttribute(title.language))>\(XMLEscaper.text(title.text))</title>"
    }

    /// ` xml:lang="zh-CN"` for a text not in the feed's language; empty otherwise.
    static func languageAttribute(_ language: String?) -> String {
        language.map { " xml:lang=\"\(XMLEscaper.attribute($0))\"" } ?? ""
    }

    /// The description cut to `summaryLength` characters (whole characters:
    /// never half an emoji or a combining sequence), with `…` when cut.
    static func summary(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > summaryLength else { return flat }
        return String(flat.prefix(summaryLength)) + "…"
    }
}
