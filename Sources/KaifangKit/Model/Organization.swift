/// A publishing department (信息资源提供方).
public struct Organization: Sendable {
    public var slug: String
    public var name: String
    /// 统一社会信用代码
    public var code: String?
    public var homepage: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var descriptionMarkdown: String
    public var descriptionHTML = Markdown.RelocatableHTML()
    public var sourceFile: String
    /// `name_en`: the department's English name, for English portals.
    public var englishName: String? = nil
}

/// A free page from `pages/`.
public struct Page: Sendable {
    public var slug: String
    public var title: String
    public var bodyMarkdown: String
    public var bodyHTML = Markdown.RelocatableHTML()
    public var sourceFile: String
}
