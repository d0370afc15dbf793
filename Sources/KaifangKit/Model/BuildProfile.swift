/// Which site a build makes from the one catalogue: the public open-data
/// portal, or the government information-sharing site on the government
/// extranet (政务信息资源共享网站). The two decide differently what is
/// listed and what data is given, and nothing else may decide it: the
/// resolver, the pages and every export ask the profile.
public enum BuildProfile: String, Sendable, CaseIterable {
    /// The open-data portal: the open attribute (开放属性) decides.
    case `public`
    /// The sharing site for departments: the share attribute (共享属性) decides,
    /// so datasets closed to the public (不予开放) appear when they may be shared.
    case share

    /// Whether the dataset is on the site at all.
    public func lists(_ dataset: Dataset) -> Bool {
        switch self {
        case .public: dataset.openType != .closed
        // A dataset without a share attribute has not been declared shareable:
        // sharing it would be a decision nobody made.
        case .share: dataset.shareType == .unconditional || dataset.shareType == .conditional
        }
    }

    /// Whether the site gives the dataset's data: copies its files, shows its
    /// URLs, serves its data API. Otherwise the data is given only on an
    /// approved request, and the site says how to make one.
    public func givesData(of dataset: Dataset) -> Bool {
        switch self {
        case .public: dataset.openType == .open
        case .share: dataset.shareType == .unconditional
        }
    }
}
