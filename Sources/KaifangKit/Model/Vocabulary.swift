/// The catalogue's controlled values. Publishers may write them in English
/// or in the Chinese of the national resource-catalogue guideline.
public protocol CatalogueVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The name in the national catalogue, e.g. 无条件开放.
    var chineseName: String { get }
    /// Other ways portals write the same value (local Chinese wordings, ISO 8601
    /// repeating intervals, JKAN's and CKAN's English), read with a note that
    /// names the catalogue's value. Keys are compared without case or spaces.
    static var synonyms: [String: Self] { get }
}

extension CatalogueVocabulary {
    public init?(catalogueValue text: String) {
        let trimmed = text.trimmedWhitespace
        if let value = Self(rawValue: trimmed.lowercased()) {
            self = value
        } else if let value = Self.allCases.first(where: { $0.chineseName == trimmed }) {
            self = value
        } else {
            return nil
        }
    }

    /// A synonym of one of the catalogue's values, if `text` is one.
    public static func synonym(_ text: String) -> Self? {
        synonyms[synonymKey(text)]
    }

    static func synonymKey(_ text: String) -> String {
        String(text.lowercased().filter { !$0.isWhitespace })
    }

    public static var allowedValues: String {
        allCases.map { "\($0.rawValue) (\($0.chineseName))" }.joined(separator: ", ")
    }
}

/// 开放属性
public enum OpenType: String, CatalogueVocabulary {
    case open, conditional, closed

    public var chineseName: String {
        switch self {
        case .open: "无条件开放"
        case .conditional: "有条件开放"
        case .closed: "不予开放"
        }
    }

    /// Only wordings that mean the same: anything doubtful must be written out,
    /// since the open attribute decides what is published.
    public static let synonyms: [String: OpenType] = [
        "普遍开放": .open, "完全开放": .open, "无条件": .open, "public": .open,
        "依申请开放": .conditional, "有条件": .conditional, "申请开放": .conditional, "restricted": .conditional,
        "不开放": .closed, "暂不开放": .closed, "不予公开": .closed, "非公开": .closed, "non-public": .closed, "nonpublic": .closed,
    ]
}

/// 共享属性
public enum ShareType: String, CatalogueVocabulary {
    case unconditional, conditional, none

    public var chineseName: String {
        switch self {
        case .unconditional: "无条件共享"
        case .conditional: "有条件共享"
        case .none: "不予共享"
        }
    }

    public static let synonyms: [String: ShareType] = [
        "无条件": .unconditional, "完全共享": .unconditional, "普遍共享": .unconditional,
        "有条件": .conditional, "依申请共享": .conditional, "申请共享": .conditional,
        "不共享": .none, "暂不共享": .none, "不予": .none,
    ]
}

/// 更新周期
public enum UpdateFrequency: String, CatalogueVocabulary {
    case realtime, daily, weekly, monthly, quarterly, semiannual, yearly, biennial, irregular

    public var chineseName: String {
        switch self {
        case .realtime: "实时"
        case .daily: "每日"
        case .weekly: "每周"
        case .monthly: "每月"
        case .quarterly: "每季度"
        case .semiannual: "每半年"
        case .yearly: "每年"
        case .biennial: "每两年"
        case .irregular: "不定期"
        }
    }

    /// Includes the ISO 8601 repeating intervals that Kaifang's own data.json
    /// writes (and DCAT-US portals use), so an exported catalogue reads back.
    public static let synonyms: [String: UpdateFrequency] = [
        "实时更新": .realtime, "实时": .realtime, "continuous": .realtime, "continual": .realtime, "r/pt1s": .realtime,
        "每天": .daily, "日": .daily, "日更新": .daily, "每日更新": .daily, "r/p1d": .daily,
        "每星期": .weekly, "周": .weekly, "每周更新": .weekly, "r/p1w": .weekly, "r/p7d": .weekly,
        "月": .monthly, "每月更新": .monthly, "按月": .monthly, "月度": .monthly, "r/p1m": .monthly,
        "每季": .quarterly, "季度": .quarterly, "按季度": .quarterly, "季": .quarterly, "r/p3m": .quarterly,
        "半年": .semiannual, "每半年更新": .semiannual, "半年度": .semiannual, "r/p6m": .semiannual,
        "semi-annual": .semiannual, "semiannually": .semiannual, "biannual": .semiannual,
        "年": .yearly, "每年更新": .yearly, "按年": .yearly, "年度": .yearly, "每一年": .yearly, "r/p1y": .yearly,
        "annual": .yearly, "annually": .yearly,
        "两年": .biennial, "每2年": .biennial, "r/p2y": .biennial, "biennially": .biennial,
        "不定时": .irregular, "不定期更新": .irregular, "按需": .irregular, "按需更新": .irregular, "irregularly": .irregular,
        "asneeded": .irregular,
    ]

    /// How many days may pass before a dataset with this cycle is overdue.
    public var expectedDays: Int? {
        switch self {
        case .realtime, .daily: 2
        case .weekly: 8
        case .monthly: 32
        case .quarterly: 93
        case .semiannual: 184
        case .yearly: 366
        case .biennial: 731
        case .irregular: nil
        }
    }
}

/// 共享方式: how a department receives shared data.
public enum ShareMethod: String, CatalogueVocabulary {
    case api, file, databaseTable = "database-table", other

    public var chineseName: String {
        switch self {
        case .api: "接口"
        case .file: "文件"
        case .databaseTable: "库表"
        case .other: "其他"
        }
    }

    public static let synonyms: [String: ShareMethod] = [
        "接口共享": .api, "服务接口": .api, "数据接口": .api, "接口方式": .api,
        "文件共享": .file, "文件下载": .file, "文件方式": .file,
        "库表共享": .databaseTable, "库表交换": .databaseTable, "数据库": .databaseTable, "库表方式": .databaseTable,
        "databasetable": .databaseTable, "database_table": .databaseTable, "table": .databaseTable, "database": .databaseTable,
    ]
}
