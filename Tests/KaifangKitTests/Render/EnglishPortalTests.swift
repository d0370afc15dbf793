import Foundation
import XCTest
@testable import KaifangKit

/// `language: en` builds a portal whose every interface word is English, and
/// the English titles and descriptions of a Chinese catalogue (`title_en`,
/// `description_en`, `name_en`) reach pages and exports.
final class EnglishPortalTests: XCTestCase {
    // MARK: Interface words

    private func keys(_ language: String) throws -> Set<String> {
        let templates = PortalFixture.repositoryRoot.appendingPathComponent("Templates")
        switch TemplateSet.load(from: templates, displayRoot: "Templates", language: language) {
        case .success(let set): return Set(set.strings.keys)
        case .failure(let errors): throw errors
        }
    }

    func testEnglishAndChineseWordsHaveTheSameKeys() throws {
        let english = try keys("en"), chinese = try keys("zh-CN")
        XCTAssertGreaterThan(chinese.count, 300)
        XCTAssertEqual(english.subtracting(chinese).sorted(), [], "keys only in en.yaml")
        XCTAssertEqual(chinese.subtracting(english).sorted(), [], "keys only in zh-CN.yaml: translate them in en.yaml")
    }

    func testEveryWordTheTemplatesAndLicencesUseExists() throws {
        let english = try keys("en")
        for license in Licenses.known {
            XCTAssertTrue(english.contains(Licenses.wordKey(license)), "no name for \(license.id)")
        }
        let folder = PortalFixture.repositoryRoot.appendingPathComponent("Templates")
        let tag = try NSRegularExpression(pattern: #"\{\{t\.([A-Za-z0-9_.]+)\}\}"#)
        let enumerator = try XCTUnwrap(FileManager.default.enumerator(atPath: folder.path))
        var used = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".mustache") else { continue }
            let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            for match in tag.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(match.range(at: 1), in: text)!])
                used += 1
                XCTAssertTrue(english.contains(key), "\(path) uses t.\(key), which the theme does not have")
            }
        }
        XCTAssertGreaterThan(used, 100)
    }

    func testNoInterfaceWordOfTheEnglishThemeIsChinese() throws {
        let templates = PortalFixture.repositoryRoot.appendingPathComponent("Templates")
        guard case .success(let set) = TemplateSet.load(from: templates, displayRoot: "Templates", language: "en") else {
            return XCTFail("en.yaml does not load")
        }
        for (key, value) in set.strings.sorted(by: { $0.key < $1.key }) {
            XCTAssertNil(Self.firstCJK(in: value), "\(key): \(value)")
        }
    }

    // MARK: An English portal

    /// Characters of Chinese, Japanese and Korean writing, with their
    /// full-width punctuation (`：`, `（`, `、`): none belongs on an English page.
    /// The built files that hold text. The national-format CSV's column headers are a
    /// format (docs/outputs.md), not interface words.
    static func textFiles(of portal: PortalFixture) -> [String] {
        portal.outputFiles().filter { ["html", "js", "json", "xml", "jsonld", "ttl", "rdf", "csv", "txt", "svg", "css"].contains(($0 as NSString).pathExtension) }
            .filter { $0 != "catalog.zh-CN.csv" }
    }

    static func assertNoCJK(in paths: [String], of portal: PortalFixture, file: StaticString = #filePath, line: UInt = #line) throws {
        for path in paths {
            let text = try portal.read(path)
            if let scalar = firstCJK(in: text) {
                let context = text.split(separator: "\n").first { $0.unicodeScalars.contains(scalar) } ?? ""
                XCTFail("\(path) holds \(scalar) (U+\(String(scalar.value, radix: 16, uppercase: true))): \(context.prefix(300))", file: file, line: line)
            }
        }
    }

    static func firstCJK(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { scalar in
            switch scalar.value {
            case 0x2E80...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: true
            default: false
            }
        }
    }

    /// An English catalogue with something of every page kind and export:
    /// a chartable CSV, a schema, a conditional dataset, an overdue one
    /// (report advice), keywords, a licence and a free page.
    static let english = """
    -- Content/site.yaml --
    title: Example City Open Data
    description: Open data published by the departments of Example City.
    base_url: https://data.example.org/
    language: en
    content_language: en
    publisher:
      name: Example City Data Office
      homepage: https://www.example.org/
      email: opendata@example.org
    license: CC-BY-4.0
    contact:
      name: Portal team
      email: opendata@example.org
      phone: "+1 555 0100"
    conditional_access: Apply online with the **purpose** of use; the department answers within ten working days.
    feedback:
      email: opendata@example.org
    build:
      page_size: 2
    themes:
      - slug: transport
        title: Transport
        description: Roads, buses and travel.
        eu_theme: TRAN
      - slug: economy
        title: Economy
        eu_theme: ECON
    -- Content/organizations/transport.md --
    ---
    name: Department of Transport
    code: 11370000MB2858386F
    homepage: https://transport.example.org/
    email: data@transport.example.org
    ---
    Runs the **bus network** of the city.
    -- Content/organizations/statistics.md --
    ---
    name: Statistics Bureau
    ---
    Counts what the city does.
    -- Content/datasets/bus-passengers.md --
    ---
    id: EX-TRANSPORT-0001
    title: Bus passengers by year
    organization: transport
    themes: [transport]
    keywords: [bus, passengers, public transport]
    open_type: open
    share_type: unconditional
    update_frequency: yearly
    issued: 2024-01-15
    modified: 2025-06-30
    license: ODbL-1.0
    spatial: Example City
    temporal:
      start: 2021-01-01
      end: 2024-12-31
    contact:
      name: Data desk
      email: data@transport.example.org
      phone: "+1 555 0101"
    resources:
      - name: Passengers per year
        format: CSV
        path: transport/passengers.csv
        schema:
          - name: year
            type: year
            description: Calendar year
          - name: passengers
            type: integer
            unit: trips
            description: Trips made on city buses
      - name: Live departures
        format: API
        url: https://api.example.org/departures
    ---
    ## About the data

    The number of trips made on the city's buses each year, counted from ticket and card validations. See the [about page](/pages/about/) for the licence.
    -- Content/datasets/business-register.md --
    ---
    id: EX-STAT-0002
    title: Register of businesses
    organization: statistics
    themes: [economy]
    keywords: [business, companies]
    open_type: conditional
    update_frequency: monthly
    issued: 2023-03-01
    modified: 2023-04-01
    resources:
      - name: Register extract
        format: CSV
        path: statistics/register.csv
    ---
    The register of businesses with their names, activities and addresses, given on approved application only.
    -- Content/datasets/price-index.md --
    ---
    id: EX-STAT-0003
    title: Consumer prices
    organization: statistics
    themes: [economy]
    open_type: open
    update_frequency: monthly
    issued: 2022-05-01
    resources:
      - name: Price index
        format: PDF
        url: https://stats.example.org/prices.pdf
    ---
    Prices.
    -- Content/data/transport/passengers.csv --
    year,passengers
    2021,1200
    2022,1350
    2023,1500
    2024,1620
    -- Content/data/statistics/register.csv --
    name,activity
    Example Ltd,Retail
    -- Content/pages/about.md --
    ---
    title: About this portal
    ---
    The data is published under open licences.
    -- Content/pages/developer.md --
    ---
    title: Developers
    ---
    Every dataset has a JSON API.
    """

    func testAnEnglishPortalHasNoChineseCharacterInAnyFile() throws {
        let portal = try PortalFixture(Self.english)
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let checked = Self.textFiles(of: portal)
        XCTAssertGreaterThan(checked.count, 40)
        for path in ["index.html", "datasets/bus-passengers/index.html", "datasets/business-register/index.html", "stats/index.html",
                     "reports/2025/index.html", "feed.xml", "catalog.ttl", "catalog.rdf", "catalog.jsonld", "data.json", "stats.json",
                     "datasets/business-register/datapackage.json", "assets/search.js", "facets/format/csv/index.html"] {
            XCTAssertTrue(checked.contains(path), "the fixture should produce \(path)")
        }
        try Self.assertNoCJK(in: checked, of: portal)
    }

    /// The sharing site of an English portal is English too, its sharing terms included.
    func testAnEnglishSharingSiteHasNoChineseCharacterInAnyFile() throws {
        let archive = Self.english.replacingOccurrences(of: "build:\n  page_size: 2\n", with: """
            build:
              page_size: 2
            profiles:
              share:
                title: Example City Data Sharing
                base_url: https://share.example.org/
                request_procedure: Request the data through the **sharing platform**; the department answers within five working days.

            """) + """

            -- Content/datasets/marriage-statistics.md --
            ---
            id: EX-CIVIL-0009
            title: Marriage registrations by office
            organization: statistics
            themes: [economy]
            open_type: closed
            share_type: conditional
            share_condition: Only for checking a person's marital status in an application the department handles.
            share_method: api
            share_requirements: Not to be passed to third parties.
            update_frequency: monthly
            issued: 2025-02-01
            resources:
              - name: Registration query
                format: API
                url: https://share.example.org/api/marriage
            ---
            Marriage registrations per registry office and month, kept by the civil affairs department for checks by other departments.
            """
        let portal = try PortalFixture(archive)
        var options = portal.options
        options.profile = .share
        let report = Build.build(options)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let checked = Self.textFiles(of: portal)
        XCTAssertTrue(checked.contains("share/index.html"), checked.joined(separator: " "))
        XCTAssertTrue(try portal.read("datasets/marriage-statistics/index.html").contains("Only for checking a person"))
        XCTAssertTrue(try portal.read("catalog.ttl").contains("Sharing method: API (api)"))
        try Self.assertNoCJK(in: checked, of: portal)
    }

    func testAnEnglishPortalSpeaksEnglishWhereTheChineseOneHadWords() throws {
        let portal = try PortalFixture(Self.english)
        XCTAssertTrue(portal.build().succeeded)
        let page = try portal.read("datasets/bus-passengers/index.html")
        XCTAssertTrue(page.contains("<html lang=\"en\">"))
        XCTAssertTrue(page.contains("<h1>Bus passengers by year</h1>"), "English content needs no lang of its own")
        XCTAssertTrue(page.contains("<td>Open Data Commons Open Database License 1.0 (ODbL-1.0)</td>")
                      || page.contains(">Open Data Commons Open Database License 1.0 (ODbL-1.0)</a>"), "licence name from en.yaml")
        XCTAssertTrue(page.contains("<td>Yearly</td>"))
        XCTAssertTrue(page.contains("<td>bus, passengers, public transport</td>"), "list separator from en.yaml")
        XCTAssertTrue(page.contains("Publisher: <a"), "colon from en.yaml")
        XCTAssertTrue(page.contains("passengers by year"), "chart title from en.yaml")
        let catalog = try portal.read("datasets/page/2/index.html")
        XCTAssertTrue(catalog.contains("<title>Datasets (2/2) - Example City Open Data</title>"))
        let search = try portal.read("datasets/index.html")
        XCTAssertTrue(search.contains("data-number-locale=\"en\""))
        XCTAssertTrue(search.contains("data-colon=\": \""))
        let feed = try portal.read("feed.xml")
        XCTAssertTrue(feed.contains("<title>Example City Open Data: new and updated datasets</title>"))
        let report = try portal.read("reports/2025/index.html")
        XCTAssertTrue(report.contains("“Consumer prices”"), "report advice quotes titles the English way")
        let stats = try portal.read("stats.json")
        XCTAssertTrue(stats.contains("\"Total\""))
        let dataJSON = try portal.read("data.json")
        XCTAssertTrue(dataJSON.contains("Conditional access: apply to the publishing department"))
        let turtle = try portal.read("catalog.ttl")
        XCTAssertTrue(turtle.contains("dct:title \"Bus passengers by year\"@en"))
        XCTAssertFalse(turtle.contains("@zh"), "an English catalogue has no Chinese literals")
        XCTAssertTrue(turtle.contains("\"Creative Commons Attribution\"@en"))
        // Counts take the singular after one: the transport theme has one dataset, economy two.
        let themes = try portal.read("themes/index.html")
        XCTAssertTrue(themes.contains("<span class=\"card__count\">1 dataset</span>"), themes)
        XCTAssertTrue(themes.contains("<span class=\"card__count\">2 datasets</span>"), themes)
        XCTAssertTrue(try portal.read("themes/transport/index.html").contains("1 dataset<") || !(try portal.read("themes/transport/index.html").contains("1 datasets")))
    }

    // MARK: Bilingual metadata

    /// The minimal Chinese portal with English texts on one dataset, one department and one theme.
    static func bilingual(language: String) -> String {
        PortalFixture.minimal
            .replacingOccurrences(of: "language: zh-CN", with: "language: \(language)")
            .replacingOccurrences(of: "title: 公交站点信息\n", with: "title: 公交站点信息\ntitle_en: Bus stops\ndescription_en: |\n  Every **bus stop** of the city.\n")
            .replacingOccurrences(of: "name: 测试交通运输厅\n", with: "name: 测试交通运输厅\nname_en: Department of Transport\n")
            .replacingOccurrences(of: "    title: 交通\n", with: "    title: 交通\n    title_en: Transport\n")
    }

    func testAnEnglishPortalOfAChineseCatalogueShowsTheEnglishTextsAndMarksTheOriginals() throws {
        let portal = try PortalFixture(Self.bilingual(language: "en"))
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let page = try portal.read("datasets/bus-stops/index.html")
        XCTAssertTrue(page.contains("<html lang=\"en\">"))
        XCTAssertTrue(page.contains("<h1>Bus stops</h1>"))
        XCTAssertTrue(page.contains("<div class=\"prose\"><p>Every <strong>bus stop</strong> of the city.</p>"))
        XCTAssertTrue(page.contains("<td lang=\"zh-CN\">公交站点信息</td>"), "the catalogue's own title stays in the metadata, marked")
        XCTAssertTrue(page.contains("href=\"../../organizations/jtt/\">Department of Transport</a>"))
        XCTAssertTrue(page.contains(">Transport</a>"))
        XCTAssertTrue(page.contains("<title>Bus stops - 测试开放平台</title>"))
        let other = try portal.read("datasets/credit-list/index.html")
        XCTAssertTrue(other.contains("<h1 lang=\"zh-CN\">守信激励名单</h1>"), "without title_en the original shows, marked as Chinese")
        XCTAssertTrue(other.contains("<div class=\"prose\" lang=\"zh-CN\">"))
        let list = try portal.read("datasets/index.html")
        XCTAssertTrue(list.contains("lang=\"zh-CN\">守信激励名单</a>"))
        XCTAssertTrue(list.contains(">Bus stops</a>"))
        let search = try portal.outputFiles().filter { $0.hasPrefix("search/") }.map { try portal.read($0) }.joined()
        XCTAssertTrue(search.contains("Department of Transport"), "the search facets name the department in English")
        XCTAssertTrue(search.contains("Bus stops"), "search results show the English title")
        let feed = try portal.read("feed.xml")
        XCTAssertTrue(feed.contains("<title>Bus stops</title>"))
        XCTAssertTrue(feed.contains("<title xml:lang=\"zh-CN\">守信激励名单</title>"))
        XCTAssertTrue(feed.contains("<name>Department of Transport</name>"))
        let turtle = try portal.read("catalog.ttl")
        XCTAssertTrue(turtle.contains("\"公交站点信息\"@zh-cn"), "the original keeps the catalogue's language")
        XCTAssertTrue(turtle.contains("\"Bus stops\"@en"))
        XCTAssertTrue(page.contains("\"name\":\"公交站点信息\",\"alternateName\":\"Bus stops\""), "schema.org keeps the original name")
        XCTAssertTrue(page.contains("\"inLanguage\":\"zh-CN\""), "the data is in the catalogue's language")
    }

    func testDCATCarriesBothLanguagesNextToEachOtherOnAChinesePortal() throws {
        let portal = try PortalFixture(Self.bilingual(language: "zh-CN"))
        let report = portal.build()
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        let page = try portal.read("datasets/bus-stops/index.html")
        XCTAssertTrue(page.contains("<h1>公交站点信息</h1>"), "a Chinese portal shows the original, unmarked")
        XCTAssertEqual(page.components(separatedBy: "Bus stops").count - 1, 1, "the English title is only schema.org's alternateName")
        XCTAssertTrue(page.contains("\"alternateName\":\"Bus stops\""))
        XCTAssertEqual(page.components(separatedBy: "lang=\"").count, 2, "only <html> has a language: no element needs its own")
        // Objects of one predicate are listed with commas, one per line: compare with the spaces collapsed.
        let turtle = try portal.read("catalog.ttl").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(turtle.contains("dct:title \"公交站点信息\"@zh-cn, \"Bus stops\"@en"))
        XCTAssertTrue(turtle.contains("\"Every **bus stop** of the city.\"@en"))
        XCTAssertTrue(turtle.contains("foaf:name \"测试交通运输厅\"@zh-cn, \"Department of Transport\"@en"))
        XCTAssertTrue(turtle.contains("skos:prefLabel \"交通\"@zh-cn, \"Transport\"@en"))
        let rdf = try portal.read("catalog.rdf")
        XCTAssertTrue(rdf.contains("<dct:title xml:lang=\"zh-cn\">公交站点信息</dct:title>"))
        XCTAssertTrue(rdf.contains("<dct:title xml:lang=\"en\">Bus stops</dct:title>"))
        let jsonld = try portal.read("catalog.jsonld")
        XCTAssertTrue(jsonld.contains("\"@language\": \"en\""))
        XCTAssertTrue(jsonld.contains("\"@value\": \"Bus stops\""))
        let json = try portal.read("catalog.json")
        XCTAssertTrue(json.contains("\"title_en\": \"Bus stops\""))
        XCTAssertTrue(json.contains("\"description_en\": \"Every **bus stop** of the city.\""))
        XCTAssertEqual(json.components(separatedBy: "\"title_en\"").count, 2, "only the dataset with an English title has the field")
    }

    func testEnglishFieldsAreCheckedWithTheirPlaceAndAHint() throws {
        let portal = try PortalFixture(PortalFixture.minimal
            .replacingOccurrences(of: "title: 公交站点信息\n", with: "title: 公交站点信息\ntitle_en: [Bus, stops]\ndescription_en: 全市公交站点\n")
            .replacingOccurrences(of: "name: 测试交通运输厅\n", with: "name: 测试交通运输厅\nname_en: {en: Transport}\n"))
        let report = portal.check()
        XCTAssertFalse(report.succeeded)
        let lines = PortalFixture.lines(report)
        XCTAssertTrue(lines.contains("Content/datasets/bus-stops.md:4:11: error: title_en must be a single line of text, not a list"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("Content/datasets/bus-stops.md:5:17: warning: description_en \"全市公交站点\" holds Chinese characters, but it is shown as the English text"),
                      lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("Content/organizations/jtt.md:3:10: error: name_en must be a single line of text, not a mapping")
                      || lines.contains { $0.hasPrefix("Content/organizations/jtt.md:3:10: error: name_en must be a single line of text") },
                      lines.joined(separator: "\n"))
        let title = try XCTUnwrap(report.diagnostics.first { $0.code == "dataset.title_en" })
        XCTAssertEqual(title.hint, "write it as `title_en: Bus stops of Jinan`")
        XCTAssertNotNil(DiagnosticCodes.explain("dataset.title_en"))
        XCTAssertNotNil(DiagnosticCodes.explain("department.name_en"))
        XCTAssertNotNil(DiagnosticCodes.explain("i18n.english-has-chinese"))
        XCTAssertTrue(report.diagnostics.contains { $0.code == "i18n.english-has-chinese" && $0.severity == .warning })
    }
}
