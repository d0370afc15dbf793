/// DCAT-AP 3 for harvesters (data.europa.eu-style portals, CKAN's DCAT
/// harvester): one graph, built once, printed as Turtle, RDF/XML and
/// JSON-LD, so the three files always describe exactly the same triples.
public struct DCATExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        let catalog = catalog.publishable
        let graph = DCATGraphBuilder(catalog: catalog).build()
        return [
            Artifact(path: "catalog.ttl", data: TurtleSerializer().serialize(graph)),
            Artifact(path: "catalog.rdf", data: RDFXMLSerializer().serialize(graph)),
            Artifact(path: "catalog.jsonld", data: JSONLDSerializer().serialize(graph)),
        ]
    }
}
