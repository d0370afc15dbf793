import Foundation

/// The search index split so that one query fetches only what it needs
/// (the Pagefind idea for a static site), for `Public/assets/search.js`:
///
/// - `search/meta.json`: the facet tables, the whole catalogue's facet
///   counts, how the shards are addressed and how a dataset's facet code
///   is read. Loaded once.
/// - `search/grams/<n>.json`: `{gram: [count, class 0, …, class 5]}` for
///   the character grams (every single character and every pair of
///   neighbouring characters of the searchable text) whose hash falls in
///   shard `n`. Each class string lists the datasets whose best field for
///   the gram is that class (see `Match`), in catalogue order, each as a
///   delta-coded position followed by its fixed-width facet code, so results
///   can be ranked, filtered and counted without any other file. The shard
///   also carries, under `records`, the result cards of each gram's first
///   `firstCards` datasets, so a query's first screen needs no other file.
/// - `search/parts/<n>-<k>.json`: a gram in many datasets, in rank order and
///   in parts; its shard entry keeps the count, facet counts and first
///   results (`top`), and `parts/<n>-starts.json` lists where it starts a title,
///   `parts/<n>-classes.json` every dataset's class for it (half a byte each),
///   and `parts/<n>-without.json`, when few, the datasets without it.
/// - `search/values/<param>/<n>.json`: the same entries for the datasets of
///   one facet value, for filtering without a query; a value in most datasets
///   is in parts, with its facet counts, a bit per dataset saying which have
///   it and, when few, the datasets without it.
///
/// With these a query of several terms and filters is answered from the
/// smallest list it needs, testing the others per candidate, or, when every
/// set is large, from counts less the few datasets each leaves out.
/// - `search/docs/<position>.json`: one dataset's record (the layout of
///   `search/index.json`), fetched only for the results on screen.
///
/// A query of a term of one or two characters reads exactly one gram and is
/// ranked exactly as `SearchRanking`; a longer term intersects its pairs and
/// is checked against the records shown (docs/search.md).
public struct SearchShards: Sendable {
    /// Where a gram occurs best in a dataset, with the score it earns
    /// (`SearchRanking`'s weights). Class order is rank order.
    public enum Match: Int, CaseIterable, Sendable {
        case titleStart, title, exactKeyword, keyword, description, other

        public var score: Int {
            switch self {
            case .titleStart: SearchRanking.titleWeight + SearchRanking.titleStartBonus
            case .title: SearchRanking.titleWeight
            case .exactKeyword: SearchRanking.keywordWeight + SearchRanking.exactKeywordBonus
            case .keyword: SearchRanking.keywordWeight
            case .description: SearchRanking.descriptionWeight
            case .other: SearchRanking.otherWeight
            }
        }
    }

    /// A shard aims at this many bytes of postings; the number of shards
    /// grows with the catalogue so a shard stays small.
    public static let shardTarget = 12 * 1024
    public static let folder = "search/"
    /// A gram whose postings are larger than this (one in most datasets of a
    /// large catalogue) is split into parts of about this size, in rank
    /// order, under `search/parts/`; its shard keeps its count and facet
    /// counts, so a query of that gram alone reads only the first part.
    public static let defaultPartLimit = 96 * 1024
    /// A gram with more postings than this goes to parts even when they
    /// would fit one: its shard then stays small (count, facet counts, first
    /// results and their cards), so a query of that gram alone draws its
    /// first screen after one small file.
    public static let defaultSplitLimit = 8 * 1024
    /// A facet value with more entries than this (about 3,600 datasets) is
    /// written as a head (count, facet counts, the few datasets without it)
    /// and parts: a query then counts with it without reading its list.
    public static let defaultValueSplitLimit = 32 * 1024
    /// The results drawn from a gram's shard alone: each gram's first this
    /// many datasets in rank order have their result card in the shard
    /// (`records`), so the first screen of a query needs no second round trip.
    public static let firstCards = 6
    /// The shard key of those cards: three characters or more, so never a gram.
    public static let cardsKey = "records"

    let catalog: Catalog
    let facets: CatalogFacets
    let facetTitle: @Sendable (CatalogFacets.Kind) -> String
    let partLimit: Int
    let splitLimit: Int
    let valueSplitLimit: Int

    public init(catalog: Catalog, facets: CatalogFacets, partLimit: Int = SearchShards.defaultPartLimit,
                facetTitle: @escaping @Sendable (CatalogFacets.Kind) -> String) {
        self.catalog = catalog
        self.facets = facets
        self.partLimit = partLimit
        self.splitLimit = min(partLimit, Self.defaultSplitLimit)
        self.valueSplitLimit = min(partLimit, Self.defaultValueSplitLimit)
        self.facetTitle = facetTitle
    }

    // MARK: Codes

    /// URL- and JSON-safe digits for facet codes.
    static let digits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    /// Variable-length numbers: every digit but the last from `more`, the last from `last`.
    static let last = Array("0123456789ABCDEFGHIJKLMNOPQRSTUV")
    static let more = Array("WXYZabcdefghijklmnopqrstuvwxyz-_")

    static func varint(_ value: Int, into out: inout [Character]) {
        var groups: [Int] = [value & 31]
        var rest = value >> 5
        while rest > 0 { groups.append(rest & 31); rest >>= 5 }
        for group in groups.dropFirst().reversed() { out.append(more[group]) }
        out.append(last[groups[0]])
    }

    static func width(_ count: Int) -> Int {
        var width = 1, capacity = 64
        while capacity < count { width += 1; capacity *= 64 }
        return width
    }

    static func fixed(_ value: Int, width: Int, into out: inout [Character]) {
        for place in (0..<width).reversed() { out.append(digits[(value >> (6 * place)) & 63]) }
    }

    /// Gram → shard: FNV-1a over the gram's code points (search.js does the same).
    public static func shard(of gram: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for scalar in gram.unicodeScalars {
            hash ^= scalar.value
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(max(count, 1)))
    }

    /// Single characters and neighbouring pairs of a normalised text,
    /// by code point, skipping pairs with white space (a term never has any);
    /// a gram that occurs twice is given twice.
    static func forEachGram(_ normalized: String, _ body: (String) -> Void) {
        var previous: Unicode.Scalar?
        for scalar in normalized.unicodeScalars {
            guard !scalar.properties.isWhitespace else {
                previous = nil
                continue
            }
            var one = String.UnicodeScalarView()
            one.append(scalar)
            body(String(one))
            if let previous {
                var two = String.UnicodeScalarView()
                two.append(previous)
                two.append(scalar)
                body(String(two))
            }
            previous = scalar
        }
    }

    /// Per dataset, per gram, the best class: the inverted index before encoding.
    /// Datasets are read in parallel, a slice at a time (so that only one
    /// slice's per-dataset tables are alive), and merged in catalogue order.
    func postings() -> Postings {
        var postings = Postings()
        let slice = 4096
        for start in stride(from: 0, to: catalog.datasets.count, by: slice) {
            let best = Array(start..<min(start + slice, catalog.datasets.count)).parallelMap { bestMatches(of: $0) }
            for (offset, grams) in best.enumerated() {
                for (gram, match) in grams { postings.add(gram, dataset: start + offset, match) }
            }
        }
        return postings
    }

    /// The inverted index, four bytes a posting (catalogue position and
    /// class in one `UInt32`): a 10⁵-dataset catalogue has tens of millions
    /// of postings, which as `(Int, Match)` pairs set the build's peak memory.
    struct Postings {
        private var lists: [String: [UInt32]] = [:]

        mutating func add(_ gram: String, dataset: Int, _ match: Match) {
            precondition(dataset < 1 << 29, "a catalogue position fits 29 bits")
            lists[gram, default: []].append(UInt32(dataset) << 3 | UInt32(match.rawValue))
        }

        var grams: Dictionary<String, [UInt32]>.Keys { lists.keys }

        func count(_ gram: String) -> Int { lists[gram]?.count ?? 0 }

        /// The gram's datasets in catalogue order, with their classes.
        func list(_ gram: String) -> [(Int, Match)] {
            (lists[gram] ?? []).map { (Int($0 >> 3), Match(rawValue: Int($0 & 7))!) }
        }

        /// The gram's datasets in catalogue order.
        func datasets(_ gram: String) -> [Int] { (lists[gram] ?? []).map { Int($0 >> 3) } }
    }

    /// Each gram of one dataset's searchable text with the best class it earns there.
    func bestMatches(of index: Int) -> [String: Match] {
        let dataset = catalog.datasets[index]
        var best: [String: Match] = [:]
        best.reserveCapacity(256)
        // A gram seen again keeps its best (lowest) class, so grams need not be made unique first.
        func add(_ text: String, _ match: (String) -> Match) {
            Self.forEachGram(text) { gram in
                let found = match(gram)
                if let seen = best[gram], seen.rawValue <= found.rawValue { return }
                best[gram] = found
            }
        }
        let title = SearchTokenizer.normalize(catalog.displayTitle(dataset).text)
        add(title) { title.unicodeScalars.starts(with: $0.unicodeScalars) ? .titleStart : .title }
        for keyword in dataset.keywords {
            let text = SearchTokenizer.normalize(keyword)
            add(text) { $0 == text ? .exactKeyword : .keyword }
        }
        add(SearchTokenizer.normalize(SearchIndexBuilder.excerpt(catalog.displayDescription(dataset).description.summary))) { _ in .description }
        let organization = facets.positions[index][.organization]?.first.map { facets.values(.organization)[$0].label } ?? ""
        add(SearchTokenizer.normalize(organization + " " + SearchIndexBuilder.fieldNames(dataset))) { _ in .other }
        return best
    }

    /// How a dataset's facets are written: per kind, a fixed number of digits
    /// holding a position in that kind's values (+1, 0 for none), or for themes
    /// and formats, which a dataset may have several of, a position in the table
    /// of the combinations that occur.
    struct FacetCoder {
        var widths: [(CatalogFacets.Kind, Int)] = []
        var sets: [CatalogFacets.Kind: [[Int]]] = [:]
        var setIndex: [CatalogFacets.Kind: [[Int]: Int]] = [:]
        var codes: [[Character]] = []

        static let multiple: Set<CatalogFacets.Kind> = [.theme, .format]

        init(facets: CatalogFacets) {
            for kind in CatalogFacets.Kind.allCases where Self.multiple.contains(kind) {
                var table: [[Int]] = [], index: [[Int]: Int] = [:]
                for positions in facets.positions {
                    let set = (positions[kind] ?? []).sorted()
                    if index[set] == nil { index[set] = table.count; table.append(set) }
                }
                sets[kind] = table
                setIndex[kind] = index
            }
            widths = CatalogFacets.Kind.allCases.map { kind in
                (kind, SearchShards.width(Self.multiple.contains(kind) ? sets[kind]!.count : facets.values(kind).count + 1))
            }
            codes = facets.positions.map { positions in
                var out: [Character] = []
                for (kind, width) in widths {
                    let value: Int
                    if Self.multiple.contains(kind) {
                        value = setIndex[kind]![(positions[kind] ?? []).sorted()]!
                    } else {
                        value = (positions[kind]?.first).map { $0 + 1 } ?? 0
                    }
                    SearchShards.fixed(value, width: width, into: &out)
                }
                return out
            }
        }
    }

    /// A gram's entry: its count and one entries string per class.
    static func classes(_ list: [(Int, Match)], count: Int, codes: [[Character]]) -> (JSONValue, Int) {
        var classes: [JSONValue] = [.integer(Int64(count))]
        var bytes = 8
        for match in Match.allCases {
            let text = entries(list.filter { $0.1 == match }.map(\.0).sorted(), codes: codes)
            classes.append(.string(text))
            bytes += text.utf8.count + 3
        }
        return (.array(classes), bytes)
    }

    /// One class's entries: delta-coded positions, each followed by its facet code.
    static func entries(_ positions: [Int], codes: [[Character]]) -> String {
        var out: [Character] = []
        var previous = -1
        for position in positions {
            varint(position - previous - 1, into: &out)
            out.append(contentsOf: codes[position])
            previous = position
        }
        return String(out)
    }

    public func artifacts() -> [Artifact] {
        var artifacts: [Artifact] = []
        produce { artifacts += $0 }
        return artifacts
    }

    /// A gram's encoding: its entry in a shard, or, past the part limit, the
    /// part files it is cut into (numbered once the grams before it are known).
    private enum EncodedGram: Sendable {
        case entry(JSONValue, bytes: Int, firsts: [Int])
        case parts([Data], sizes: [Int], facets: [(key: String, value: JSONValue)], top: JSONValue, firsts: [Int], starts: Data?)
    }

    /// Every dataset's class for one gram, two datasets to a digit
    /// (`digits[7 × first + second]`, 6 for a dataset without the gram), so a
    /// query can test any candidate against a gram in most datasets without
    /// reading its entries: half a byte per dataset in the catalogue.
    static func denseClasses(_ list: [(Int, Match)], datasets: Int) -> String {
        var states = [Int](repeating: Match.allCases.count, count: datasets + datasets % 2)
        for (position, match) in list { states[position] = match.rawValue }
        var out: [Character] = []
        out.reserveCapacity(states.count / 2)
        for pair in stride(from: 0, to: states.count, by: 2) { out.append(digits[states[pair] * 7 + states[pair + 1]]) }
        return String(out)
    }

    /// A set of datasets as bits, six to a digit (`digits[bits]`, bit `j` of
    /// digit `k` for dataset `6k + j`).
    static func membership(_ sorted: [Int], datasets: Int) -> String {
        var bits = [Int](repeating: 0, count: (datasets + 5) / 6)
        for position in sorted { bits[position / 6] |= 1 << (position % 6) }
        return String(bits.map { digits[$0] })
    }

    /// The datasets a set does not hold, with their facet codes, when they are
    /// fewer than those it holds and fit one part: counts over the set and
    /// another are then the other's counts less those of the few it leaves out.
    static func complement(of sorted: [Int], datasets: Int, partLimit: Int, entryBytes: Int, codes: [[Character]]) -> (count: Int, data: Data)? {
        let missing = datasets - sorted.count
        guard missing < sorted.count, missing * entryBytes <= partLimit else { return nil }
        var without: [Int] = [], next = 0
        without.reserveCapacity(missing)
        for position in sorted {
            while next < position { without.append(next); next += 1 }
            next = position + 1
        }
        while next < datasets { without.append(next); next += 1 }
        let list = JSONValue.array([.integer(Int64(without.count)), .string(entries(without, codes: codes))])
        return (without.count, JSONWriter(style: .compact).data(list))
    }

    /// A gram's datasets in rank order: class, then catalogue order.
    static func rankOrder(_ list: [(Int, Match)]) -> [(Int, Match)] {
        Match.allCases.flatMap { match in list.filter { $0.1 == match } }
    }

    /// Catalogue positions alone, delta-coded (no facet codes).
    static func positions(_ sorted: [Int]) -> String {
        var out: [Character] = []
        var previous = -1
        for position in sorted {
            varint(position - previous - 1, into: &out)
            previous = position
        }
        return String(out)
    }

    /// Makes every file of the split index and hands them to `emit` in
    /// batches, each made in parallel; a batch is let go once emitted, so
    /// the thousands of `docs/` files are never all in memory at once. The
    /// batches come in the order of `artifacts()`.
    public func produce(_ emit: ([Artifact]) throws -> Void) rethrows {
        let coder = FacetCoder(facets: facets)
        var postings = postings()
        let writer = JSONWriter(style: .compact)
        let entryBytes = coder.widths.reduce(2) { $0 + $1.1 }
        let partLimit = self.partLimit, splitLimit = self.splitLimit, valueSplitLimit = self.valueSplitLimit, facets = self.facets
        let datasets = catalog.datasets.count

        // Encode every gram in parallel, then number the parts and deal the grams into shards by hash.
        let grams = postings.grams.sorted()
        let encodings = grams.parallelMap { [postings] gram -> EncodedGram in
            let list = postings.list(gram)
            let ordered = Self.rankOrder(list)
            let firsts = ordered.prefix(Self.firstCards).map(\.0)
            if list.count * entryBytes <= splitLimit {
                let (classes, bytes) = Self.classes(list, count: list.count, codes: coder.codes)
                return .entry(classes, bytes: bytes + gram.utf8.count, firsts: firsts)
            }
            // Rank order (class, then catalogue order), cut into parts.
            var datas: [Data] = [], sizes: [Int] = []
            for slice in Self.cut(ordered, bytes: partLimit, entryBytes: entryBytes) {
                sizes.append(slice.count)
                datas.append(JSONWriter(style: .compact).data(Self.classes(Array(slice), count: slice.count, codes: coder.codes).0))
            }
            let counts = Self.facetCounts(of: list.map(\.0), facets: facets)
            // The first results, with their classes, for a first screen from the shard alone; and
            // where the gram starts a title, for bounding a longer term that begins with it.
            let top = Self.classes(Array(ordered.prefix(Self.firstCards)), count: min(list.count, Self.firstCards), codes: coder.codes).0
            let titleStarts = ordered.prefix { $0.1 == .titleStart }.map(\.0).sorted()
            let starts = titleStarts.isEmpty ? nil
                : JSONWriter(style: .compact).data(.array([.integer(Int64(titleStarts.count)), .string(Self.positions(titleStarts))]))
            return .parts(datas, sizes: sizes, facets: counts, top: top, firsts: firsts, starts: starts)
        }
        // The result cards of every gram's first datasets, made once each.
        let records = SearchIndexBuilder(catalog: catalog, facets: facets, facetTitle: facetTitle)
        let catalog = self.catalog
        var carded = Set<Int>()
        for encoding in encodings {
            switch encoding {
            case .entry(_, _, let firsts), .parts(_, _, _, _, let firsts, _): carded.formUnion(firsts)
            }
        }
        let cardPositions = carded.sorted()
        let cardValues = cardPositions.parallelMap { records.card(catalog.datasets[$0]) }
        let cardBytes = cardValues.parallelMap { JSONWriter(style: .compact).data($0).count + 12 }
        var cards: [Int: (value: JSONValue, bytes: Int)] = [:]
        for (index, position) in cardPositions.enumerated() { cards[position] = (cardValues[index], cardBytes[index]) }

        // Pair counts for the grams that need them, in parallel.
        let pairs = PairCounts(facets: facets) { kind, number in facets.values(kind)[number].datasets.count * entryBytes > valueSplitLimit }
        let paired = grams.filter { gram in
            let count = postings.count(gram)
            return count * entryBytes > valueSplitLimit && (datasets - count >= count || (datasets - count) * entryBytes > partLimit)
        }
        var pairData: [String: Data] = [:]
        if !pairs.large.isEmpty {
            for (gram, data) in zip(paired, paired.parallelMap { [postings] in pairs.data(for: postings.datasets($0)) }) { pairData[gram] = data }
        }

        var encoded: [(gram: String, value: JSONValue, firsts: [Int])] = []
        encoded.reserveCapacity(grams.count)
        var total = 0, splitGrams = 0
        var parts: [Artifact] = []
        for (gram, encoding) in zip(grams, encodings) {
            switch encoding {
            case .entry(let value, let bytes, let firsts):
                encoded.append((gram, value, firsts))
                total += bytes
                for position in firsts { total += cards[position]!.bytes }
            case .parts(let datas, let sizes, let counts, let top, let firsts, let starts):
                let number = splitGrams
                splitGrams += 1
                for (index, data) in datas.enumerated() {
                    parts.append(Artifact(path: Self.folder + "parts/\(number)-\(index).json", data: data))
                }
                let count = postings.count(gram)
                var fields: [(key: String, value: JSONValue)] = [
                    ("count", .integer(Int64(count))), ("file", .integer(Int64(number))),
                    ("parts", .array(sizes.map { .integer(Int64($0)) })), ("facets", .object(counts)), ("top", top),
                ]
                if let starts {
                    parts.append(Artifact(path: Self.folder + "parts/\(number)-starts.json", data: starts))
                    fields.append(("starts", .integer(1)))
                }
                // Every dataset's class, where that is smaller than the gram's own entries.
                if count * entryBytes > (datasets + 1) / 2 {
                    let classes = JSONValue.array([.integer(Int64(count)), .string(Self.denseClasses(postings.list(gram), datasets: datasets))])
                    parts.append(Artifact(path: Self.folder + "parts/\(number)-classes.json", data: writer.data(classes)))
                    fields.append(("classes", .integer(1)))
                }
                if let without = Self.complement(of: postings.datasets(gram), datasets: datasets, partLimit: partLimit,
                                                 entryBytes: entryBytes, codes: coder.codes) {
                    parts.append(Artifact(path: Self.folder + "parts/\(number)-without.json", data: without.data))
                    fields.append(("without", .integer(Int64(without.count))))
                }
                if let data = pairData.removeValue(forKey: gram) {
                    parts.append(Artifact(path: Self.folder + "parts/\(number)-with.json", data: data))
                    fields.append(("with", .integer(1)))
                }
                encoded.append((gram, .object(fields), firsts))
                total += 512
                for position in firsts { total += cards[position]!.bytes }
                // Written as they are made: a large catalogue's parts are hundreds of megabytes.
                if parts.count >= 256 {
                    try emit(parts)
                    parts = []
                }
            }
        }
        try emit(parts)
        parts = []
        postings = Postings()
        let shardCount = max(1, (total + Self.shardTarget - 1) / Self.shardTarget)
        var shards = [[(key: String, value: JSONValue)]](repeating: [], count: shardCount)
        var shardCards = [Set<Int>](repeating: [], count: shardCount)
        for entry in encoded {
            let number = Self.shard(of: entry.gram, count: shardCount)
            shards[number].append((entry.gram, entry.value))
            shardCards[number].formUnion(entry.firsts)
        }
        encoded = []
        for number in shards.indices where !shardCards[number].isEmpty {
            shards[number].append((Self.cardsKey, .object(shardCards[number].sorted().map { (String($0), cards[$0]!.value) })))
        }
        shardCards = []

        var batch = [Artifact(path: Self.folder + "meta.json", data: writer.data(meta(coder: coder, shards: shardCount)))]
        let dealt = shards
        batch += Array(dealt.indices).parallelMap { number in
            Artifact(path: Self.folder + "grams/\(number).json", data: JSONWriter(style: .compact).data(.object(dealt[number])))
        }
        shards = []
        for kind in CatalogFacets.Kind.allCases {
            for (number, value) in facets.values(kind).enumerated() where !value.datasets.isEmpty {
                let path = Self.folder + "values/\(kind.parameter)/\(number)"
                let sorted = value.datasets.sorted()
                // Unlike a gram's shard, nothing else waits on this file: a list that reads quickly stays whole.
                if sorted.count * entryBytes <= valueSplitLimit {
                    let list = JSONValue.array([.integer(Int64(sorted.count)), .string(Self.entries(sorted, codes: coder.codes))])
                    batch.append(Artifact(path: path + ".json", data: writer.data(list)))
                    continue
                }
                // A value most datasets have: in parts, in catalogue order, with the facet counts
                // of its datasets (its own facet: the catalogue's, as with no filter), so that
                // ticking it alone reads only the parts of the page shown.
                var sizes: [JSONValue] = []
                // Parts as small as the list that stays whole: the first page of a value (or of
                // several merged) reads one part of each.
                for (index, slice) in Self.cut(sorted, bytes: valueSplitLimit, entryBytes: entryBytes).enumerated() {
                    sizes.append(.integer(Int64(slice.count)))
                    let list = JSONValue.array([.integer(Int64(slice.count)), .string(Self.entries(Array(slice), codes: coder.codes))])
                    batch.append(Artifact(path: path + "-\(index).json", data: writer.data(list)))
                }
                var counts = Self.facetCounts(of: sorted, facets: facets)
                if let own = counts.firstIndex(where: { $0.key == kind.parameter }) {
                    counts[own].value = .array(facets.values(kind).map { .integer(Int64($0.datasets.count)) })
                }
                var head: [(key: String, value: JSONValue)] = [
                    ("count", .integer(Int64(sorted.count))), ("parts", .array(sizes)), ("facets", .object(counts)),
                ]
                if let without = Self.complement(of: sorted, datasets: catalog.datasets.count, partLimit: partLimit,
                                                 entryBytes: entryBytes, codes: coder.codes) {
                    batch.append(Artifact(path: path + "-without.json", data: without.data))
                    head.append(("without", .integer(Int64(without.count))))
                }
                // Which datasets have it, a bit each: a query whose terms are all in most datasets
                // tests every dataset against it without the list (a sixth of a byte per dataset).
                let members = JSONValue.array([.integer(Int64(sorted.count)), .string(Self.membership(sorted, datasets: catalog.datasets.count))])
                batch.append(Artifact(path: path + "-members.json", data: writer.data(members)))
                head.append(("members", .integer(1)))
                // With each other value in parts: two such filters are counted from here.
                batch.append(Artifact(path: path + "-with.json", data: pairs.data(for: sorted)))
                head.append(("with", .integer(1)))
                batch.append(Artifact(path: path + ".json", data: writer.data(.object(head))))
            }
        }
        // Themes and formats, which a dataset may have several of: the count and facet counts of
        // each combination that occurs (`sets` in meta.json). Combinations never overlap, so the
        // datasets with any of several values are counted by adding up the combinations that
        // hold one of them, without reading the values' lists.
        for kind in FacetCoder.multiple.sorted(by: { $0.rawValue < $1.rawValue }) {
            var members = [[Int]](repeating: [], count: coder.sets[kind]!.count)
            for (position, positions) in facets.positions.enumerated() {
                members[coder.setIndex[kind]![(positions[kind] ?? []).sorted()]!].append(position)
            }
            batch.append(Artifact(path: Self.folder + "values/\(kind.parameter)/sets.json", data: writer.data(.array(members.map { list in
                .object([("count", .integer(Int64(list.count))), ("facets", .object(Self.facetCounts(of: list, facets: facets)))])
            }))))
        }
        try emit(batch)
        for start in stride(from: 0, to: catalog.datasets.count, by: 4096) {
            try emit(Array(start..<min(start + 4096, catalog.datasets.count)).parallelMap { index in
                Artifact(path: Self.folder + "docs/\(index).json",
                         data: JSONWriter(style: .compact).data(records.record(catalog.datasets[index], positions: facets.positions[index])))
            })
        }
    }

    /// A list cut into parts of at most `bytes` of entries, in its order.
    static func cut<Element>(_ list: [Element], bytes: Int, entryBytes: Int) -> [ArraySlice<Element>] {
        let perPart = max(1, bytes / entryBytes)
        return stride(from: 0, to: list.count, by: perPart).map { list[$0..<min($0 + perPart, list.count)] }
    }

    /// For a set in many datasets (a facet value in parts, or a gram that
    /// neither few datasets lack nor reads quickly whole): the number and facet
    /// counts of its datasets that have each facet value in parts. A query of
    /// that set with one such filter (or several values of a facet a dataset
    /// has one of) is counted from here, without reading either whole.
    struct PairCounts {
        let large: [(kind: CatalogFacets.Kind, value: Int)]
        let offsets: [Int]
        let width: Int
        /// The catalogue's facet values, kind by kind (`CatalogFacets.flat`).
        let flat: [CatalogFacets.FlatPositions]
        let largeOf: [[Int]]

        init(facets: CatalogFacets, isLarge: (CatalogFacets.Kind, Int) -> Bool) {
            var large: [(kind: CatalogFacets.Kind, value: Int)] = [], index: [CatalogFacets.Kind: [Int: Int]] = [:]
            var offsets: [Int] = [], width = 0
            for kind in CatalogFacets.Kind.allCases {
                offsets.append(width)
                width += facets.values(kind).count
                for (number, value) in facets.values(kind).enumerated() where !value.datasets.isEmpty && isLarge(kind, number) {
                    index[kind, default: [:]][number] = large.count
                    large.append((kind, number))
                }
            }
            self.large = large
            self.offsets = offsets
            self.width = width
            flat = facets.flat
            largeOf = facets.positions.map { positions in
                CatalogFacets.Kind.allCases.flatMap { kind in (positions[kind] ?? []).compactMap { index[kind]?[$0] } }
            }
        }

        func data(for positions: [Int]) -> Data {
            var counts = [Int](repeating: 0, count: large.count * width)
            var totals = [Int](repeating: 0, count: large.count)
            for position in positions {
                for pair in largeOf[position] {
                    totals[pair] += 1
                    for (kindOffset, table) in zip(offsets, flat) {
                        for index in Int(table.offsets[position])..<Int(table.offsets[position + 1]) {
                            counts[pair * width + kindOffset + Int(table.values[index])] += 1
                        }
                    }
                }
            }
            let kinds = CatalogFacets.Kind.allCases
            return JSONWriter(style: .compact).data(.object(large.enumerated().map { pair, value in
                ("\(value.kind.parameter)/\(value.value)", .object([
                    ("count", .integer(Int64(totals[pair]))),
                    ("facets", .object(kinds.enumerated().map { kindIndex, kind in
                        let start = pair * width + offsets[kindIndex]
                        let end = kindIndex + 1 < kinds.count ? pair * width + offsets[kindIndex + 1] : (pair + 1) * width
                        return (kind.parameter, .array(counts[start..<end].map { .integer(Int64($0)) }))
                    })),
                ]))
            }))
        }
    }

    /// Per facet, how many of these datasets have each value.
    static func facetCounts(of positions: [Int], facets: CatalogFacets) -> [(key: String, value: JSONValue)] {
        zip(CatalogFacets.Kind.allCases, facets.flat).map { kind, table in
            var perValue = [Int](repeating: 0, count: facets.values(kind).count)
            table.offsets.withUnsafeBufferPointer { offsets in
                table.values.withUnsafeBufferPointer { values in
                    for position in positions {
                        for index in Int(offsets[position])..<Int(offsets[position + 1]) { perValue[Int(values[index])] += 1 }
                    }
                }
            }
            return (kind.parameter, .array(perValue.map { .integer(Int64($0)) }))
        }
    }

    func meta(coder: FacetCoder, shards: Int) -> JSONValue {
        let kinds = CatalogFacets.Kind.allCases
        return .object([
            ("version", .integer(2)),
            ("count", .integer(Int64(catalog.datasets.count))),
            ("shards", .integer(Int64(shards))),
            ("facets", .object(kinds.map { kind in
                (kind.parameter, .object([
                    ("title", .string(facetTitle(kind))),
                    ("values", .array(facets.values(kind).map { .array([.string($0.slug), .string($0.label), .integer(Int64($0.datasets.count))]) })),
                ]))
            })),
            ("code", .array(coder.widths.map { .array([.string($0.0.parameter), .integer(Int64($0.1))]) })),
            ("sets", .object(FacetCoder.multiple.sorted { $0.rawValue < $1.rawValue }.map { kind in
                (kind.parameter, .array(coder.sets[kind]!.map { .array($0.map { .integer(Int64($0)) }) }))
            })),
            ("classes", .array(Match.allCases.map { .integer(Int64($0.score)) })),
        ])
    }
}
