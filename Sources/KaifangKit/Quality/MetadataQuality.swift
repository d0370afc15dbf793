/// The metadata quality of one dataset: points per indicator, the total out
/// of 405 and its band. Computed from the catalogue and the published files
/// only (no network), so a build is reproducible; O(resources) per dataset.
public struct MetadataQuality: Sendable, Equatable {
    /// Points earned per indicator (fractions for per-distribution indicators).
    public var earned: [QualityIndicator: Double]

    /// Summed in the indicator table's order, never in the dictionary's:
    /// floating-point addition is not associative, and a dictionary's order
    /// changes with each process's hash seed, so a sum in that order could
    /// round a total of 202.5 once up and once down on the same input.
    public var total: Int { Int(sum(QualityIndicator.allCases).rounded()) }
    public var band: QualityBand { QualityBand(points: total) }

    public func points(in dimension: QualityDimension) -> Int {
        Int(sum(QualityIndicator.allCases.filter { $0.dimension == dimension }).rounded())
    }

    private func sum(_ indicators: [QualityIndicator]) -> Double {
        var sum = 0.0
        for indicator in indicators { sum += earned[indicator] ?? 0 }
        return sum
    }

    /// The indicators the dataset does not fully meet, in table order.
    public var missed: [QualityIndicator] {
        QualityIndicator.allCases.filter { (earned[$0] ?? 0) < Double($0.points) }
    }
}

public enum MetadataQualityAssessor {
    /// Formats of the EU file-type vocabulary that no vendor controls.
    static let nonProprietary: Set<String> = [
        "CSV", "TSV", "JSON", "XML", "GEOJSON", "RDF_XML", "RDF_TURTLE", "JSON_LD", "TXT", "HTML", "KML", "PNG", "JPEG", "PDF", "ZIP",
    ]

    public static func assess(_ dataset: Dataset, in catalog: Catalog) -> MetadataQuality {
        var earned: [QualityIndicator: Double] = [:]
        func whole(_ indicator: QualityIndicator, _ passes: Bool) {
            earned[indicator] = passes ? Double(indicator.points) : 0
        }
        let isOpen = dataset.openType == .open
        let resources = dataset.resources
        func share(_ indicator: QualityIndicator, _ passes: (Resource) -> Bool) {
            guard !resources.isEmpty else { earned[indicator] = 0; return }
            let passing = resources.filter(passes).count
            earned[indicator] = Double(indicator.points) * Double(passing) / Double(resources.count)
        }

        // Findability
        whole(.keywords, !dataset.keywords.isEmpty)
        whole(.themes, !dataset.themeSlugs.isEmpty)
        whole(.spatial, !(dataset.spatial ?? "").isEmpty)
        whole(.temporal, dataset.temporal.map { $0.start != nil || $0.end != nil } ?? false)

        // Accessibility
        share(.accessURLReachable) { accessReachable($0, open: isOpen) }
        share(.downloadURL) { isOpen && isDownload($0) }
        share(.downloadURLReachable) { isOpen && isDownload($0) && reachable($0) }

        // Interoperability
        share(.format) { !$0.format.trimmedWhitespace.isEmpty }
        share(.mediaType) { $0.mediaType != nil || Formats.entry($0.format) != nil }
        share(.formatVocabulary) { Formats.euFileType(for: $0.format) != nil }
        share(.nonProprietary) { Formats.euFileType(for: $0.format).map(nonProprietary.contains) ?? false }
        share(.machineReadable) { Formats.entry($0.format).map { $0.stars >= 2 } ?? false }
        whole(.dcatAPCompliance, !dataset.title.isEmpty && !dataset.descriptionText.trimmedWhitespace.isEmpty
            && catalog.organization(dataset.organizationSlug) != nil
            && resources.allSatisfy { accessReachable($0, open: isOpen) })

        // Reusability
        let license = catalog.licenseValue(dataset)
        whole(.license, license != nil)
        whole(.licenseVocabulary, license.flatMap(Licenses.license) != nil)
        whole(.accessRights, dataset.openType != .closed)
        whole(.accessRightsVocabulary, dataset.openType != .closed)
        whole(.contactPoint, catalog.contact(dataset) != nil)
        whole(.publisher, catalog.organization(dataset.organizationSlug) != nil)

        // Contextuality
        let rightsStatement = isOpen ? license != nil : !catalog.site.conditionalAccess.trimmedWhitespace.isEmpty
        share(.rights) { _ in rightsStatement }
        share(.byteSize) { isOpen && $0.file != nil }
        whole(.issued, dataset.issued != nil)
        whole(.modified, dataset.modified != nil)
        return MetadataQuality(earned: earned)
    }

    /// A local file that was published and measured, or an http(s) address.
    /// A conditional dataset's files are reached through its page (the
    /// application procedure), which always exists.
    static func accessReachable(_ resource: Resource, open: Bool) -> Bool {
        guard open else { return true }
        return reachable(resource)
    }

    static func reachable(_ resource: Resource) -> Bool {
        switch resource.location {
        case .path: resource.file != nil
        case .url(let url): url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
        }
    }

    /// A direct file, not a service endpoint (DCAT's downloadURL).
    static func isDownload(_ resource: Resource) -> Bool {
        resource.format.uppercased() != "API"
    }
}
