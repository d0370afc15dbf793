/// Which version of the catalogue's own texts a page or export shows: the
/// English one (`title_en`, `description_en`, `name_en`) on a portal whose
/// interface is English and whose catalogue is not, else the original. An
/// original shown on a page of another language carries its language, so
/// that screen readers and translators read it as what it is
/// (`<h1 lang="zh-CN">`).
struct DisplayText: Sendable {
    var text: String
    /// The BCP 47 tag for the element's `lang`; nil when it is the page's language.
    var language: String?
}

extension Catalog {
    /// The tag an original text needs on this portal's pages; nil when the
    /// pages are in the catalogue's language.
    var originalTextLanguage: String? {
        site.language.lowercased() == site.contentLanguage.lowercased() ? nil : site.contentLanguage
    }

    private func display(original: String, english: String?) -> DisplayText {
        if site.showsEnglishTexts, let english { return DisplayText(text: english, language: nil) }
        return DisplayText(text: original, language: originalTextLanguage)
    }

    func displayTitle(_ dataset: Dataset) -> DisplayText { display(original: dataset.title, english: dataset.englishTitle) }
    func displayName(_ organization: Organization) -> DisplayText { display(original: organization.name, english: organization.englishName) }
    func displayTitle(_ theme: Theme) -> DisplayText { display(original: theme.title, english: theme.englishTitle) }

    /// The description a page shows, with the language of its text.
    func displayDescription(_ dataset: Dataset) -> (description: RenderedDescription, language: String?) {
        if site.showsEnglishTexts, let english = dataset.englishDescription { return (english, nil) }
        return (RenderedDescription(html: dataset.descriptionHTML, text: dataset.descriptionText, summary: dataset.descriptionSummary),
                originalTextLanguage)
    }
}
