/// DCAT-AP 3 for harvesters (data.europa.eu-style portals, CKAN's DCAT
/// harvester): one graph, built once, printed as Turtle, RDF/XML and
/// JSON-LD, so the three files always describe exactly the same triples.
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
        let graph = DCATGraphBuilder(catalog: catalog).build()
        try emit(Artifact(path: "catalog.ttl", data: TurtleSerializer().serialize(graph)))
        try emit(Artifact(path: "catalog.rdf", data: RDFXMLSerializer().serialize(graph)))
        try emit(Artifact(path: "catalog.jsonld", data: JSONLDSerializer().serialize(graph)))
    }
}
