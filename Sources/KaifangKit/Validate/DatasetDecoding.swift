/// The portal's way of reading dataset documents (its departments, themes,
/// defaults and wordings from site.yaml), kept so that earlier versions of
/// the catalogue from git are read exactly as today's.
struct DatasetDecoding: Sendable {
    var rules: DatasetRules
    var defaults: [YAMLEntry]
    var identifiesByFileName: Bool

    /// The datasets of a set of dataset files and catalog.csv rows as they
    /// were on `day`. What cannot be read is left out, without a word: old
    /// versions are not the publisher's to fix now.
    func datasets(markdown: [RawDocument], rows: [RawDocument], on day: Day) -> [Dataset] {
        let (joined, _) = CatalogJoin.join(markdown: markdown, rows: rows)
        return joined.parallelMap { dataset($0, on: day) }.compactMap { $0 }
    }

    /// One document on its own (a dataset file no catalog.csv row joins).
    func dataset(_ document: RawDocument, on day: Day) -> Dataset? {
        var ignored = Diagnostics()
        var rules = rules
        rules.today = day
        var document = DatasetDefaults.apply(defaults, to: document)
        if identifiesByFileName { document = DatasetDefaults.identifyByFileName(document, into: &ignored) }
        return DatasetDecoder.decode(document, rules: rules).0
    }
}
