import Foundation

/// What an importer read from another portal's catalogue, in Kaifang's
/// terms, before anything is written: the same fields a dataset file has.
public struct ImportedCatalog: Sendable {
    public var title: String?
    public var baseURL: String?
    public var themes: [ImportedTheme] = []
    public var organizations: [ImportedOrganization] = []
    public var datasets: [ImportedDataset] = []
    /// Every field that could not be mapped, with where it was; also errors that skipped a record.
    public var diagnostics = Diagnostics()

    public init() {}

    /// Adds a theme by its title (or slug) once, and returns its slug.
    public mutating func theme(titled title: String, slug givenSlug: String? = nil) -> String {
        if let existing = themes.first(where: { $0.title == title || $0.slug == title || (givenSlug != nil && $0.slug == givenSlug) }) {
            return existing.slug
        }
        let slug = Self.unused(givenSlug.map(Slug.fromIdentifier) ?? Slug.fromTitle(title), among: themes.map(\.slug))
        themes.append(ImportedTheme(slug: slug, title: title))
        return slug
    }

    /// Adds a department by its name (or slug) once, and returns its slug.
    public mutating func organization(named name: String, slug givenSlug: String? = nil,
                                      fill: (inout ImportedOrganization) -> Void = { _ in }) -> String {
        if let index = organizations.firstIndex(where: { $0.name == name || (givenSlug != nil && $0.slug == givenSlug) }) {
            fill(&organizations[index])
            return organizations[index].slug
        }
        let slug = Self.unused(givenSlug.map(Slug.fromIdentifier) ?? Slug.fromTitle(name), among: organizations.map(\.slug))
        var organization = ImportedOrganization(slug: slug, name: name)
        fill(&organization)
        organizations.append(organization)
        return slug
    }

    /// The JSON of a source, or nil with the error where it stops being JSON.
    public mutating func json(_ data: Data, file: String, hint: String) -> LocatedJSON? {
        switch LocatedJSON.parse(data, file: file) {
        case .failure(let failure):
            diagnostics.error(failure.location, "not readable as JSON: \(failure.message)", code: "import.source", hint: hint)
            return nil
        case .success(let value):
            return value
        }
    }

    /// `wanted`, or `wanted-2`, `wanted-3` … when taken.
    static func unused(_ wanted: String, among taken: [String]) -> String {
        var slug = wanted
        var counter = 2
        while taken.contains(slug) { slug = "\(wanted)-\(counter)"; counter += 1 }
        return slug
    }

    /// A field of the source that has no place in Kaifang's format: reported, never dropped silently.
    public mutating func unmapped(_ field: String, at location: SourceLocation, in record: String) {
        diagnostics.warning(location, "\(record): field \"\(field)\" has no place in Kaifang's format and was not imported",
                            code: "import.unmapped",
                            hint: "copy what it holds into the dataset's description or a field by hand if it matters")
    }
}

public struct ImportedTheme: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var description: String?
    /// The EU data-theme code (`TRAN`), when the source links one.
    public var euTheme: String?
}

public struct ImportedOrganization: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var code: String?
    public var description: String?
    public var homepage: String?
    public var email: String?
    public var phone: String?
}

public struct ImportedContact: Sendable, Equatable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var isEmpty: Bool { name == nil && email == nil && phone == nil }
}

public struct ImportedField: Sendable, Equatable {
    public var name: String
    public var type: String?
    public var description: String?
    public var unit: String?
}

public struct ImportedResource: Sendable, Equatable {
    public var name: String
    public var format: String?
    public var url: String?
    public var path: String?
    public var description: String?
    public var mediaType: String?
    public var schema: [ImportedField] = []
}

public struct ImportedDataset: Sendable, Equatable {
    public var id: String
    /// The file name (without `.md`) the dataset is written to, unless a file already holds its id.
    public var slug: String
    public var title: String
    public var descriptionMarkdown: String = ""
    /// `title_en` and `description_en`, when the source has English versions beside the originals.
    public var englishTitle: String?
    public var englishDescriptionMarkdown: String?
    public var organization: String?
    public var themes: [String] = []
    public var keywords: [String] = []
    public var openType: String?
    public var shareType: String?
    /// 共享条件, 共享方式 and 使用要求 of the national guideline, when the source keeps them.
    public var shareCondition: String?
    public var shareMethod: String?
    public var shareRequirements: String?
    public var updateFrequency: String?
    public var issued: String?
    public var modified: String?
    public var license: String?
    public var contact = ImportedContact()
    public var spatial: String?
    public var temporalStart: String?
    public var temporalEnd: String?
    public var resources: [ImportedResource] = []
    /// The dataset's page on the source portal, when it has one.
    public var page: String?
    /// For a harvested dataset: the portal it comes from (written as `source:`).
    public var origin: DatasetOrigin?
    /// Where the dataset was read, for diagnostics.
    public var source: SourceLocation

    public init(id: String, slug: String, title: String, source: SourceLocation) {
        self.id = id
        self.slug = slug
        self.title = title
        self.source = source
    }
}

/// Addresses for imported records: the source's own name where it has a
/// usable one, else Latin letters of the title (pinyin for Chinese).
enum ImportSlug {
    /// A date-time or date as the day Kaifang reads (`YYYY-MM-DD`), or nil.
    static func day(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), text.count >= 10 else { return nil }
        let prefix = String(text.prefix(10)).replacingOccurrences(of: "/", with: "-")
        guard prefix.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return nil }
        return prefix
    }
}
