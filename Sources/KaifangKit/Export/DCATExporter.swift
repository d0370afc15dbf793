import Foundation

/// DCAT-AP 3 for harvesters (data.europa.eu-style portals, CKAN's DCAT
/// harvester): one graph, built once, printed as Turtle, RDF/XML and
/// JSON-LD, so the three files always describe exactly the same triples.
///
/// Each dataset also gets its own description beside its page, as CKAN and
/// uData publish them (`datasets/<slug>/dataset.ttl` and `.jsonld`, linked
/// from the page with `rel="alternate"`): the catalogue's triples about that
/// dataset and the nodes it points at, nothing else.
public struct DCATExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        var artifacts: [Artifact] = []
        export(catalog) { artifacts.append($0) }
        return artifacts
    }

    /// Each syntax is handed over and let go before the next is printed.
    public func export(_ catalog: Catalog, emit: (Artifact) throws -> Void) rethrows {
        let catalog = catalog.publishable
        let builder = DCATGraphBuilder(catalog: catalog)
        let graph = builder.build()
        try emit(Artifact(path: "catalog.ttl", data: TurtleSerializer().serialize(graph)))
        try emit(Artifact(path: "catalog.rdf", data: RDFXMLSerializer().serialize(graph)))
        try emit(Artifact(path: "catalog.jsonld", data: JSONLDSerializer().serialize(graph)))
        try emitPages(catalog, builder: builder, emit: emit)
        for (index, dataset) in catalog.datasets.enumerated() {
            let single = builder.build(datasetAt: index)
            try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "ttl"), data: TurtleSerializer().serialize(single)))
            try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "jsonld"), data: JSONLDSerializer().serialize(single)))
        }
    }

    /// The three syntaxes, in the order the catalogue files are written.
    static let syntaxes: [(extension: String, serialize: @Sendable (RDFGraph) -> Data)] = [
        ("ttl", { TurtleSerializer().serialize($0) }),
        ("rdf", { RDFXMLSerializer().serialize($0) }),
        ("jsonld", { JSONLDSerializer().serialize($0) }),
    ]

    /// Past `build.dcat_page_size` datasets, the catalogue also in pages
    /// (`catalog/page/<n>.ttl|rdf|jsonld`, n from 1) that a harvester fetches
    /// one after another, as CKAN and uData page theirs: each page is a
    /// `hydra:PartialCollectionView` with `hydra:first`, `last`, `next` and
    /// `previous` in its own syntax, and `hydra:totalItems` (all datasets)
    /// and `hydra:itemsPerPage`, which ckanext-dcat's harvester follows.
    func emitPages(_ catalog: Catalog, builder: DCATGraphBuilder, emit: (Artifact) throws -> Void) rethrows {
        let size = catalog.site.dcatPageSize, count = catalog.datasets.count
        guard count > size else { return }
        let pageCount = (count + size - 1) / size
        for page in 1...pageCount {
            let graph = builder.build(datasets: (page - 1) * size..<min(count, page * size))
            for syntax in Self.syntaxes {
                var paged = graph
                Self.describePage(page, of: pageCount, total: count, size: size, extension: syntax.extension, catalog: catalog, into: &paged)
                try emit(Artifact(path: Self.pagePath(page, extension: syntax.extension), data: syntax.serialize(paged)))
            }
        }
    }

    public static func pagePath(_ page: Int, extension: String) -> String { "catalog/page/\(page).\(`extension`)" }

    static func describePage(_ page: Int, of pageCount: Int, total: Int, size: Int, extension: String, catalog: Catalog,
                             into graph: inout RDFGraph) {
        let hydra = RDFNamespace.hydra
        graph.additionalNamespaces = [hydra]
        func node(_ number: Int) -> RDFTerm { .iri(catalog.url(pagePath(number, extension: `extension`))) }
        let view = node(page)
        graph.type(view, hydra("PartialCollectionView"))
        graph.add(view, hydra("first"), node(1))
        graph.add(view, hydra("last"), node(pageCount))
        if page > 1 { graph.add(view, hydra("previous"), node(page - 1)) }
        if page < pageCount { graph.add(view, hydra("next"), node(page + 1)) }
        graph.add(view, hydra("totalItems"), .literal(RDFLiteral(String(total), datatype: RDFNamespace.xsd("integer"))))
        graph.add(view, hydra("itemsPerPage"), .literal(RDFLiteral(String(size), datatype: RDFNamespace.xsd("integer"))))
    }

    /// `datasets/<slug>/dataset.<extension>`, relative to the site root.
    public static func datasetPath(_ dataset: Dataset, in catalog: Catalog, extension: String) -> String {
        catalog.datasetFolder(dataset) + "dataset." + `extension`
    }
}
