import Foundation
/// Values several exports derive the same way, so that catalog.json,
/// catalog.csv, data.json and the DCAT graph can never disagree on them.
extension Catalog {
    /// The catalogue without the datasets its profile does not list (closed
    /// ones on the public site, unshared ones on the share site). The resolver
    /// never lets one in; exporters drop any anyway, because a row leaked into
    /// a published file cannot be taken back once harvesters have copied it.
    public var publishable: Catalog {
        guard !datasets.allSatisfy(profile.lists) else { return self }
        var copy = self
        copy.datasets = datasets.filter(profile.lists)
        return copy
    }

    /// The dataset page's absolute URL (`<base>datasets/<slug>/`).
    public func pageURL(_ dataset: Dataset) -> String { url(datasetPath(dataset)) }

    /// Every public dataset has a Data Package beside its page.
    public func dataPackagePath(_ dataset: Dataset) -> String { datasetPath(dataset) + "datapackage.json" }

    /// The dataset's folder as written to disk (`datasets/公交站点/`, where
    /// its URL says `datasets/%E5%85%AC…/`): the page is written there, and
    /// so must be every file that sits beside it.
    public func datasetFolder(_ dataset: Dataset) -> String {
        datasetPath(dataset).removingPercentEncoding ?? datasetPath(dataset)
    }

    /// The hosted files of datasets whose data the site gives, published a second time beside each
    /// Data Package (`datasets/<slug>/data/<path>`), so a package's relative
    /// paths work in any copy of the site: (where in the site, path under `Content/data/`).
    public var dataPackageFileCopies: [(sitePath: String, dataPath: String)] {
        var copies: [(sitePath: String, dataPath: String)] = []
        for dataset in datasets where givesData(of: dataset) {
            let folder = datasetFolder(dataset)
            var seen = Set<String>()
            for resource in dataset.resources {
                guard case .path(let path) = resource.location, seen.insert(path).inserted else { continue }
                copies.append((folder + DataPackageExporter.packageFilePath(path), path))
            }
        }
        return copies
    }

    /// A licence's name for people, in the portal's language (`license_name.*`
    /// of the theme's words); an unknown licence is shown as written.
    public func licenseName(_ value: String) -> String {
        Licenses.license(value).map { word(Licenses.wordKey($0)) } ?? value
    }

    /// The description for harvesters: the publisher's Markdown (CKAN and
    /// most portals render it), with site-relative link targets (`](/pages/x/)`,
    /// `[x]: /pages/x/`) made absolute, since the text leaves the site; the
    /// title when there is none, as `dct:description` is mandatory.
    public func harvestDescription(_ dataset: Dataset) -> String {
        harvestMarkdown(dataset.descriptionMarkdown, orElse: dataset.title)
    }

    /// `description_en` the same way; nil without one (a missing English
    /// description is not made up from the English title).
    public func harvestEnglishDescription(_ dataset: Dataset) -> String? {
        dataset.englishDescriptionMarkdown.map { harvestMarkdown($0, orElse: dataset.englishTitle ?? dataset.title) }
    }

    private func harvestMarkdown(_ text: String, orElse fallback: String) -> String {
        let markdown = text.trimmingWhitespaceAndNewlines
        guard !markdown.isEmpty else { return fallback }
        return SiteRelativeLinks.absolute(markdown, base: site.baseURL)
    }

    /// The dataset's licence value (SPDX id or URL), else the portal default.
    public func licenseValue(_ dataset: Dataset) -> String? {
        guard let value = dataset.license ?? site.defaultLicense, !value.isEmpty else { return nil }
        return value
    }

    /// The licence's URL when it has one (an SPDX id we know, or an http(s) URL).
    public func licenseURL(_ dataset: Dataset) -> String? {
        guard let value = licenseValue(dataset) else { return nil }
        let url = Licenses.url(for: value)
        return IRI.isHTTP(url) ? IRI.encode(url) : nil
    }

    /// The contact to print: the dataset's own, else the portal's.
    public func contact(_ dataset: Dataset) -> Contact? {
        let contact = dataset.contact ?? site.contact
        return contact?.isEmpty == false ? contact : nil
    }

    /// A download link that is safe to print as a URI, nil for conditional datasets.
    public func encodedDownloadURL(_ resource: Resource, of dataset: Dataset) -> String? {
        downloadURL(resource, of: dataset).map(IRI.encode)
    }

    /// The media type a resource declares, else the one its format implies.
    public func mediaType(_ resource: Resource) -> String {
        resource.mediaType ?? Formats.mediaType(for: resource.format)
    }

    /// The earliest `issued` of all datasets: when the catalogue first had data.
    public var firstIssued: Day? { datasets.lazy.compactMap(\.issued).min() }
}

extension Dataset {
    /// Plain-text description for formats that cannot show Markdown; the
    /// title when there is none, because most formats require a description.
    public var plainDescription: String { descriptionText.isEmpty ? title : descriptionText }
}

extension Dataset {
    /// The formats of its resources, each once, in the order they first appear.
    var distinctFormats: [String] {
        var seen = Set<String>()
        return resources.map(\.format).filter { seen.insert($0).inserted }
    }
}
