/// Size warnings: content that is legal and within the hard limits (which
/// `YAMLGuard` and the loader enforce as errors) but is copied into many
/// pages and exports, so that a 20 MB description or a million keywords
/// would silently make a site of hundreds of megabytes. Each warning gives
/// the size and the `limits:` key of site.yaml that sets the threshold.
enum ContentSizeChecks {
    static func check(datasets documents: [RawDocument], limits: ContentLimits) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for document in documents {
            if let warning = description(of: document, limits: limits) { found.append(warning) }
            if let node = document["keywords"] {
                let count: Int
                switch node.value {
                case .sequence(let items): count = items.count
                case .scalar(let text, _): count = text.split(whereSeparator: { ",，;；".contains($0) }).count
                default: count = 0
                }
                if count > limits.keywords {
                    found.append(.warning(at: node.location, "\(count) keywords, more than the limit of \(limits.keywords)",
                                          code: "dataset.keywords-size",
                                          hint: "every keyword is repeated on the page, in the search index and in every export; "
                                            + "keep the few a citizen would search for, or raise limits.keywords in site.yaml"))
                }
            }
            if let node = document["resources"], let count = node.items?.count, count > limits.resources {
                found.append(.warning(at: node.location, "\(count) resources, more than the limit of \(limits.resources)",
                                      code: "dataset.resources-size",
                                      hint: "split the dataset, or raise limits.resources in site.yaml"))
            }
        }
        return found
    }

    /// Departments and pages: only their description (the body) can grow.
    static func check(descriptionsOf documents: [RawDocument], limits: ContentLimits) -> [Diagnostic] {
        documents.compactMap { description(of: $0, limits: limits) }
    }

    private static func description(of document: RawDocument, limits: ContentLimits) -> Diagnostic? {
        var size = document.body.utf8.count
        var location = SourceLocation(file: document.file, line: document.bodyLine)
        if document.body.trimmedWhitespace.isEmpty, let node = document["description"] ?? document["notes"], let text = node.scalar {
            size = text.utf8.count
            location = node.location
        }
        guard size > limits.descriptionBytes else { return nil }
        return .warning(at: location, "the description is \(ContentLimits.bytes(size)), more than the limit of "
                        + "\(ContentLimits.bytes(limits.descriptionBytes))", code: "content.description-size",
                        hint: "it is copied into the page, the search index and the exports; shorten it, "
                          + "or raise limits.description_bytes in site.yaml")
    }
}
