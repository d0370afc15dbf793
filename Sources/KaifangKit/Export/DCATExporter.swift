import Foundation

/// DCAT-AP 3 for harvesters (data.europa.eu-style portals, CKAN's DCAT
/// harvester): one graph, printed as Turtle, RDF/XML and JSON-LD, so the
/// three files always describe exactly the same triples. Each file is
/// printed a few hundred datasets at a time, straight into the file, giving
/// the bytes of its whole graph printed at once (`DCATGraphBuilder.parts`):
/// at 10⁵ datasets the whole graph and a whole printed syntax took gigabytes.
///
/// Each dataset also gets its own description beside its page, as CKAN and
/// uData publish them (`datasets/<slug>/dataset.ttl` and `.jsonld`, linked
/// from the page with `rel="alternate"`): the catalogue's triples about that
/// dataset and the nodes it points at, nothing else.
public struct DCATExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        let kept = KeptArtifacts()
        export(catalog) { kept.keep($0.separated) }
        return kept.inPathOrder
    }

    /// Each dataset is described once, and its description printed once in
    /// each syntax, for every file that carries it: the whole catalogue, its
    /// page of the catalogue and the dataset's own files. (Described apart for
    /// each, the datasets of a 10⁵-dataset portal took most of the export.)
    public func export(_ catalog: Catalog, emit: @Sendable (Artifact) throws -> Void) rethrows {
        let catalog = catalog.publishable
        let builder = DCATGraphBuilder(catalog: catalog)
        let size = catalog.site.dcatPageSize, count = catalog.datasets.count
        let pageCount = count > size ? (count + size - 1) / size : 0
        let paths = Self.syntaxes.map { "catalog." + $0.extension }
            + (0..<pageCount).flatMap { page in Self.syntaxes.map { Self.pagePath(page + 1, extension: $0.extension) } }
        try emit(Artifact(paths: paths) { sinks, alongside in
            let files = DatasetFiles(builder: builder)
            let whole = OneQueueOnly(CatalogueDocument(head: builder.head(datasets: catalog.datasets.indices),
                                                       printers: zip(Self.syntaxes, sinks).map { $0.printer([], $1) }))
            // The whole catalogue and its pages are printed on a serial queue
            // each, beside the slices being described: at 10⁵ datasets the two
            // write gigabytes, and printing them in the describing loop kept
            // one core busy while the other waited. At most two slices wait
            // for each queue, so memory stays bounded.
            let wholeQueue = DispatchQueue(label: "kaifang.dcat.whole"), pageQueue = DispatchQueue(label: "kaifang.dcat.pages")
            let wholeSlots = DispatchSemaphore(value: 2), pageSlots = DispatchSemaphore(value: 2)
            let pageSinks = OneQueueOnly(sinks), currentPage = OneQueueOnly<CatalogueDocument?>(nil)
            // Whatever is thrown below, nothing may print into the sinks after this closure returns.
            defer { wholeQueue.sync {}; pageQueue.sync {} }
            // A slice at a time in parallel: DCAT is the longest exporter, and the
            // others finish first. Each dataset's own files are written there too:
            // one after the other, creating them was most of this loop.
            for start in stride(from: 0, to: count, by: 256) {
                let described = Array(start..<min(start + 256, count)).parallelMap { index in
                    let dataset = files.describe(datasetAt: index), item = catalog.datasets[index]
                    do {
                        try alongside(Artifact(path: Self.datasetPath(item, in: catalog, extension: "ttl"), data: dataset.turtle))
                        try alongside(Artifact(path: Self.datasetPath(item, in: catalog, extension: "jsonld"), data: dataset.jsonLD))
                        return Result<DescribedDataset, any Error>.success(dataset)
                    } catch {
                        return .failure(error)
                    }
                }
                let datasets = try described.map { try $0.get() }
                wholeSlots.wait()
                wholeQueue.async {
                    for dataset in datasets { whole.value.append(dataset) }
                    wholeSlots.signal()
                }
                guard pageCount > 0 else { continue }
                pageSlots.wait()
                pageQueue.async {
                    for (index, dataset) in zip(start..., datasets) {
                        if index % size == 0 {
                            let number = index / size
                            let printers = zip(Self.syntaxes, pageSinks.value[(3 * (number + 1))...]).map { $0.printer([RDFNamespace.hydra], $1) }
                            currentPage.value = CatalogueDocument(head: builder.head(datasets: index..<min(count, index + size)), printers: printers)
                        }
                        guard let page = currentPage.value else { continue }
                        page.append(dataset)
                        if index % size == size - 1 || index == count - 1 {
                            Self.finish(page, number: index / size + 1, of: pageCount, total: count, size: size, catalog: catalog)
                        }
                    }
                    pageSlots.signal()
                }
            }
            wholeQueue.sync {}
            whole.value.finish()
        })
    }

    /// A catalogue file (the whole catalogue or one of its pages) in the
    /// three syntaxes at once: its head, then each dataset's blocks, a shared
    /// node's only where the document first meets it, as the graph of the
    /// document (`DCATGraphBuilder.parts`) would print them.
    final class CatalogueDocument {
        let printers: [any RDFDocumentPrinter]
        /// The shared subjects this document has described.
        private var described: Set<RDFTerm>

        init(head: RDFGraph, printers: [any RDFDocumentPrinter]) {
            self.printers = printers
            described = Set(head.descriptions.map(\.subject))
            for printer in printers { printer.print(head) }
        }

        func append(_ dataset: DescribedDataset) {
            for block in dataset.blocks {
                if block.isShared, !described.insert(block.subject).inserted { continue }
                for (printer, printed) in zip(printers, block.printed) { printer.append(block: printed) }
            }
        }

        func finish() {
            for printer in printers { printer.finish() }
        }
    }

    /// A value used by one serial queue at a time (a document being printed,
    /// its sinks): handed to that queue, never touched by two threads at once.
    final class OneQueueOnly<Value>: @unchecked Sendable {
        var value: Value
        init(_ value: Value) { self.value = value }
    }

    /// A page's paging links, each naming the page in its own syntax, end it.
    static func finish(_ page: CatalogueDocument, number: Int, of pageCount: Int, total: Int, size: Int, catalog: Catalog) {
        for (syntax, printer) in zip(syntaxes, page.printers) {
            var links = RDFGraph()
            describePage(number, of: pageCount, total: total, size: size, extension: syntax.extension, catalog: catalog, into: &links)
            printer.print(links)
            printer.finish()
        }
    }

    /// One dataset's description, printed: its blocks for the catalogue
    /// documents (in each syntax, in `syntaxes` order) and its own files.
    struct DescribedDataset: Sendable {
        struct Block: Sendable {
            var subject: RDFTerm
            /// A licence, format or page that every document describes once.
            var isShared: Bool
            var printed: [[UInt8]]
        }

        var blocks: [Block]
        var turtle: Data
        var jsonLD: Data
    }

    /// Each dataset's own description (`DCATGraphBuilder.build(datasetAt:)`)
    /// starts with the portal's themes and the dataset's department, the
    /// same nodes in every file: they are built and printed once per
    /// department, and each file adds only its dataset's nodes, the blocks
    /// the catalogue documents print too.
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

        func describe(datasetAt index: Int) -> DescribedDataset {
            let dataset = builder.catalog.datasets[index]
            guard let start = starts[dataset.organizationSlug] else { preconditionFailure("every department's start is made") }
            var graph = start.graph
            builder.describe(dataset, at: index, into: &graph)
            let shared = Set(graph.sharedSubjects)
            let page = builder.pageURL(dataset)
            let ownBlank = "d\(index)"
            func isOwn(_ subject: RDFTerm) -> Bool {
                switch subject {
                case .iri(let iri): iri.hasPrefix(page)
                case .blank(let label): label.hasPrefix(ownBlank)
                case .literal: false
                }
            }
            func block(_ description: RDFGraph.Description) -> DescribedDataset.Block {
                // A node named after the dataset's page is its own, printed with it in every document.
                DescribedDataset.Block(subject: description.subject,
                                       isShared: shared.contains(description.subject) && !isOwn(description.subject),
                                       printed: DCATExporter.syntaxes.map { $0.block(description) })
            }
            let ownCount = start.graph.descriptions.count
            var blocks = graph.descriptions[ownCount...].map(block)
            let addsToStart = zip(graph.descriptions, start.graph.descriptions).contains { $0.statements.count != $1.statements.count }
            guard addsToStart else {
                var turtle = start.turtle
                let sink = ByteSink()
                var document = JSONLDSerializer.document(namespaces: [], into: sink)
                for node in start.jsonLDNodes { document.append(printed: node) }
                for block in blocks {
                    turtle.append(contentsOf: block.printed[DCATExporter.turtle])
                    document.append(printed: block.printed[DCATExporter.jsonLD])
                }
                document.finish()
                return DescribedDataset(blocks: blocks, turtle: turtle, jsonLD: sink.data)
            }
            // Were the dataset to add to a node of the start (a theme, its
            // department), its file is printed whole, and the catalogue
            // documents get what it adds as one more block of that node.
            for (described, before) in zip(graph.descriptions, start.graph.descriptions) where described.statements.count != before.statements.count {
                var added = described
                added.statements = Array(described.statements.dropFirst(before.statements.count))
                var own = block(added)
                own.isShared = false
                blocks.append(own)
            }
            return DescribedDataset(blocks: blocks, turtle: TurtleSerializer().serialize(graph), jsonLD: JSONLDSerializer().serialize(graph))
        }
    }

    /// The three syntaxes, in the order the catalogue files are written, each
    /// with a printer of a document (its extra namespaces, its file's sink)
    /// and the block it prints for one subject.
    static let syntaxes: [(extension: String, printer: @Sendable ([RDFNamespace], ByteSink) -> any RDFDocumentPrinter,
                           block: @Sendable (RDFGraph.Description) -> [UInt8])] = [
        ("ttl", { TurtleSerializer().printer(namespaces: $0, into: $1) }, { TurtleSerializer().block($0) }),
        ("rdf", { RDFXMLSerializer().printer(namespaces: $0, into: $1) }, { RDFXMLSerializer().block($0) }),
        ("jsonld", { JSONLDSerializer().printer(namespaces: $0, into: $1) }, { JSONLDSerializer().block($0) }),
    ]

    /// Where Turtle and JSON-LD are in `syntaxes` (and in a block's `printed`): a dataset's own files.
    static let turtle = syntaxes.firstIndex { $0.extension == "ttl" }!
    static let jsonLD = syntaxes.firstIndex { $0.extension == "jsonld" }!

    /// Past `build.dcat_page_size` datasets, the catalogue is also published
    /// in pages (`catalog/page/<n>.ttl|rdf|jsonld`, n from 1) that a harvester
    /// fetches one after another, as CKAN and uData page theirs: each page is
    /// a `hydra:PartialCollectionView` with `hydra:first`, `last`, `next` and
    /// `previous` in its own syntax, and `hydra:totalItems` (all datasets)
    /// and `hydra:itemsPerPage`, which ckanext-dcat's harvester follows.
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
