/// Prints one RDF document a part of its graph at a time
/// (`DCATGraphBuilder.parts`): the head when made, each part as it comes,
/// the tail at `finish()`. The DCAT exporter holds one per syntax, so each
/// part is built once and printed in all three.
public protocol RDFDocumentPrinter: AnyObject {
    func print(_ graph: RDFGraph)
    /// One subject's block as its syntax's `block(_:)` printed it, which
    /// `print(_:)` would have printed for that subject.
    func append(block: [UInt8])
    func finish()
}

extension RDFDocumentPrinter {
    /// The document whose graph `parts` hands over a part at a time.
    func print(parts: ((RDFGraph) -> Void) -> Void) {
        parts { print($0) }
        finish()
    }
}
