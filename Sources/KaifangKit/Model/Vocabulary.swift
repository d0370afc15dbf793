/// The catalogue's controlled values. Publishers may write them in English
/// or in the Chinese of the national resource-catalogue guideline.
public protocol CatalogueVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The name in the national catalogue, e.g. 无条件开放.
    var chineseName: String { get }
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
}

/// 更新周期
public enum UpdateFrequency: String, CatalogueVocabulary {
    case realtime, daily, weekly, monthly, quarterly, yearly, irregular

    public var chineseName: String {
        switch self {
        case .realtime: "实时"
        case .daily: "每日"
        case .weekly: "每周"
        case .monthly: "每月"
        case .quarterly: "每季度"
        case .yearly: "每年"
        case .irregular: "不定期"
        }
    }

    /// How many days may pass before a dataset with this cycle is overdue.
    public var expectedDays: Int? {
        switch self {
        case .realtime, .daily: 2
        case .weekly: 8
        case .monthly: 32
        case .quarterly: 93
        case .yearly: 366
        case .irregular: nil
        }
    }
}
