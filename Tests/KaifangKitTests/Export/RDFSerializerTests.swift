import XCTest
@testable import KaifangKit

/// The three RDF syntaxes of one tiny hand-made graph, compared with the exact
/// text expected: escaping of quotes, backslashes, newlines, `<`, `&`, `]]>`,
/// Chinese and emoji in literals, blank nodes, language tags and datatypes.
final class RDFSerializerTests: XCTestCase {
    static let tricky = "引号\"反斜杠\\换行\n回车\r<b>&]]> 😀"

    static func graph() -> RDFGraph {
        var graph = RDFGraph()
        let dataset = RDFTerm.iri("https://x.cn/datasets/%E5%85%AC%E4%BA%A4/#dataset")
        graph.type(dataset, RDFNamespace.dcat("Dataset"))
        graph.add(dataset, RDFNamespace.dct("title"), .text(tricky, language: "zh-CN"))
        graph.add(dataset, RDFNamespace.dcat("keyword"), .text("公交", language: "zh-cn"))
        graph.add(dataset, RDFNamespace.dcat("keyword"), .text("站点", language: "zh-cn"))
        graph.add(dataset, RDFNamespace.dcat("keyword"), .text("站点", language: "zh-cn"))  // stored once
        graph.add(dataset, RDFNamespace.dct("issued"), .date(Day(year: 2024, month: 1, day: 5)))
        graph.add(dataset, RDFNamespace.dct("spatial"), .blank("d0spatial"))
        graph.type(.blank("d0spatial"), RDFNamespace.dct("Location"))
        graph.add(.blank("d0spatial"), RDFNamespace.skos("prefLabel"), .plain("a\u{1}b"))
        return graph
    }

    func testDuplicateTriplesAreStoredOnce() {
        XCTAssertEqual(Self.graph().tripleCount, 8)
    }

    func testTurtle() {
        let turtle = String(decoding: TurtleSerializer().serialize(Self.graph()), as: UTF8.self)
        XCTAssertEqual(turtle, Self.prefixes + #"""

        <https://x.cn/datasets/%E5%85%AC%E4%BA%A4/#dataset> a dcat:Dataset ;
            dct:title "引号\"反斜杠\\换行\n回车\r<b>&]]> 😀"@zh-cn ;
            dcat:keyword "公交"@zh-cn,
                "站点"@zh-cn ;
            dct:issued "2024-01-05"^^xsd:date ;
            dct:spatial _:d0spatial .

        _:d0spatial a dct:Location ;
            skos:prefLabel "ab" .

        """#)
    }

    func testRDFXML() {
        let xml = String(decoding: RDFXMLSerializer().serialize(Self.graph()), as: UTF8.self)
        XCTAssertEqual(xml, """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF
            xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
            xmlns:dcat="http://www.w3.org/ns/dcat#"
            xmlns:dct="http://purl.org/dc/terms/"
            xmlns:foaf="http://xmlns.com/foaf/0.1/"
            xmlns:skos="http://www.w3.org/2004/02/skos/core#"
            xmlns:vcard="http://www.w3.org/2006/vcard/ns#"
            xmlns:spdx="http://spdx.org/rdf/terms#"
            xmlns:xsd="http://www.w3.org/2001/XMLSchema#"
            xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
            xmlns:time="http://www.w3.org/2006/time#"
            xmlns:gsp="http://www.opengis.net/ont/geosparql#">
          <rdf:Description rdf:about="https://x.cn/datasets/%E5%85%AC%E4%BA%A4/#dataset">
            <rdf:type rdf:resource="http://www.w3.org/ns/dcat#Dataset"/>
            <dct:title xml:lang="zh-cn">引号"反斜杠\\换行
        回车&#13;&lt;b&gt;&amp;]]&gt; 😀</dct:title>
            <dcat:keyword xml:lang="zh-cn">公交</dcat:keyword>
            <dcat:keyword xml:lang="zh-cn">站点</dcat:keyword>
            <dct:issued rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-01-05</dct:issued>
            <dct:spatial rdf:nodeID="d0spatial"/>
          </rdf:Description>
          <rdf:Description rdf:nodeID="d0spatial">
            <rdf:type rdf:resource="http://purl.org/dc/terms/Location"/>
            <skos:prefLabel>ab</skos:prefLabel>
          </rdf:Description>
        </rdf:RDF>

        """)
    }

    func testJSONLD() {
        let jsonld = String(decoding: JSONLDSerializer().serialize(Self.graph()), as: UTF8.self)
        XCTAssertEqual(jsonld, #"""
        {
          "@context": {
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "spdx": "http://spdx.org/rdf/terms#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "time": "http://www.w3.org/2006/time#",
            "gsp": "http://www.opengis.net/ont/geosparql#"
          },
          "@graph": [
            {
              "@id": "https://x.cn/datasets/%E5%85%AC%E4%BA%A4/#dataset",
              "@type": [
                "dcat:Dataset"
              ],
              "dct:title": [
                {
                  "@value": "引号\"反斜杠\\换行\n回车\r<b>&]]> 😀",
                  "@language": "zh-cn"
                }
              ],
              "dcat:keyword": [
                {
                  "@value": "公交",
                  "@language": "zh-cn"
                },
                {
                  "@value": "站点",
                  "@language": "zh-cn"
                }
              ],
              "dct:issued": [
                {
                  "@value": "2024-01-05",
                  "@type": "xsd:date"
                }
              ],
              "dct:spatial": [
                {
                  "@id": "_:d0spatial"
                }
              ]
            },
            {
              "@id": "_:d0spatial",
              "@type": [
                "dct:Location"
              ],
              "skos:prefLabel": [
                {
                  "@value": "ab"
                }
              ]
            }
          ]
        }

        """#)
    }

    func testIRIsOutsideTheNamespacesAreWrittenInFullWithForbiddenCharactersEscaped() {
        XCTAssertEqual(TurtleSerializer.iri("http://publications.europa.eu/resource/authority/file-type/CSV"),
                       "<http://publications.europa.eu/resource/authority/file-type/CSV>")
        XCTAssertEqual(TurtleSerializer.iri("http://x.cn/a b<c>"), "<http://x.cn/a\\u0020b\\u003Cc\\u003E>")
        XCTAssertEqual(TurtleSerializer.iri(RDFNamespace.spdx("checksumAlgorithm_sha256")), "spdx:checksumAlgorithm_sha256")
        XCTAssertEqual(TurtleSerializer.iri(RDFNamespace.dct("1bad")), "<http://purl.org/dc/terms/1bad>")
    }

    static let prefixes = """
    @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
    @prefix dcat: <http://www.w3.org/ns/dcat#> .
    @prefix dct: <http://purl.org/dc/terms/> .
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
    @prefix spdx: <http://spdx.org/rdf/terms#> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix time: <http://www.w3.org/2006/time#> .
    @prefix gsp: <http://www.opengis.net/ont/geosparql#> .

    """
}
