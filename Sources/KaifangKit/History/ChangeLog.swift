import Foundation

/// The dataset page's change log and the site's "最近更新" feed
/// (`changes.xml`, Atom), from `ChangeHistory`. Only published datasets
/// appear; each change says what changed in words of the interface strings.
public enum ChangeLog {
    public static let feedLimit = 50

    /// `修改：信息资源名称、更新日期；新增资源：站点表`, from the theme's strings.
    /// Only resources the dataset still has are named; the others (removed
    /// since, perhaps on purpose) are counted: `删除资源：1 个`.
    public static func describe(_ change: DatasetChange, of dataset: Dataset, label: (String) -> String) -> String {
        let current = Set(dataset.resources.map(\.name))
        let separator = label("history.separator")
        switch change.kind {
        case .added: return label("history.added")
        case .firstSeen: return label("history.first_seen")
        case .changed: break
        }
        var parts: [String] = []
        if !change.fields.isEmpty {
            let names = change.fields.map { field -> String in
                let key = field == "description" ? "dataset.description" : "field.\(field)"
                let text = label(key)
                return text == key ? field : text
            }
            parts.append(label("history.fields") + names.joined(separator: separator))
        }
        func names(_ list: [String]) -> String {
            let shown = list.filter(current.contains)
            let hidden = list.count - shown.count
            return (shown + (hidden > 0 ? [label("history.resources_count").replacingOccurrences(of: "{n}", with: String(hidden))] : []))
                .joined(separator: separator)
        }
        if !change.resourcesAdded.isEmpty { parts.append(label("history.resources_added") + names(change.resourcesAdded)) }
        if !change.resourcesRemoved.isEmpty { parts.append(label("history.resources_removed") + names(change.resourcesRemoved)) }
        if !change.resourcesChanged.isEmpty { parts.append(label("history.resources_changed") + names(change.resourcesChanged)) }
        return parts.joined(separator: label("history.part_separator"))
    }

    /// The newest changes of published datasets, newest first (then by page, for a stable order).
    static func newest(_ catalog: Catalog, history: ChangeHistory) -> [(dataset: Dataset, change: DatasetChange)] {
        var all: [(dataset: Dataset, change: DatasetChange)] = []
        for dataset in catalog.datasets where catalog.profile.lists(dataset) {
            for change in history.changes(of: dataset) { all.append((dataset, change)) }
        }
        all.sort { a, b in
            a.change.time != b.change.time ? a.change.time > b.change.time : a.dataset.slug < b.dataset.slug
        }
        return Array(all.prefix(feedLimit))
    }

    /// `changes.xml`; nil without history.
    public static func feed(_ catalog: Catalog, label: (String) -> String) -> Artifact? {
        guard let history = catalog.history else { return nil }
        let site = catalog.site
        let feedURL = catalog.url("changes.xml")
        let entries = newest(catalog, history: history)
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(XMLEscaper.attribute(site.language))\">\n"
        out += "  <id>\(XMLEscaper.text(feedURL))</id>\n"
        out += "  <title>\(XMLEscaper.text(site.title + label("text.colon") + label("history.feed_title")))</title>\n"
        out += "  <subtitle>\(XMLEscaper.text(note(history, label: label)))</subtitle>\n"
        out += "  <updated>\(entries.first?.change.time ?? AtomFeedExporter.timestamp(catalog.buildDay))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(XMLEscaper.attribute(feedURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.attribute(site.baseURL))\"/>\n"
        out += "  <author>\n    <name>\(XMLEscaper.text(site.publisher.name))</name>\n  </author>\n"
        out += "  <generator>Kaifang</generator>\n"
        for (dataset, change) in entries {
            let page = catalog.pageURL(dataset)
            out += "  <entry>\n"
            out += "    <id>\(XMLEscaper.text(page))#change-\(change.commit.prefix(12))</id>\n"
            out += "    " + AtomFeedExporter.titleElement(catalog.displayTitle(dataset)) + "\n"
            out += "    <updated>\(XMLEscaper.text(change.time))</updated>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLEscaper.attribute(page))\"/>\n"
            out += "    <summary>\(XMLEscaper.text(describe(change, of: dataset, label: label)))</summary>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return Artifact(path: "changes.xml", text: out)
    }

    /// How much history the build saw: `根据 12 次提交（浅克隆，最早 2025-01-02）`.
    public static func note(_ history: ChangeHistory, label: (String) -> String) -> String {
        var text = label("history.seen").replacingOccurrences(of: "{n}", with: String(history.commits))
        if let oldest = history.oldestDay {
            text += label(history.shallow ? "history.shallow_since" : "history.since").replacingOccurrences(of: "{day}", with: oldest.description)
        }
        return text
    }
}
