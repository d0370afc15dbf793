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
        for (index, dataset) in catalog.datasets.enumerated() {
            let single = builder.build(datasetAt: index)
            try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "ttl"), data: TurtleSerializer().serialize(single)))
            try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "jsonld"), data: JSONLDSerializer().serialize(single)))
        }
    }

    /// `datasets/<slug>/dataset.<extension>`, relative to the site root.
    public static func datasetPath(_ dataset: Dataset, in catalog: Catalog, extension: String) -> String {
        catalog.datasetFolder(dataset) + "dataset." + `extension`
    }
}
