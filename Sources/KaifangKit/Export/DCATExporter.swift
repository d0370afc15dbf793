import Foundation

/// DCAT-AP 3 for harvesters (data.europa.eu-style portals, CKAN's DCAT
/// harvester): one graph, printed as Turtle, RDF/XML and JSON-LD, so the
/// three files always describe exactly the same triples. Each file is
/// printed as its graph is built, a few hundred datasets at a time
/// (`DCATGraphBuilder.parts`), straight into the file: at 10⁵ datasets the
/// whole graph and a whole printed syntax took gigabytes.
///
/// Each dataset also gets its own description beside its page, as CKAN and
/// uData publish them (`datasets/<slug>/dataset.ttl` and `.jsonld`, linked
/// from the page with `rel="alternate"`): the catalogue's triples about that
/// dataset and the nodes it points at, nothing else.
public struct DCATExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        var artifacts: [Artifact] = []
        export(catalog) { artifacts.append(contentsOf: $0.separated) }
        return artifacts
    }

    public func export(_ catalog: Catalog, emit: (Artifact) throws -> Void) rethrows {
        let catalog = catalog.publishable
        let builder = DCATGraphBuilder(catalog: catalog)
        try emit(Artifact(paths: Self.syntaxes.map { "catalog." + $0.extension }) { sinks in
            let printers = zip(Self.syntaxes, sinks).map { $0.printer([], $1) }
            builder.parts(datasets: catalog.datasets.indices) { part, _ in
                for printer in printers { printer.print(part) }
            }
            for printer in printers { printer.finish() }
        })
        try emitPages(catalog, builder: builder, emit: emit)
        let files = DatasetFiles(builder: builder)
        // A slice at a time in parallel: DCAT is the longest exporter, and the others finish first.
        for start in stride(from: 0, to: catalog.datasets.count, by: 256) {
            let printed = Array(start..<min(start + 256, catalog.datasets.count)).parallelMap { files.print(datasetAt: $0) }
            for (index, (turtle, jsonLD)) in zip(start..., printed) {
                let dataset = catalog.datasets[index]
                try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "ttl"), data: turtle))
                try emit(Artifact(path: Self.datasetPath(dataset, in: catalog, extension: "jsonld"), data: jsonLD))
            }
        }
    }

    /// Each dataset's own description (`DCATGraphBuilder.build(datasetAt:)`)
    /// starts with the portal's themes and the dataset's department, the
    /// same nodes in every file: they are built and printed once per
    /// department, and each file adds only its dataset's nodes.
    struct DatasetFiles: Sendable {
        struct Start: Sendable {
            var graph: RDFGraph
            var turtle: Data
            var jsonLDNodes: [[UInt8]]
        }

        let builder: DCATGraphBuilder
        let starts: [String: Start]

        init(builder: DCATGraphBuilder) {
            self.builder = builder
            var starts: [String: Start] = [:]
            for slug in Set(builder.catalog.datasets.map(\.organizationSlug)) {
                let graph = builder.start(organizationSlug: slug)
                starts[slug] = Start(graph: graph, turtle: TurtleSerializer().serialize(graph),
                                     jsonLDNodes: JSONLDSerializer.printedNodes(graph.descriptions[...]))
            }
            self.starts = starts
        }

        func print(datasetAt index: Int) -> (turtle: Data, jsonLD: Data) {
            let dataset = builder.catalog.datasets[index]
            guard let start = starts[dataset.organizationSlug] else { preconditionFailure("every department's start is made") }
            var graph = start.graph
            builder.describe(dataset, at: index, into: &graph)
            let shared = start.graph.descriptions.count
            // Were the dataset to add to a node of the start, the file is printed whole.
            guard zip(graph.descriptions, start.graph.descriptions).allSatisfy({ $0.statements.count == $1.statements.count }) else {
                return (TurtleSerializer().serialize(graph), JSONLDSerializer().serialize(graph))
            }
            var turtle = start.turtle
            turtle.append(TurtleSerializer().descriptions(graph.descriptions[shared...]).data)
            let sink = ByteSink()
            var document = JSONLDSerializer.document(namespaces: [], into: sink)
            for node in start.jsonLDNodes + JSONLDSerializer.printedNodes(graph.descriptions[shared...]) {
                document.append(printed: node)
            }
            document.finish()
            return (turtle, sink.data)
        }
    }

    /// The three syntaxes, in the order the catalogue files are written, each
    /// with a printer of a document (its extra namespaces, its file's sink).
    static let syntaxes: [(extension: String, printer: @Sendable ([RDFNamespace], ByteSink) -> any RDFDocumentPrinter)] = [
        ("ttl", { TurtleSerializer().printer(namespaces: $0, into: $1) }),
        ("rdf", { RDFXMLSerializer().printer(namespaces: $0, into: $1) }),
        ("jsonld", { JSONLDSerializer().printer(namespaces: $0, into: $1) }),
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
            let range = (page - 1) * size..<min(count, page * size)
            try emit(Artifact(paths: Self.syntaxes.map { Self.pagePath(page, extension: $0.extension) }) { sinks in
                let printers = zip(Self.syntaxes, sinks).map { $0.printer([RDFNamespace.hydra], $1) }
                builder.parts(datasets: range) { part, isLast in
                    for (syntax, printer) in zip(Self.syntaxes, printers) {
                        guard isLast else { printer.print(part); continue }
                        // The paging links name the page in its own syntax.
                        var paged = part
                        Self.describePage(page, of: pageCount, total: count, size: size, extension: syntax.extension, catalog: catalog, into: &paged)
                        printer.print(paged)
                    }
                }
                for printer in printers { printer.finish() }
            })
        }
    }

    public static func pagePath(_ page: Int, extension: String) -> String { "catalog/page/\(page).\(`extension`)" }

    static func describePage(_ page: Int, of pageCount: Int, total: Int, size: Int, extension: String, catalog: Catalog,
                             into graph: inout RDFGraph) {
        let hydra = RDFNamespace.hydra
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
