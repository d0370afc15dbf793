/// The vocabularies the DCAT-AP export uses, with the prefixes all three
/// serializations declare. `dcat("Dataset")` spells a term's full IRI.
public struct RDFNamespace: Sendable, Hashable {
    public var prefix: String
    public var iri: String

    public func callAsFunction(_ local: String) -> String { iri + local }

    public static let rdf = RDFNamespace(prefix: "rdf", iri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    public static let dcat = RDFNamespace(prefix: "dcat", iri: "http://www.w3.org/ns/dcat#")
    public static let dct = RDFNamespace(prefix: "dct", iri: "http://purl.org/dc/terms/")
    public static let foaf = RDFNamespace(prefix: "foaf", iri: "http://xmlns.com/foaf/0.1/")
    public static let skos = RDFNamespace(prefix: "skos", iri: "http://www.w3.org/2004/02/skos/core#")
    public static let vcard = RDFNamespace(prefix: "vcard", iri: "http://www.w3.org/2006/vcard/ns#")
    public static let spdx = RDFNamespace(prefix: "spdx", iri: "http://spdx.org/rdf/terms#")
    public static let xsd = RDFNamespace(prefix: "xsd", iri: "http://www.w3.org/2001/XMLSchema#")
    public static let rdfs = RDFNamespace(prefix: "rdfs", iri: "http://www.w3.org/2000/01/rdf-schema#")
    public static let time = RDFNamespace(prefix: "time", iri: "http://www.w3.org/2006/time#")
    public static let gsp = RDFNamespace(prefix: "gsp", iri: "http://www.opengis.net/ont/geosparql#")

    /// Hydra's paging terms, used only by the pages of a large catalogue
    /// (which declare it through `RDFGraph.additionalNamespaces`).
    public static let hydra = RDFNamespace(prefix: "hydra", iri: "http://www.w3.org/ns/hydra/core#")

    /// In the order the files declare them.
    public static let all: [RDFNamespace] = [rdf, dcat, dct, foaf, skos, vcard, spdx, xsd, rdfs, time, gsp]
    /// Known but declared only by the graphs that use them: the whole catalogue stays as it was.
    static let additional: [RDFNamespace] = [hydra]

    public static let type = rdf("type")

    /// `prefix:local` for an IRI of a known vocabulary whose local part is a
    /// plain name (letters, digits, `_`, `-`, not starting with a digit or
    /// `-`): valid as a Turtle prefixed name, an XML QName and a JSON-LD
    /// compact IRI alike. Nil otherwise: the IRI is then written in full.
    public static func compact(_ iri: String) -> (namespace: RDFNamespace, local: String)? {
        // Byte comparison: `hasPrefix` compares Unicode characters, which is
        // slow on the hot path of three serializers.
        var iri = iri
        return iri.withUTF8 { bytes -> (namespace: RDFNamespace, local: String)? in
            // Every known vocabulary is under `http:`; the portal's own IRIs are mostly `https:`.
            guard bytes.count > 5, bytes[4] == UInt8(ascii: ":") else { return nil }
            for (namespace, prefix) in known where bytes.count > prefix.count && bytes.starts(with: prefix) {
                let local = UnsafeBufferPointer(rebasing: bytes[prefix.count...])
                if isPlainName(local) { return (namespace, String(decoding: local, as: UTF8.self)) }
            }
            return nil
        }
    }

    private static let known = (all + additional).map { ($0, Array($0.iri.utf8)) }

    static func isPlainName(_ text: some Collection<UInt8>) -> Bool {
        guard let first = text.first, isASCIILetter(first) || first == UInt8(ascii: "_") else { return false }
        return text.allSatisfy { isASCIILetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
