import Foundation
import XCTest
@testable import KaifangKit

/// The split search index: what one query fetches stays small on a large
/// catalogue, and the shards rank exactly as `SearchRanking` does.
final class SearchShardsTests: XCTestCase {
    /// The budget of the issue: one query on a large portal fetches at most this (uncompressed).
    static let budget = 300 * 1024

    func testEveryOneAndTwoCharacterQueryFindsAndRanksExactlyAsSearchRanking() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        let shards = Shards(catalog)
        let documents = SyntheticCatalog.documents(catalog)
        var queries = Set<String>()
        for dataset in catalog.datasets.prefix(60) {
            let title = Array(SearchTokenizer.normalize(dataset.title).unicodeScalars)
            for start in title.indices {
                queries.insert(String(String.UnicodeScalarView(title[start...start])))
                if start + 1 < title.count { queries.insert(String(String.UnicodeScalarView(title[start...start + 1]))) }
            }
        }
        queries.formUnion(["数据", "山东", "统计", "cs", "济南 公交", "交通 20", "年 济"])
        let answerable = queries.filter { query in
            let terms = SearchTokenizer.terms(query)
            return !terms.isEmpty && terms.allSatisfy { $0.unicodeScalars.count <= 2 }
        }
        XCTAssertGreaterThan(answerable.count, 100)
        for query in answerable.sorted() {
            XCTAssertEqual(try shards.rank(query), SearchRanking.rank(documents, query: query), query)
        }
    }

    func testOneQueryOnTenThousandDatasetsFetchesAtMost300KB() throws {
        let catalog = SyntheticCatalog.make(datasets: 10_000)
        let shards = Shards(catalog)
        XCTAssertGreaterThan(shards.shardCount, 20, "the index is split")
        var queries = ["公交", "数据", "山东", "济南", "统计", "信用", "企业名录", "济南 公交", "2023", "csv", "交"]
        for dataset in catalog.datasets.prefix(200) {
            let title = Array(dataset.title)
            queries.append(String(title[2...3]))
        }
        var worst = (query: "", bytes: 0)
        for query in queries {
            let bytes = try shards.bytesFetched(query, firstResults: 50)
            if bytes > worst.bytes { worst = (query, bytes) }
            XCTAssertLessThanOrEqual(bytes, Self.budget, "\(query): \(bytes) bytes")
        }
        // The whole index, for comparison, is ten times the budget.
        XCTAssertGreaterThan(shards.wholeIndexBytes, 2 * Self.budget)
        print("search shards, 10,000 datasets: \(shards.shardCount) shards, largest \(shards.largestShard) B, " +
              "worst query \(worst.query) \(worst.bytes) B, whole index.json \(shards.wholeIndexBytes) B")
    }

    func testAGramInMostDatasetsIsSplitIntoPartsInRankOrderThatRankExactly() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        let shards = Shards(catalog, partLimit: 1024)
        let documents = SyntheticCatalog.documents(catalog)
        XCTAssertTrue(shards.files.keys.contains("search/parts/0-0.json"), "no gram was split")
        for query in ["数据", "山东", "市", "济南", "cs", "年 济"] {
            XCTAssertEqual(try shards.rank(query), SearchRanking.rank(documents, query: query), query)
        }
        // The first part of a split gram is the start of the ranking.
        let split = try XCTUnwrap(shards.splitEntry("山东"))
        let parts = try XCTUnwrap(split["parts"] as? [Int])
        XCTAssertGreaterThan(parts.count, 1)
        XCTAssertEqual(split["count"] as? Int, SearchRanking.rank(documents, query: "山东").count)
        let first = try shards.part(try XCTUnwrap(split["file"] as? Int), 0)
        XCTAssertEqual(first, Array(SearchRanking.rank(documents, query: "山东").prefix(parts[0])))
        // Its facet counts are those of all its datasets.
        let facets = CatalogFacets(catalog: catalog) { $0 }
        let themeCounts = try XCTUnwrap((split["facets"] as? [String: Any])?["theme"] as? [Int])
        XCTAssertEqual(themeCounts, facets.values(.theme).map(\.datasets.count))
    }

    /// One round trip draws the first screen: every gram's first results in
    /// rank order have their card (the fields a result shows) in the gram's shard.
    func testEachGramsFirstResultsHaveTheirCardsInTheGramsShard() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        for shards in [Shards(catalog), Shards(catalog, partLimit: 1024)] {
            var checked = 0
            for (path, data) in shards.files where path.hasPrefix("search/grams/") {
                let shard = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
                let cards = try XCTUnwrap(shard[SearchShards.cardsKey] as? [String: [String]], path)
                for gram in shard.keys where gram != SearchShards.cardsKey {
                    let ranked = try shards.gram(gram).sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.map(\.key)
                    let firsts = Array(ranked.prefix(SearchShards.firstCards))
                    XCTAssertFalse(firsts.isEmpty, gram)
                    for position in firsts {
                        let record = try XCTUnwrap(shards.json("search/docs/\(position).json") as? [Any])
                        let card = try XCTUnwrap(cards[String(position)], "\(gram): no card for \(position) in \(path)")
                        XCTAssertEqual(card, [0, 1, 2, 4, 11].map { record[$0] as? String ?? "?" }, "\(gram) \(position)")
                        checked += 1
                    }
                    // A split gram names those first results itself, with their classes.
                    if let split = shard[gram] as? [String: Any] {
                        let top = try XCTUnwrap(split["top"] as? [Any])
                        let named = try shards.decode(top).sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.map(\.key)
                        XCTAssertEqual(named, firsts, gram)
                    }
                }
                // Only first results are carried.
                XCTAssertLessThanOrEqual(cards.count, (shard.count - 1) * SearchShards.firstCards)
            }
            XCTAssertGreaterThan(checked, 1000)
        }
    }

    /// A longer term whose first pair is in most datasets bounds its score by
    /// where that pair starts a title: one small file of positions, not the parts.
    func testASplitGramListsTheTitlesItStartsInAFileOfItsOwn() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        // Parts small enough that city names (the start of every title here) are split.
        let shards = Shards(catalog, partLimit: 128)
        var lists = 0
        for gram in ["济南", "山东", "20", "数据", "公交", "济"] {
            guard let split = try shards.splitEntry(gram) else { continue }
            let file = try XCTUnwrap(split["file"] as? Int)
            let want = Set(catalog.datasets.indices.filter {
                SearchTokenizer.normalize(catalog.displayTitle(catalog.datasets[$0]).text).hasPrefix(gram)
            })
            guard split["starts"] != nil else {
                XCTAssertTrue(want.isEmpty, "\(gram) starts titles but has no list")
                continue
            }
            let list = try XCTUnwrap(shards.json("search/parts/\(file)-starts.json") as? [Any])
            let found = Set(try Shards.positions(try XCTUnwrap(list[1] as? String), width: 0))
            XCTAssertEqual(found, want, gram)
            XCTAssertEqual(list[0] as? Int, want.count)
            lists += want.isEmpty ? 0 : 1
        }
        XCTAssertGreaterThan(lists, 0, "no split gram starts a title")
    }

    /// Ticking one value that most datasets have reads only the part of its
    /// list the page needs; the head file gives the count and facet counts.
    func testAFacetValueMostDatasetsHaveIsInPartsWithItsFacetCounts() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        let shards = Shards(catalog, partLimit: 256)
        let facets = CatalogFacets(catalog: catalog) { $0 }
        var split = 0
        for kind in CatalogFacets.Kind.allCases {
            for (number, value) in facets.values(kind).enumerated() where !value.datasets.isEmpty {
                let path = "search/values/\(kind.parameter)/\(number)"
                let head = try shards.json(path + ".json")
                if let list = head as? [Any] {
                    XCTAssertEqual(try shards.decode([list[0], list[1], "", "", "", "", ""]).keys.sorted(), value.datasets.sorted())
                    continue
                }
                let entry = try XCTUnwrap(head as? [String: Any])
                let sizes = try XCTUnwrap(entry["parts"] as? [Int])
                XCTAssertGreaterThan(sizes.count, 1, path)
                var inOrder: [Int] = []
                for (index, size) in sizes.enumerated() {
                    let list = try XCTUnwrap(shards.json(path + "-\(index).json") as? [Any])
                    let part = try shards.decode([list[0], list[1], "", "", "", "", ""]).keys.sorted()
                    XCTAssertEqual(part.count, size)
                    if let last = inOrder.last, let first = part.first { XCTAssertLessThan(last, first, "parts in catalogue order") }
                    inOrder += part
                }
                XCTAssertEqual(inOrder, value.datasets.sorted())
                XCTAssertEqual(entry["count"] as? Int, value.datasets.count)
                let counts = try XCTUnwrap(entry["facets"] as? [String: [Int]])
                for other in CatalogFacets.Kind.allCases {
                    let want = facets.values(other).indices.map { index in
                        other == kind ? facets.values(other)[index].datasets.count
                            : value.datasets.filter { (facets.positions[$0][other] ?? []).contains(index) }.count
                    }
                    XCTAssertEqual(counts[other.parameter], want, "\(path) \(other.parameter)")
                }
                split += 1
            }
        }
        XCTAssertGreaterThan(split, 0, "no value was split")
    }

    /// What lets a query of several terms and filters read little: each split
    /// gram's class for every dataset, and, for a split gram or a value in
    /// parts that few datasets lack, those few with their facet codes.
    func testLargeSetsCarryEveryDatasetsClassAndTheFewTheyLeaveOut() throws {
        let catalog = SyntheticCatalog.make(datasets: 400)
        let shards = Shards(catalog, partLimit: 1024)
        let facets = CatalogFacets(catalog: catalog) { $0 }
        let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var checked = 0, complements = 0, paired = 0
        for (path, data) in shards.files where path.hasPrefix("search/grams/") {
            let shard = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            for (gram, value) in shard {
                guard gram != SearchShards.cardsKey, let split = value as? [String: Any] else { continue }
                let file = try XCTUnwrap(split["file"] as? Int)
                let want = try shards.gram(gram)
                guard split["classes"] as? Int == 1 else {
                    XCTAssertNil(shards.files["search/parts/\(file)-classes.json"])
                    XCTAssertLessThanOrEqual(want.count * (shards.codeWidth + 2), (catalog.datasets.count + 1) / 2, "\(gram): no classes")
                    continue
                }
                let dense = try XCTUnwrap(shards.json("search/parts/\(file)-classes.json") as? [Any])
                XCTAssertEqual(dense[0] as? Int, want.count)
                let text = Array(try XCTUnwrap(dense[1] as? String))
                XCTAssertEqual(text.count, (catalog.datasets.count + 1) / 2)
                for position in catalog.datasets.indices {
                    let digit = try XCTUnwrap(digits.firstIndex(of: text[position / 2]))
                    let state = position % 2 == 0 ? digit / 7 : digit % 7
                    XCTAssertEqual(state, want[position] ?? 6, "\(gram) at \(position)")
                }
                let missing = catalog.datasets.indices.filter { want[$0] == nil }
                if split["with"] as? Int == 1 {
                    // Its counts with every facet value in parts, as counted from the catalogue.
                    let pairs = try XCTUnwrap(shards.json("search/parts/\(file)-with.json") as? [String: [String: Any]])
                    var large = 0
                    for kind in CatalogFacets.Kind.allCases {
                        for (number, value) in facets.values(kind).enumerated() where value.datasets.count * (shards.codeWidth + 2) > 1024 {
                            let pair = try XCTUnwrap(pairs["\(kind.parameter)/\(number)"], "\(gram) \(kind.parameter)/\(number)")
                            let both = value.datasets.filter { want[$0] != nil }
                            XCTAssertEqual(pair["count"] as? Int, both.count)
                            let counts = try XCTUnwrap(pair["facets"] as? [String: [Int]])
                            for other in CatalogFacets.Kind.allCases {
                                XCTAssertEqual(counts[other.parameter], facets.values(other).indices.map { index in
                                    both.filter { (facets.positions[$0][other] ?? []).contains(index) }.count
                                }, "\(gram) with \(kind.parameter)/\(number): \(other.parameter)")
                            }
                            large += 1
                        }
                    }
                    XCTAssertEqual(pairs.count, large)
                    paired += 1
                }
                if let count = split["without"] as? Int {
                    let list = try XCTUnwrap(shards.json("search/parts/\(file)-without.json") as? [Any])
                    XCTAssertEqual(count, missing.count)
                    XCTAssertEqual(try Shards.positions(try XCTUnwrap(list[1] as? String), width: shards.codeWidth), missing)
                    complements += 1
                } else {
                    XCTAssertNil(shards.files["search/parts/\(file)-without.json"])
                    XCTAssertTrue(missing.count >= want.count || missing.count * (shards.codeWidth + 2) > 1024,
                                  "\(gram): few lack it, yet no list of them")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 3, "split grams checked")
        XCTAssertGreaterThan(complements, 0, "no split gram names the datasets without it")
        XCTAssertGreaterThan(paired, 0, "no split gram has counts with the values in parts")
        // A value in parts that few datasets lack names them, with their codes.
        let values = Shards(catalog, partLimit: 256)
        var named = 0
        for kind in CatalogFacets.Kind.allCases {
            for (number, value) in facets.values(kind).enumerated() {
                let path = "search/values/\(kind.parameter)/\(number)"
                guard let head = try? values.json(path + ".json") as? [String: Any] else { continue }
                let missing = catalog.datasets.indices.filter { !value.datasets.contains($0) }
                let members = try XCTUnwrap(values.json(path + "-members.json") as? [Any])
                XCTAssertEqual(head["members"] as? Int, 1)
                XCTAssertEqual(members[0] as? Int, value.datasets.count)
                let bits = Array(try XCTUnwrap(members[1] as? String))
                XCTAssertEqual(bits.count, (catalog.datasets.count + 5) / 6)
                let have = try catalog.datasets.indices.filter { position in
                    try XCTUnwrap(digits.firstIndex(of: bits[position / 6])) >> (position % 6) & 1 == 1
                }
                XCTAssertEqual(have, value.datasets.sorted(), path)
                // Its counts with every value in parts.
                XCTAssertEqual(head["with"] as? Int, 1)
                let pairs = try XCTUnwrap(values.json(path + "-with.json") as? [String: [String: Any]])
                for other in CatalogFacets.Kind.allCases {
                    for (index, large) in facets.values(other).enumerated() where large.datasets.count * (values.codeWidth + 2) > 256 {
                        let both = Set(value.datasets).intersection(large.datasets)
                        let pair = try XCTUnwrap(pairs["\(other.parameter)/\(index)"])
                        XCTAssertEqual(pair["count"] as? Int, both.count, "\(path) with \(other.parameter)/\(index)")
                        let counts = try XCTUnwrap(pair["facets"] as? [String: [Int]])
                        XCTAssertEqual(counts[CatalogFacets.Kind.organization.parameter], facets.values(.organization).indices.map { org in
                            both.filter { (facets.positions[$0][.organization] ?? []).contains(org) }.count
                        })
                    }
                }
                guard let count = head["without"] as? Int else {
                    XCTAssertTrue(missing.count >= value.datasets.count || missing.count * (values.codeWidth + 2) > 256, path)
                    continue
                }
                let list = try XCTUnwrap(values.json(path + "-without.json") as? [Any])
                XCTAssertEqual(count, missing.count)
                XCTAssertEqual(try Shards.positions(try XCTUnwrap(list[1] as? String), width: values.codeWidth), missing, path)
                named += 1
            }
        }
        XCTAssertGreaterThan(named, 0, "no value in parts names the datasets without it")
        // Themes and formats: each combination that occurs, counted with its facet counts.
        let sets = try XCTUnwrap(values.meta["sets"] as? [String: [[Int]]])
        for kind in [CatalogFacets.Kind.theme, .format] {
            let combinations = try XCTUnwrap(sets[kind.parameter])
            let heads = try XCTUnwrap(values.json("search/values/\(kind.parameter)/sets.json") as? [[String: Any]])
            XCTAssertEqual(heads.count, combinations.count)
            for (combination, head) in zip(combinations, heads) {
                let members = catalog.datasets.indices.filter { (facets.positions[$0][kind] ?? []).sorted() == combination }
                XCTAssertFalse(members.isEmpty, "a combination that occurs")
                XCTAssertEqual(head["count"] as? Int, members.count)
                let counts = try XCTUnwrap(head["facets"] as? [String: [Int]])
                for other in CatalogFacets.Kind.allCases {
                    let want = facets.values(other).indices.map { index in
                        members.filter { (facets.positions[$0][other] ?? []).contains(index) }.count
                    }
                    XCTAssertEqual(counts[other.parameter], want, "\(kind.parameter) \(combination) \(other.parameter)")
                }
            }
        }
    }

    /// Every character and every pair of neighbours not split by white
    /// space, each once, whatever the mix of spaces, ideographs and pairs.
    func testGramsAreEveryCharacterAndEveryPairWithinAWord() {
        func grams(_ text: String) -> Set<String> {
            var out = Set<String>()
            SearchShards.forEachGram(text) { out.insert($0) }
            return out
        }
        XCTAssertEqual(grams("公交 线路a"), ["公", "交", "公交", "线", "路", "a", "线路", "路a"])
        XCTAssertEqual(grams(" \u{3000}"), [])
        let pieces = ["公", "交", "a", "1", " ", "\u{3000}", "\t", "😀", "e\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let text = (0..<Int.random(in: 0...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let scalars = Array(text.unicodeScalars)
            var expected = Set<String>()
            for (index, scalar) in scalars.enumerated() where !scalar.properties.isWhitespace {
                expected.insert(String(scalar))
                if index + 1 < scalars.count, !scalars[index + 1].properties.isWhitespace {
                    expected.insert(String(scalar) + String(scalars[index + 1]))
                }
            }
            XCTAssertEqual(grams(text), expected, "\(scalars.map { String($0.value, radix: 16) })")
        }
    }

    func testTheSplitIndexIsByteIdenticalOnRebuild() {
        let catalog = SyntheticCatalog.make(datasets: 300)
        XCTAssertEqual(Shards(catalog).files, Shards(catalog).files)
    }
}

/// The shards of a catalogue, read back as search.js reads them.
struct Shards {
    let files: [String: Data]
    let meta: [String: Any]
    let shardCount: Int
    let codeWidth: Int
    let wholeIndexBytes: Int
    let largestShard: Int

    init(_ catalog: Catalog, partLimit: Int = SearchShards.defaultPartLimit) {
        let facets = CatalogFacets(catalog: catalog) { $0 }
        var files: [String: Data] = [:]
        for artifact in SearchShards(catalog: catalog, facets: facets, partLimit: partLimit, facetTitle: { $0.parameter }).artifacts() {
            if case .bytes(let data) = artifact.contents { files[artifact.path] = data }
        }
        self.files = files
        meta = (try? JSONSerialization.jsonObject(with: files["search/meta.json"] ?? Data())) as? [String: Any] ?? [:]
        shardCount = meta["shards"] as? Int ?? 0
        codeWidth = (meta["code"] as? [[Any]] ?? []).reduce(0) { $0 + ($1[1] as? Int ?? 0) }
        if case .bytes(let data) = SearchIndexBuilder(catalog: catalog, facets: facets, facetTitle: { $0.parameter }).artifact().contents {
            wholeIndexBytes = data.count
        } else {
            wholeIndexBytes = 0
        }
        largestShard = files.filter { $0.key.hasPrefix("search/grams/") }.map(\.value.count).max() ?? 0
    }

    func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: XCTUnwrap(files[path], path))
    }

    static let last = Array("0123456789ABCDEFGHIJKLMNOPQRSTUV")
    static let more = Array("WXYZabcdefghijklmnopqrstuvwxyz-_")

    func splitEntry(_ gram: String) throws -> [String: Any]? {
        let shard = try XCTUnwrap(json("search/grams/\(SearchShards.shard(of: gram, count: shardCount)).json") as? [String: Any])
        return shard[gram] as? [String: Any]
    }

    /// The positions of one part of a split gram, in its order (class, then position).
    func part(_ file: Int, _ number: Int) throws -> [Int] {
        let posting = try XCTUnwrap(json("search/parts/\(file)-\(number).json") as? [Any])
        return try decode(posting).sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Dataset position → class, for one gram (empty when no dataset has it).
    func gram(_ gram: String) throws -> [Int: Int] {
        let shard = try XCTUnwrap(json("search/grams/\(SearchShards.shard(of: gram, count: shardCount)).json") as? [String: Any])
        if let split = shard[gram] as? [String: Any] {
            var out: [Int: Int] = [:]
            let file = try XCTUnwrap(split["file"] as? Int)
            for number in (split["parts"] as? [Int] ?? []).indices {
                let posting = try XCTUnwrap(json("search/parts/\(file)-\(number).json") as? [Any])
                out.merge(try decode(posting)) { a, _ in a }
            }
            XCTAssertEqual(out.count, split["count"] as? Int, gram)
            return out
        }
        guard let posting = shard[gram] as? [Any] else { return [:] }
        return try decode(posting)
    }

    func decode(_ posting: [Any]) throws -> [Int: Int] {
        var out: [Int: Int] = [:]
        for match in 0..<6 {
            for id in try Self.positions(try XCTUnwrap(posting[match + 1] as? String), width: codeWidth) { out[id] = match }
        }
        XCTAssertEqual(out.count, posting[0] as? Int)
        return out
    }

    /// Delta-coded positions, each followed by `width` characters (a facet code, or none).
    static func positions(_ string: String, width: Int) throws -> [Int] {
        let text = Array(string)
        var out: [Int] = [], at = 0, id = -1
        while at < text.count {
            var value = 0
            while let digit = more.firstIndex(of: text[at]) { value = value * 32 + digit; at += 1 }
            value = value * 32 + (try XCTUnwrap(last.firstIndex(of: text[at])))
            at += 1 + width
            id += value + 1
            out.append(id)
        }
        return out
    }

    static func grams(_ term: String) -> [String] {
        let scalars = Array(term.unicodeScalars)
        if scalars.count <= 2 { return [term] }
        return (0..<scalars.count - 1).map { String(String.UnicodeScalarView(scalars[$0...$0 + 1])) }
    }

    /// The ranking from the shards alone, for queries whose terms have one or
    /// two characters (longer terms are checked against the records in search.js).
    func rank(_ query: String) throws -> [Int] {
        let scores = (meta["classes"] as? [Int]) ?? []
        var total: [Int: Int]?
        for term in SearchTokenizer.terms(query) {
            precondition(term.unicodeScalars.count <= 2)
            let found = try gram(term)
            var next: [Int: Int] = [:]
            for (id, match) in found {
                if let sum = total { if let before = sum[id] { next[id] = before + scores[match] } } else { next[id] = scores[match] }
            }
            total = next
        }
        return (total ?? [:]).sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Bytes a query fetches: meta.json, the shards of its grams, the records of the first results.
    func bytesFetched(_ query: String, firstResults: Int) throws -> Int {
        var paths: Set<String> = ["search/meta.json"]
        let queryTerms = SearchTokenizer.terms(query)
        if queryTerms.count == 1, Self.grams(queryTerms[0]).count == 1, let split = try splitEntry(queryTerms[0]) {
            paths.insert("search/grams/\(SearchShards.shard(of: queryTerms[0], count: shardCount)).json")
            let file = try XCTUnwrap(split["file"] as? Int)
            var ids: [Int] = [], number = 0
            while ids.count < firstResults, number < (split["parts"] as? [Int] ?? []).count {
                paths.insert("search/parts/\(file)-\(number).json")
                ids += try part(file, number)
                number += 1
            }
            for id in ids.prefix(firstResults) { paths.insert("search/docs/\(id).json") }
            return try paths.reduce(0) { $0 + (try XCTUnwrap(files[$1], $1)).count }
        }
        var candidates: Set<Int>?
        for term in SearchTokenizer.terms(query) {
            var ids: Set<Int>?
            for gram in Self.grams(term) {
                paths.insert("search/grams/\(SearchShards.shard(of: gram, count: shardCount)).json")
                let found = Set(try self.gram(gram).keys)
                ids = ids.map { $0.intersection(found) } ?? found
            }
            candidates = candidates.map { $0.intersection(ids ?? []) } ?? ids
        }
        for id in (candidates ?? []).sorted().prefix(firstResults) { paths.insert("search/docs/\(id).json") }
        return try paths.reduce(0) { $0 + (try XCTUnwrap(files[$1], $1)).count }
    }
}

/// A deterministic catalogue shaped like `shared/bench/gen-corpus`'s: city +
/// topic titles, 40 departments, 10 themes, keywords, a description excerpt
/// and field names, in any size.
enum SyntheticCatalog {
    static let cities = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽"]
    static let topics = ["公交线路及站点", "户籍人口统计", "企业名录", "医疗机构名录", "空气质量监测", "旅游景区名录", "农产品价格",
                         "道路运输许可", "学校名录", "建设工程招标公告", "信用评价结果", "专精特新中小企业名单", "养老机构名录",
                         "停车场信息", "充电桩分布", "水质监测", "药品零售企业", "社会组织登记", "不动产登记", "文物保护单位"]
    static let themes = ["credit", "public-resource-trading", "investment", "prices", "natural-persons", "legal-persons",
                         "energy", "geospatial", "transport", "tourism"]
    static let excerpts = ["截至2025年6月，数据集共收录记录约20836条，覆盖全部县（市、区）。",
                           "数据来源于省级政务信息资源共享交换平台，经过清洗比对和质量核验，不含个人隐私信息。",
                           "根据《山东省电子政务和政务数据管理办法》，涉及国家秘密、商业秘密和个人隐私的数据项已按规定予以删除或脱敏。"]
    static let fields = ["单位名称 统一社会信用代码 登记机关", "站点名称 经度 纬度", "年份 地区 行政区划代码", ""]

    static func make(datasets count: Int) -> Catalog {
        let organizations = (0..<40).map { number in
            Organization(slug: "org\(number)", name: "山东省第\(number)厅", code: nil, homepage: nil, email: nil, phone: nil,
                         address: nil, descriptionMarkdown: "", sourceFile: "organizations/org\(number).md")
        }
        var site = ExportTestCatalog.site()
        site.themes = themes.map { Theme(slug: $0, title: $0, description: "", euTheme: nil) }
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let datasets = (0..<count).map { number -> Dataset in
            let city = cities[next(cities.count)], topic = topics[next(topics.count)], year = 2018 + next(7)
            let formats = ["CSV", "XLSX", "API", "JSON", "PDF"]
            var resource = ExportTestCatalog.apiResource
            resource.format = formats[next(formats.count)]
            resource.schema = fields[next(fields.count)].split(separator: " ").map {
                SchemaField(name: String($0), type: "string", description: nil, unit: nil)
            }
            var dataset = Dataset(
                id: "370000-T-\(number)", slug: "d\(number)", title: "\(city)市\(topic)（\(year)年）", descriptionMarkdown: "",
                organizationSlug: "org\(next(40))", themeSlugs: [themes[next(themes.count)]], keywords: [String(topic.prefix(2)), city + "市", "\(year)年"],
                openType: next(10) == 0 ? .conditional : .open, shareType: .unconditional,
                updateFrequency: UpdateFrequency.allCases[next(UpdateFrequency.allCases.count)],
                issued: Day(year: 2024, month: 1, day: 15), modified: Day(year: 2024, month: 1 + next(12), day: 1 + next(28)),
                license: nil, contact: nil, spatial: city, temporal: nil, resources: [resource], sourceFile: "datasets/d\(number).md")
            dataset.descriptionText = excerpts[next(excerpts.count)]
            return dataset
        }
        return Catalog(site: site, datasets: datasets, organizations: organizations, pages: [],
                       buildDay: Day(year: 2025, month: 1, day: 1), publishedFiles: [])
    }

    /// The ranking documents of a catalogue, as search/index.json gives them to the browser.
    static func documents(_ catalog: Catalog) -> [SearchRanking.Document] {
        let facets = CatalogFacets(catalog: catalog) { $0 }
        return catalog.datasets.enumerated().map { index, dataset in
            let organization = facets.positions[index][.organization]?.first.map { facets.values(.organization)[$0].label } ?? ""
            return SearchRanking.Document(title: dataset.title, keywords: dataset.keywords,
                                          description: SearchIndexBuilder.excerpt(dataset.descriptionSummary),
                                          organization: organization, fields: SearchIndexBuilder.fieldNames(dataset))
        }
    }
}

final class SearchExcerptTests: XCTestCase {
    func testTheExcerptIsTheStartOfTheWordsJoinedBySingleSpaces() {
        func joinedThenCut(_ text: String) -> String {
            String(text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").prefix(SearchIndexBuilder.excerptLength))
        }
        let texts = ["", "   ", "一句话。", "  leading and   trailing  \n", String(repeating: "交通 ", count: 40),
                     String(repeating: "a", count: 59) + " b", String(repeating: "a", count: 59) + "\n\nbc", String(repeating: "长", count: 80),
                     "e\u{301} combining\u{3000}ideographic space\tand tab"]
        for text in texts { XCTAssertEqual(SearchIndexBuilder.excerpt(text), joinedThenCut(text), text) }
    }
}
