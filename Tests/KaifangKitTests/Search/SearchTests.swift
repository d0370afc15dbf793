import XCTest
@testable import KaifangKit

final class SearchTokenizerTests: XCTestCase {
    func testTermsSplitAtSpacesAndChinesePunctuationAndFoldWidthAndCase() {
        XCTAssertEqual(SearchTokenizer.terms("公交，线路　ＣＳＶ Bus  公交"), ["公交", "线路", "csv", "bus"])
        XCTAssertEqual(SearchTokenizer.terms("  "), [])
        XCTAssertEqual(SearchTokenizer.terms("CC-BY-4.0"), ["cc-by-4.0"])
    }

    func testBigramsOverlapAndASingleCharacterIsItsOwnGram() {
        XCTAssertEqual(SearchTokenizer.bigrams("公交线路"), ["公交", "交线", "线路"])
        XCTAssertEqual(SearchTokenizer.bigrams("路"), ["路"])
        XCTAssertEqual(SearchTokenizer.bigrams("A1"), ["a1"])
    }
}

final class SearchRankingTests: XCTestCase {
    let documents = [
        SearchRanking.Document(title: "济南市公交站点", keywords: ["交通"], description: "公交站点的位置。", organization: "交通运输厅", fields: "站点名称"),
        SearchRanking.Document(title: "道路运输许可", keywords: ["公交", "客运"], description: "许可信息。", organization: "交通运输厅", fields: ""),
        SearchRanking.Document(title: "出行统计", keywords: ["出行"], description: "含公交客运量。", organization: "统计局", fields: ""),
        SearchRanking.Document(title: "公交线路", keywords: [], description: "", organization: "交通运输厅", fields: ""),
        SearchRanking.Document(title: "企业名录", keywords: [], description: "", organization: "市场监管局", fields: "公交企业标识"),
    ]

    func testTitleOutranksKeywordOutranksDescriptionOutranksFieldNames() {
        // 公交线路 starts with the term: first; then the other title match, keyword, description, field name.
        XCTAssertEqual(SearchRanking.rank(documents, query: "公交"), [3, 0, 1, 2, 4])
    }

    func testEveryTwoCharacterFragmentOfATitleFindsIt() {
        for (index, document) in documents.enumerated() {
            for gram in SearchTokenizer.bigrams(document.title) {
                XCTAssertTrue(SearchRanking.rank(documents, query: gram).contains(index), "\(gram) should find \(document.title)")
            }
        }
    }

    func testEveryTermMustMatchSomewhere() {
        XCTAssertEqual(SearchRanking.rank(documents, query: "公交 站点"), [0])
        XCTAssertEqual(SearchRanking.rank(documents, query: "公交 医院"), [])
        XCTAssertEqual(SearchRanking.rank(documents, query: "客运 许可"), [1])
    }

    func testAnEmptyQueryKeepsCatalogueOrder() {
        XCTAssertEqual(SearchRanking.rank(documents, query: ""), [0, 1, 2, 3, 4])
    }
}

final class SearchIndexTests: XCTestCase {
    func testTheIndexHasFacetTablesAndOneCompactRecordPerDataset() throws {
        let catalog = ExportTestCatalog.mixed()
        let facets = CatalogFacets(catalog: catalog) { $0 }
        let artifact = SearchIndexBuilder(catalog: catalog, facets: facets) { $0.parameter }.artifact()
        XCTAssertEqual(artifact.path, "search/index.json")
        guard case .bytes(let data) = artifact.contents else { return XCTFail("no bytes") }
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let records = try XCTUnwrap(json["datasets"] as? [[Any]])
        XCTAssertEqual(records.count, catalog.datasets.count)
        let first = records[0]
        XCTAssertEqual(first[0] as? String, "公交站点位置")
        XCTAssertEqual(first[1] as? String, "公交 站点")
        XCTAssertEqual(first[3] as? String, "stop_id")
        XCTAssertEqual(first[4] as? String, "%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9")
        let tables = try XCTUnwrap(json["facets"] as? [String: Any])
        let formats = try XCTUnwrap((tables["format"] as? [String: Any])?["values"] as? [[String]])
        XCTAssertEqual(formats.first, ["csv", "CSV"])
        XCTAssertEqual(first[7] as? [Int], [0, formats.firstIndex(of: ["api", "API"])!])
        // Deterministic: the same catalogue gives the same bytes.
        let again = SearchIndexBuilder(catalog: catalog, facets: CatalogFacets(catalog: catalog) { $0 }) { $0.parameter }.artifact()
        guard case .bytes(let second) = again.contents else { return XCTFail() }
        XCTAssertEqual(data, second)
    }

    func testFacetsCountEachDatasetOncePerValueAndPutStaticPagesOutsideDatasetDepth() {
        let catalog = ExportTestCatalog.mixed()
        let facets = CatalogFacets(catalog: catalog) { $0 }
        XCTAssertEqual(facets.values(.format).first?.datasets, [0, 1, 2])
        XCTAssertEqual(facets.values(.openType).map { $0.datasets.count }, [2, 1])
        XCTAssertEqual(CatalogFacets.Kind.format.folder("csv"), "facets/format/csv/")
        XCTAssertEqual(CatalogFacets.Kind.license.folder(CatalogFacets.slug("CC-BY-4.0")), "facets/license/cc-by-4-0/")
        for kind in CatalogFacets.Kind.allCases where kind.hasFacetPages {
            XCTAssertFalse(kind.folder("x").hasPrefix("datasets/"))
        }
    }
}
