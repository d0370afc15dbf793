/// The five dimensions and the indicators of the EU data portal's metadata
/// quality assessment (MQA), with the points each is worth: 405 in all.
/// How each indicator is read from a Kaifang catalogue is in docs/quality.md.
public enum QualityDimension: String, CaseIterable, Sendable {
    case findability, accessibility, interoperability, reusability, contextuality

    /// The most a dataset can score in the dimension.
    public var maximum: Int {
        QualityIndicator.allCases.filter { $0.dimension == self }.reduce(0) { $0 + $1.points }
    }
}

public enum QualityIndicator: String, CaseIterable, Sendable {
    // Findability: 100
    case keywords, themes, spatial, temporal
    // Accessibility: 100
    case accessURLReachable, downloadURL, downloadURLReachable
    // Interoperability: 110
    case format, mediaType, formatVocabulary, nonProprietary, machineReadable, dcatAPCompliance
    // Reusability: 75
    case license, licenseVocabulary, accessRights, accessRightsVocabulary, contactPoint, publisher
    // Contextuality: 20
    case rights, byteSize, issued, modified

    public var points: Int {
        switch self {
        case .keywords, .themes: 30
        case .spatial, .temporal: 20
        case .accessURLReachable: 50
        case .downloadURL: 20
        case .downloadURLReachable: 30
        case .format: 20
        case .mediaType, .formatVocabulary: 10
        case .nonProprietary, .machineReadable: 20
        case .dcatAPCompliance: 30
        case .license: 20
        case .licenseVocabulary, .accessRights: 10
        case .accessRightsVocabulary: 5
        case .contactPoint: 20
        case .publisher: 10
        case .rights, .byteSize, .issued, .modified: 5
        }
    }

    public var dimension: QualityDimension {
        switch self {
        case .keywords, .themes, .spatial, .temporal: .findability
        case .accessURLReachable, .downloadURL, .downloadURLReachable: .accessibility
        case .format, .mediaType, .formatVocabulary, .nonProprietary, .machineReadable, .dcatAPCompliance: .interoperability
        case .license, .licenseVocabulary, .accessRights, .accessRightsVocabulary, .contactPoint, .publisher: .reusability
        case .rights, .byteSize, .issued, .modified: .contextuality
        }
    }

    /// Indicators judged on each distribution: a dataset earns the points in
    /// proportion to the share of its resources that pass.
    public var isPerDistribution: Bool {
        switch self {
        case .accessURLReachable, .downloadURL, .downloadURLReachable, .format, .mediaType, .formatVocabulary,
             .nonProprietary, .machineReadable, .rights, .byteSize: true
        default: false
        }
    }

    /// The most a dataset can score: 405.
    public static let maximum = allCases.reduce(0) { $0 + $1.points }
}

/// The MQA rating bands.
public enum QualityBand: String, CaseIterable, Sendable {
    case excellent, good, sufficient, bad

    public init(points: Int) {
        switch points {
        case 351...: self = .excellent
        case 221...350: self = .good
        case 121...220: self = .sufficient
        default: self = .bad
        }
    }

    /// The lowest score of the band.
    public var lowerBound: Int {
        switch self {
        case .excellent: 351
        case .good: 221
        case .sufficient: 121
        case .bad: 0
        }
    }
}
