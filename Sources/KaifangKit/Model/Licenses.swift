/// Licences a government portal publishes under, by SPDX id.
public enum Licenses {
    public struct License: Sendable {
        public var id: String
        /// The Chinese name: what publishers write (read by LicenseNames)
        /// and what the national-format CSV prints. Pages and exports for
        /// people take the name in the portal's language from the theme
        /// (`license_name.*`, see `wordKey`).
        public var title: String
        public var url: String
        /// The English name as CKAN's licence register spells it, so a CKAN
        /// portal harvesting the DCAT export matches the licence by title
        /// (its register knows opendefinition.org URLs, not these).
        public var englishTitle: String
    }

    public static let known: [License] = [
        License(id: "CC-BY-4.0", title: "知识共享署名 4.0 国际许可协议", url: "https://creativecommons.org/licenses/by/4.0/", englishTitle: "Creative Commons Attribution"),
        License(id: "CC-BY-SA-4.0", title: "知识共享署名-相同方式共享 4.0 国际许可协议", url: "https://creativecommons.org/licenses/by-sa/4.0/", englishTitle: "Creative Commons Attribution Share-Alike"),
        License(id: "CC-BY-NC-4.0", title: "知识共享署名-非商业性使用 4.0 国际许可协议", url: "https://creativecommons.org/licenses/by-nc/4.0/", englishTitle: "Creative Commons Non-Commercial (Any)"),
        License(id: "CC-BY-3.0", title: "知识共享署名 3.0 许可协议", url: "https://creativecommons.org/licenses/by/3.0/", englishTitle: "Creative Commons Attribution"),
        License(id: "CC0-1.0", title: "CC0 1.0 公共领域贡献", url: "https://creativecommons.org/publicdomain/zero/1.0/", englishTitle: "Creative Commons CCZero"),
        License(id: "ODC-BY-1.0", title: "开放数据共享署名许可 1.0", url: "https://opendatacommons.org/licenses/by/1-0/", englishTitle: "Open Data Commons Attribution License"),
        License(id: "ODbL-1.0", title: "开放数据库许可 1.0", url: "https://opendatacommons.org/licenses/odbl/1-0/", englishTitle: "Open Data Commons Open Database License (ODbL)"),
        License(id: "PDDL-1.0", title: "开放数据共享公共领域贡献与许可 1.0", url: "https://opendatacommons.org/licenses/pddl/1-0/", englishTitle: "Open Data Commons Public Domain Dedication and License (PDDL)"),
        License(id: "OGL-UK-3.0", title: "Open Government Licence v3.0", url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/", englishTitle: "UK Open Government Licence (OGL)"),
    ]

    private static let byLowercasedID: [String: License] = Dictionary(uniqueKeysWithValues: known.map { ($0.id.lowercased(), $0) })

    public static func canonicalID(_ text: String) -> String? {
        byLowercasedID[text.lowercased()]?.id
    }

    public static func license(_ id: String) -> License? { byLowercasedID[id.lowercased()] }

    /// A URL for any licence value: the SPDX licence's page, or the URL itself.
    public static func url(for value: String) -> String {
        license(value)?.url ?? value
    }

    public static func englishTitle(for value: String) -> String? {
        license(value)?.englishTitle
    }

    /// The key of the licence's name in the theme's interface words
    /// (`license_name.cc_by_4_0`): i18n keys are dotted paths, so the id's dots
    /// and dashes cannot be used as they are.
    public static func wordKey(_ license: License) -> String {
        "license_name." + license.id.lowercased().map { $0 == "-" || $0 == "." ? "_" : String($0) }.joined()
    }

    public static func title(for value: String) -> String {
        license(value)?.title ?? value
    }
}
