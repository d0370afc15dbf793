import XCTest
@testable import KaifangKit

/// The province harvests its cities, end to end: two city portals built with
/// Kaifang and served on 127.0.0.1, harvested into a provincial portal, then
/// changed, shrunk, broken and unreachable in turn.
final class FederationTests: XCTestCase {
    private var rebuilds = 0
    private func cityContent(_ slug: String, name: String, port: Int, datasets: [(file: String, id: String, title: String)]) -> String {
        var archive = """
            -- Content/site.yaml --
            title: \(name)
            base_url: http://127.0.0.1:\(port)/\(slug)/
            publisher:
              name: \(name)
            license: CC-BY-4.0
            themes:
              - {slug: transport, title: 交通}
              - {slug: parks, title: 园林}
            -- Content/organizations/jtj.md --
            ---
            name: \(name.prefix(3))交通运输局
            ---
            负责交通数据。
            """
        for dataset in datasets {
            archive += """

                -- Content/datasets/\(dataset.file).md --
                ---
                id: \(dataset.id)
                title: \(dataset.title)
                organization: jtj
                themes: [transport, parks]
                open_type: open
                update_frequency: monthly
                issued: 2024-01-15
                resources:
                  - name: 数据表
                    format: CSV
                    url: https://files.\(slug).example.gov.cn/\(dataset.file).csv
                ---
                \(dataset.title)的说明：由市交通运输局按月更新，覆盖全市范围，包括线路名称、站点位置、首末班时间和票价等字段，供公众查询出行信息和开发者制作应用使用。
                """
        }
        return archive
    }

    private func buildCity(_ archive: String, into output: URL) throws {
        let city = try PortalFixture(archive)
        var options = city.options
        options.output = output
        options.allowShrink = true
        let report = Build.build(options)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        // python's server answers If-Modified-Since to the second: a rebuild within the same second must still look new.
        rebuilds += 1
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(Double(rebuilds) * 100)],
                                              ofItemAtPath: output.appendingPathComponent("catalog.json").path)
    }

    private func catalog(_ site: URL) throws -> [String: [String: Any]] {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: site.appendingPathComponent("catalog.json"))) as? [String: Any])
        return Dictionary(uniqueKeysWithValues: try XCTUnwrap(json["datasets"] as? [[String: Any]]).map { ($0["id"] as! String, $0) })
    }

    func testAProvinceHarvestsTwoCitiesFollowsTheirChangesAndKeepsTheLastGoodHarvest() throws {
        let server = try StaticTestServer()
        defer { server.stop() }
        let www = server.folder
        let jinan: [(file: String, id: String, title: String)] = [
            ("bus", "370100-JTJ-000001", "济南市公交线路"), ("parking", "370100-JTJ-000002", "济南市公共停车场"),
            ("shared", "370000-JTT-000009", "全省共用的数据"),
        ]
        var qingdao: [(file: String, id: String, title: String)] = [
            ("ferry", "370200-JTJ-000001", "青岛市轮渡航线"), ("metro", "370200-JTJ-000002", "青岛市地铁站点"),
        ]
        try buildCity(cityContent("jinan", name: "济南市公共数据开放网", port: server.port, datasets: jinan), into: www.appendingPathComponent("jinan"))
        try buildCity(cityContent("qingdao", name: "青岛市公共数据开放网", port: server.port, datasets: qingdao), into: www.appendingPathComponent("qingdao"))

        let province = try ImportProject()
        try province.write("Content/site.yaml", """
            title: 山东省公共数据开放网
            base_url: https://data.sd.example.gov.cn/
            themes:
              - {slug: transport, title: 交通}
            sources:
              - name: 济南市公共数据开放网
                slug: jinan
                url: http://127.0.0.1:\(server.port)/jinan/catalog.json
              - name: 青岛市公共数据开放网
                slug: qingdao
                url: http://127.0.0.1:\(server.port)/qingdao/catalog.json
            """)
        try province.write("Content/organizations/jtt.md", "---\nname: 山东省交通运输厅\n---\n")
        try province.write("Content/datasets/shared.md", """
            ---
            id: 370000-JTT-000009
            title: 全省共用的数据（省级）
            organization: jtt
            open_type: open
            resources:
              - {name: 数据表, format: CSV, url: "https://files.sd.example.gov.cn/shared.csv"}
            ---
            省级发布的全省共用数据，由省交通运输厅按月更新；城市门户转载的同一数据集只保留省级发布的这一份，避免在全省目录中重复出现。
            """)
        var harvester = Harvester()
        harvester.retryDelay = 0.01
        let harvestFolder = province.root.appendingPathComponent("Harvest")
        func harvest() -> [String: Harvester.Outcome] {
            Dictionary(uniqueKeysWithValues: harvester.harvest(try! XCTUnwrap(sources(province)), into: harvestFolder, projectRoot: province.root)
                .map { ($0.source, $0) })
        }

        // First harvest: both cities, with their source and page; the id the province publishes itself is kept once.
        var outcomes = harvest()
        XCTAssertEqual(outcomes["jinan"]?.kind, .fetched)
        XCTAssertEqual(outcomes["qingdao"]?.kind, .fetched)
        var built = try province.build()
        XCTAssertTrue(built.report.succeeded, PortalFixture.lines(built.report).joined(separator: "\n"))
        XCTAssertEqual(built.report.diagnostics.filter { $0.severity != .note }.count, 0, PortalFixture.lines(built.report).joined(separator: "\n"))
        XCTAssertTrue(PortalFixture.lines(built.report).contains { $0.contains("also lists 370000-JTT-000009") })
        var datasets = try catalog(built.site)
        XCTAssertEqual(Set(datasets.keys), ["370100-JTJ-000001", "370100-JTJ-000002", "370000-JTT-000009", "370200-JTJ-000001", "370200-JTJ-000002"])
        XCTAssertEqual(datasets["370000-JTT-000009"]?["title"] as? String, "全省共用的数据（省级）")
        let bus = try XCTUnwrap(datasets["370100-JTJ-000001"])
        XCTAssertEqual(bus["slug"] as? String, "jinan-bus")
        XCTAssertEqual(bus["source"] as? [String: String],
                       ["name": "济南市公共数据开放网", "url": "http://127.0.0.1:\(server.port)/jinan/datasets/bus/"])
        XCTAssertEqual((bus["organization"] as? [String: Any])?["name"] as? String, "济南市交通运输局")
        XCTAssertEqual((bus["themes"] as? [[String: Any]])?.map { $0["slug"] as? String }, ["transport"], "园林 is no theme of the province")
        let page = try String(contentsOf: built.site.appendingPathComponent("datasets/jinan-bus/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<th scope=\"row\">来源</th><td><a href=\"http://127.0.0.1:\(server.port)/jinan/datasets/bus/\">济南市公共数据开放网</a>"), page)
        let turtle = try String(contentsOf: built.site.appendingPathComponent("catalog.ttl"), encoding: .utf8)
        XCTAssertTrue(turtle.contains("dct:source <http://127.0.0.1:\(server.port)/jinan/datasets/bus/>"))

        // Nothing changed: the conditional request is answered 304.
        outcomes = harvest()
        XCTAssertEqual(outcomes["jinan"]?.kind, .unchanged)
        XCTAssertEqual(outcomes["jinan"]?.message.hasSuffix("(304)"), true, outcomes["jinan"]?.message ?? "")

        // Jinan renames a dataset, Qingdao drops one: the province follows.
        try buildCity(cityContent("jinan", name: "济南市公共数据开放网", port: server.port,
                                  datasets: [("bus", "370100-JTJ-000001", "济南市公交线路（2025版）")] + jinan.dropFirst()),
                      into: www.appendingPathComponent("jinan"))
        qingdao.removeLast()
        try buildCity(cityContent("qingdao", name: "青岛市公共数据开放网", port: server.port, datasets: qingdao), into: www.appendingPathComponent("qingdao"))
        outcomes = harvest()
        XCTAssertEqual(outcomes["jinan"]?.kind, .fetched)
        XCTAssertEqual(outcomes["qingdao"]?.kind, .fetched)
        built = try province.build()
        datasets = try catalog(built.site)
        XCTAssertEqual(datasets["370100-JTJ-000001"]?["title"] as? String, "济南市公交线路（2025版）")
        XCTAssertNil(datasets["370200-JTJ-000002"], "a dataset the city dropped disappears")
        XCTAssertFalse(FileManager.default.fileExists(atPath: built.site.appendingPathComponent("datasets/qingdao-metro").path))

        // Qingdao's catalogue disappears and Jinan's server sends an error page: both keep their last good harvest, and the build says so.
        try FileManager.default.removeItem(at: www.appendingPathComponent("qingdao/catalog.json"))
        try Data("<html><body>502 Bad Gateway</body></html>".utf8).write(to: www.appendingPathComponent("jinan/catalog.json"))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(100_000)], ofItemAtPath: www.appendingPathComponent("jinan/catalog.json").path)
        outcomes = harvest()
        XCTAssertEqual(outcomes["qingdao"]?.kind, .failed)
        XCTAssertEqual(outcomes["jinan"]?.kind, .failed)
        XCTAssertTrue(outcomes["jinan"]?.message.contains("is not a kaifang catalogue") == true, outcomes["jinan"]?.message ?? "")
        built = try province.build()
        XCTAssertTrue(built.report.succeeded)
        let warnings = built.report.diagnostics.filter { $0.code == "harvest.failed" }.map(\.message)
        XCTAssertEqual(warnings.count, 2, warnings.joined(separator: "\n"))
        XCTAssertTrue(warnings.contains { $0.contains("青岛市公共数据开放网") && $0.contains("HTTP 404") }, warnings.joined(separator: "\n"))
        datasets = try catalog(built.site)
        XCTAssertEqual(datasets["370100-JTJ-000001"]?["title"] as? String, "济南市公交线路（2025版）")
        XCTAssertNotNil(datasets["370200-JTJ-000001"])
    }

    func testAHarvestedRecordThatFailsTheChecksIsLeftOutNotTheBuild() throws {
        let province = try ImportProject()
        try province.write("Content/site.yaml", """
            title: 山东省公共数据开放网
            base_url: https://data.sd.example.gov.cn/
            themes:
              - {slug: transport, title: 交通}
            sources:
              - {name: 济南市公共数据开放网, slug: jinan, url: harvest-input/catalog.json}
            """)
        try province.write("harvest-input/catalog.json", """
            {"title": "济南", "homepage": "https://data.jinan.example.gov.cn/", "datasets": [
              {"id": "A-1", "slug": "a", "url": "https://data.jinan.example.gov.cn/datasets/a/", "title": "好的数据",
               "description": "一个完整的数据集说明，足够长，说明数据的内容、来源、范围、更新方式和用途，方便公众理解。",
               "organization": {"slug": "jtj", "name": "济南市交通运输局"}, "open_type": "open", "issued": "2024-01-01",
               "resources": [{"name": "表", "format": "CSV", "download_url": "https://files.example.gov.cn/a.csv"}]},
              {"id": "A-2", "slug": "b", "url": "https://data.jinan.example.gov.cn/datasets/b/", "title": "联系人 张三 13812345678",
               "description": "联系人手机 13812345678，身份证 110101199003074514。", "organization": {"slug": "jtj", "name": "济南市交通运输局"},
               "open_type": "open", "resources": []}
            ]}
            """)
        var diagnostics = Diagnostics()
        let sources = HarvestSource.decode(try XCTUnwrap(siteNode(province)), into: &diagnostics)
        XCTAssertEqual(diagnostics.all.count, 0)
        let outcomes = Harvester().harvest(sources, into: province.root.appendingPathComponent("Harvest"), projectRoot: province.root)
        XCTAssertEqual(outcomes.map(\.kind), [.fetched])
        let built = try province.build()
        XCTAssertTrue(built.report.succeeded, PortalFixture.lines(built.report).joined(separator: "\n"))
        let skipped = built.report.diagnostics.filter { $0.code == "harvest.skipped" }
        XCTAssertEqual(skipped.count, 1, PortalFixture.lines(built.report).joined(separator: "\n"))
        XCTAssertTrue(skipped[0].message.hasPrefix("A-2 of \"济南市公共数据开放网\" is not published: "), skipped[0].message)
        let site = try String(contentsOf: built.site.appendingPathComponent("catalog.json"), encoding: .utf8)
        XCTAssertTrue(site.contains("好的数据"))
        XCTAssertFalse(site.contains("13812345678"), "personal data in a city's record never reaches the province")
    }

    func testSourcesThatCannotBeUsedAreErrorsAtTheirLine() throws {
        let yaml = """
            sources:
              - name: 济南
                url: ftp://data.jinan.example.gov.cn/catalog.json
              - name: 青岛
                url: https://data.qingdao.example.gov.cn/export
                format: excel
              - url: https://data.yantai.example.gov.cn/catalog.json
            """
        guard case .success(let node) = YAMLReader.parse(yaml, file: "site.yaml") else { return XCTFail() }
        var diagnostics = Diagnostics()
        XCTAssertEqual(HarvestSource.decode(node, into: &diagnostics), [])
        XCTAssertEqual(diagnostics.sorted.map { "\($0.location.line):\($0.location.column): \($0.message)" }, [
            "3:10: source url \"ftp://data.jinan.example.gov.cn/catalog.json\" is not an http(s) address or a file path",
            "6:13: source format \"excel\" is not one of kaifang, dcat, datajson, ckan",
            "7:5: source has no name",
        ])
    }

    private func siteNode(_ project: ImportProject) throws -> YAMLNode? {
        let raw = ContentLoader(root: project.content).load()
        return raw.site
    }

    private func sources(_ project: ImportProject) throws -> [HarvestSource] {
        var diagnostics = Diagnostics()
        let sources = HarvestSource.decode(try siteNode(project), into: &diagnostics)
        XCTAssertEqual(diagnostics.all.count, 0)
        return sources
    }
}

/// Python's static file server on 127.0.0.1 (Last-Modified and If-Modified-Since, as web servers answer), over a fresh folder.
final class StaticTestServer: PythonTestServer, @unchecked Sendable {
    init() throws {
        try super.init(script: """
            import functools, http.server, sys
            class Handler(http.server.SimpleHTTPRequestHandler):
                def log_message(self, *args): pass
            server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), functools.partial(Handler, directory=sys.argv[1]))
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """)
    }
}
