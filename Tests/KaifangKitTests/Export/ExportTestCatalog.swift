import Foundation
@testable import KaifangKit

/// Hand-made catalogues for the exporter tests: small enough to read, with
/// the awkward cases on purpose (a Chinese slug, quotes, formulas, a
/// conditional dataset, and, where a test asks for it, a closed one).
enum ExportTestCatalog {
    static let base = "https://data.example.gov.cn/"

    static func site(feedSize: Int = 50) -> Site {
        Site(
            title: "示例市公共数据开放平台",
            description: "示例市各部门依法开放的公共数据。",
            baseURL: base,
            language: "zh-CN",
            publisher: .init(name: "示例市大数据局", homepage: "https://dsj.example.gov.cn/", email: "open@example.gov.cn"),
            defaultLicense: "CC-BY-4.0",
            contact: Contact(name: "平台运维组", email: "open@example.gov.cn", phone: "0531-86001234"),
            conditionalAccess: "须申请。",
            feedback: .init(email: nil, issueURL: nil),
            themes: [Theme(slug: "transport", title: "交通", description: "公共交通。", euTheme: "TRAN")],
            pageSize: 20,
            feedSize: feedSize,
            resourceCodePattern: nil)
    }

    static let organization = Organization(
        slug: "jtt", name: "示例市交通运输局", code: "11370000MB0000000X", homepage: "https://jtt.example.gov.cn/",
        email: "jtt@example.gov.cn", phone: nil, address: nil, descriptionMarkdown: "", sourceFile: "organizations/jtt.md")

    static func dataset(
        id: String, slug: String, title: String, openType: OpenType = .open,
        description: String = "全市公交站点的编号和名称。", modified: Day? = Day(year: 2024, month: 2, day: 20),
        resources: [Resource] = [csvResource]
    ) -> Dataset {
        var dataset = Dataset(
            id: id, slug: slug, title: title, descriptionMarkdown: "**\(description)**", organizationSlug: "jtt",
            themeSlugs: ["transport"], keywords: ["公交", "站点"], openType: openType, shareType: .unconditional,
            updateFrequency: .monthly, issued: Day(year: 2024, month: 1, day: 15), modified: modified,
            license: nil, contact: nil, spatial: "示例市",
            temporal: Temporal(start: Day(year: 2024, month: 1, day: 1), end: Day(year: 2024, month: 12, day: 31)),
            resources: resources, sourceFile: "datasets/\(slug).md")
        dataset.descriptionText = description
        return dataset
    }

    static let csvResource = Resource(
        name: "公交站点（CSV）", format: "CSV", location: .path("jtt/bus-stops.csv"), description: nil, mediaType: "text/csv",
        schema: [SchemaField(name: "stop_id", type: "integer", description: "站点编号", unit: nil)],
        file: LocalFile(byteSize: 1234, sha256: String(repeating: "ab", count: 32)))

    static let apiResource = Resource(
        name: "实时接口", format: "API", location: .url("https://api.example.gov.cn/bus?city=示例"), description: "JSON 接口",
        mediaType: nil, schema: [], file: nil)

    static func catalog(_ datasets: [Dataset], feedSize: Int = 50) -> Catalog {
        var catalog = Catalog(site: site(feedSize: feedSize), datasets: datasets, organizations: [organization], pages: [],
                              buildDay: Day(year: 2024, month: 3, day: 1), publishedFiles: ["jtt/bus-stops.csv"])
        catalog.interfaceWords = interfaceWords("zh-CN")
        return catalog
    }

    /// The default theme's words in a language, as a build gives them to the exporters.
    static func interfaceWords(_ language: String) -> [String: String] {
        let templates = PortalFixture.repositoryRoot.appendingPathComponent("Templates")
        switch TemplateSet.load(from: templates, displayRoot: "Templates", language: language) {
        case .success(let set): return set.strings
        case .failure(let errors): preconditionFailure("the default theme does not load: \(errors)")
        }
    }

    /// One open dataset with a Chinese slug, one conditional, one awkward title.
    static func mixed() -> Catalog {
        catalog([
            dataset(id: "330100-JT-0001", slug: "公交站点", title: "公交站点位置", resources: [csvResource, apiResource]),
            dataset(id: "330100-JT-0002", slug: "driver-licences", title: "驾驶证核发记录", openType: .conditional,
                    modified: Day(year: 2024, month: 1, day: 10), resources: [conditionalResource]),
            dataset(id: "330100-JT-0003", slug: "tricky", title: "=HYPERLINK(\"http://x\"), 引号\"与<标签>&",
                    description: "第一行\n第二行 \\ 反斜杠 </script> ]]> 😀", modified: Day(year: 2023, month: 5, day: 1)),
        ])
    }

    static let conditionalResource = Resource(
        name: "驾驶证记录（CSV）", format: "CSV", location: .path("jtt/driver-licences.csv"), description: nil,
        mediaType: "text/csv", schema: [], file: LocalFile(byteSize: 99, sha256: String(repeating: "cd", count: 32)))

    /// Every artifact's text, keyed by path.
    static func texts(_ artifacts: [Artifact]) -> [String: String] {
        var texts: [String: String] = [:]
        for artifact in artifacts {
            guard let data = artifact.bytes else { continue }
            texts[artifact.path] = String(decoding: data, as: UTF8.self)
        }
        return texts
    }

    static func text(_ exporter: some Exporter, _ catalog: Catalog, path: String) -> String {
        texts(exporter.export(catalog))[path] ?? ""
    }
}
