/// Codes of the EU Publications Office authority tables that DCAT-AP
/// harvesters expect (http://publications.europa.eu/resource/authority/…).
public enum EUVocabularies {
    static let authority = "http://publications.europa.eu/resource/authority/"

    public static func frequency(_ frequency: UpdateFrequency) -> String {
        let code = switch frequency {
        case .realtime: "UPDATE_CONT"
        case .daily: "DAILY"
        case .weekly: "WEEKLY"
        case .monthly: "MONTHLY"
        case .quarterly: "QUARTERLY"
        case .semiannual: "ANNUAL_2"
        case .yearly: "ANNUAL"
        case .biennial: "BIENNIAL"
        case .irregular: "IRREG"
        }
        return authority + "frequency/" + code
    }

    /// 无条件开放 is PUBLIC; 有条件开放 is RESTRICTED (given on approved
    /// application). Closed datasets are never exported.
    public static func accessRight(_ openType: OpenType) -> String {
        authority + "access-right/" + (openType == .open ? "PUBLIC" : openType == .conditional ? "RESTRICTED" : "NON_PUBLIC")
    }

    /// The EU language code (ISO 639-3 style, upper case) for a BCP 47 tag;
    /// Chinese when unknown, the language this project is made for.
    public static func languageCode(_ bcp47: String) -> String {
        let primary = bcp47.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return languages[primary] ?? "ZHO"
    }

    static let languages: [String: String] = [
        "zh": "ZHO", "en": "ENG", "fr": "FRA", "de": "DEU", "es": "SPA", "pt": "POR",
        "ru": "RUS", "ar": "ARA", "ja": "JPN", "ko": "KOR", "it": "ITA", "nl": "NLD",
    ]

    /// English labels of the data-theme table, so the concepts carry the
    /// `skos:prefLabel` DCAT-AP requires without loading the table.
    public static func dataThemeLabel(_ code: String) -> String {
        dataThemes[code.uppercased()] ?? code
    }

    static let dataThemes: [String: String] = [
        "AGRI": "Agriculture, fisheries, forestry and food",
        "ECON": "Economy and finance",
        "EDUC": "Education, culture and sport",
        "ENER": "Energy",
        "ENVI": "Environment",
        "GOVE": "Government and public sector",
        "HEAL": "Health",
        "INTR": "International issues",
        "JUST": "Justice, legal system and public safety",
        "REGI": "Regions and cities",
        "SOCI": "Population and society",
        "TECH": "Science and technology",
        "TRAN": "Transport",
    ]
}
