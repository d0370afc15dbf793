import XCTest
import ZIPFoundation
@testable import KaifangKit

/// Each kind of source, written as the other portal writes it: what maps,
/// what is reported with its position, and that the result builds.
final class ImportSourcesTests: XCTestCase {
    private func assertBuilds(_ project: ImportProject, file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: Any]] {
        let built = try project.build()
        // Sources often describe a dataset in a line; that is worth a warning (for search engines), not a failure here.
        let problems = built.report.diagnostics.filter { $0.severity != .note && $0.code != "dataset.description-short" }
        XCTAssertEqual(problems.count, 0, PortalFixture.lines(built.report).joined(separator: "\n"), file: file, line: line)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: built.site.appendingPathComponent("catalog.json"))) as? [String: Any])
        let datasets = try XCTUnwrap(json["datasets"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: datasets.map { ($0["id"] as! String, $0) })
    }

    // MARK: CKAN

    /// A `package_search` response as CKAN 2.9–2.11 writes it, `count` packages from `start`.
    static func ckanPackages(count: Int, start: Int = 0, total: Int? = nil) -> String {
        let groups = [("transport", "交通出行"), ("economy", "经济建设"), ("environment", "资源环境")]
        let organizations = [("jtt", "山东省交通运输厅"), ("fgw", "山东省发展和改革委员会"), ("sthjt", "山东省生态环境厅")]
        var packages: [String] = []
        for index in start..<(start + count) {
            let group = groups[index % groups.count]
            let organization = organizations[index % organizations.count]
            let name = String(format: "dataset-%04d", index)
            packages.append("""
                {
                  "id": "0f1e2d3c-0000-4000-8000-\(String(format: "%012d", index))",
                  "name": "\(name)",
                  "title": "数据集 \(index)：\(group.1)统计",
                  "notes": "<p>第 \(index) 号数据集，<strong>按月</strong>更新。</p><ul><li>来源：\(organization.1)</li><li>范围：全省</li></ul>",
                  "license_id": "\(index % 2 == 0 ? "cc-by" : "odc-odbl")",
                  "license_title": "Creative Commons Attribution",
                  "license_url": \(index % 2 == 0 ? "\"http://www.opendefinition.org/licenses/cc-by\"" : "null"),
                  "metadata_created": "2023-0\(1 + index % 9)-15T08:30:00.000000",
                  "metadata_modified": "2024-0\(1 + index % 9)-20T10:00:00.000000",
                  "maintainer": "数据科",
                  "maintainer_email": "data@\(organization.0).example.gov.cn",
                  "private": false,
                  "state": "active",
                  "type": "dataset",
                  "num_resources": 1,
                  "organization": {"id": "org-\(organization.0)", "name": "\(organization.0)", "title": "\(organization.1)", "description": "\(organization.1)的开放数据。", "is_organization": true},
                  "groups": [{"id": "g-\(group.0)", "name": "\(group.0)", "title": "\(group.1)", "display_name": "\(group.1)"}],
                  "tags": [{"name": "统计", "display_name": "统计"}, {"name": "tag-\(index % 7)", "display_name": "tag-\(index % 7)"}],
                  "extras": [{"key": "frequency", "value": "R/P1M"}, {"key": "temporal_start", "value": "2020-01-01"}],
                  "resources": [
                    {"id": "r-\(index)", "package_id": "p-\(index)", "name": "数据表", "url": "https://files.example.gov.cn/\(name).csv",
                     "format": "CSV", "mimetype": "text/csv", "description": "", "position": 0, "created": "2023-01-15T08:30:00", "size": 1024, "url_type": ""}
                  ]
                }
                """)
        }
        return """
            {"help": "https://ckan.example.org/api/3/action/help_show?name=package_search", "success": true,
             "result": {"count": \(total ?? count), "sort": "name asc", "facets": {}, "results": [
            \(packages.joined(separator: ",\n"))
            ]}}
            """
    }

    func testACKANPackageSearchDumpOfHundredsOfPackagesBuilds() throws {
        let project = try ImportProject()
        try project.write("package_search.json", Self.ckanPackages(count: 300))
        let result = project.importing(.ckan, project.root.appendingPathComponent("package_search.json").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.datasetCount, 300)
        // CKAN's bookkeeping (id, state, num_resources, position, size …) is not reported; nothing else was left.
        XCTAssertEqual(result.diagnostics.filter { $0.severity != .note }.map(\.code), [], result.lines.joined(separator: "\n"))
        let datasets = try assertBuilds(project)
        XCTAssertEqual(datasets.count, 300)
        let first = try XCTUnwrap(datasets["dataset-0000"])
        XCTAssertEqual((first["organization"] as? [String: Any])?["name"] as? String, "山东省交通运输厅")
        XCTAssertEqual((first["themes"] as? [[String: Any]])?.map { $0["title"] as? String }, ["交通出行"])
        XCTAssertEqual(first["keywords"] as? [String], ["统计", "tag-0"])
        XCTAssertEqual(first["update_frequency"] as? String, "monthly")
        XCTAssertEqual(first["issued"] as? String, "2023-01-15")
        XCTAssertEqual((first["license"] as? [String: Any])?["id"] as? String, "CC-BY-4.0")
        XCTAssertEqual((datasets["dataset-0001"]?["license"] as? [String: Any])?["id"] as? String, "ODbL-1.0")
        // The HTML description became Markdown: the list and the emphasis survive.
        let file = try project.file("Content/datasets/dataset-0000.md")
        XCTAssertTrue(file.contains("第 0 号数据集，**按月**更新。\n\n- 来源：山东省交通运输厅\n- 范围：全省"), file)
        XCTAssertTrue(try project.file("Content/organizations/jtt.md").contains("山东省交通运输厅的开放数据。"))
        XCTAssertTrue(try project.file("Content/site.yaml").contains("- {slug: transport, title: \"交通出行\"}"))
    }

    func testCKANFieldsWithNoPlaceAreListedWithTheirLinePrivatePackagesStayClosed() throws {
        let project = try ImportProject()
        try project.write("package_show.json", """
            {"success": true, "result": {
              "name": "private-permits",
              "title": "内部审批台账",
              "private": true,
              "organization": {"name": "zwfw", "title": "政务服务中心"},
              "url": "https://old.example.gov.cn/permits",
              "version": "2.1",
              "extras": [{"key": "dcat_issued_by", "value": "办公室"}],
              "resources": [{"name": "台账", "format": "XLSX", "url": "", "datastore_active": false}]
            }}
            """)
        let result = project.importing(.ckan, project.root.appendingPathComponent("package_show.json").path)
        let lines = result.lines.filter { !$0.hasPrefix("  hint") }.map { $0.replacingOccurrences(of: project.root.path + "/", with: "") }
        XCTAssertTrue(lines.contains("package_show.json:6:10: warning: package private-permits: field \"url\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("package_show.json:7:14: warning: package private-permits: field \"version\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("package_show.json:8:14: warning: package private-permits: field \"extras.dcat_issued_by\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("package_show.json:9:17: warning: package private-permits: resource \"台账\" has no URL") }, lines.joined(separator: "\n"))
        XCTAssertTrue(try project.file("Content/datasets/private-permits.md").contains("open_type: closed"))
    }

    func testACKANSiteIsReadThroughItsAPIPageByPage() throws {
        let server = try CKANTestServer(total: 2_345)
        defer { server.stop() }
        let project = try ImportProject()
        let result = project.importing(.ckan, "http://127.0.0.1:\(server.port)/")
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.datasetCount, 2_345)
        XCTAssertEqual(server.requests(), ["start=0", "start=1000", "start=2000"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.content.appendingPathComponent("datasets/dataset-2344.md").path))
    }

    func testAnUnreachableSourceIsOneClearError() throws {
        let project = try ImportProject()
        let result = project.importing(.datajson, "http://127.0.0.1:9/data.json")
        XCTAssertFalse(result.succeeded)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("cannot fetch http://127.0.0.1:9/data.json"), result.diagnostics[0].message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.content.path), "nothing is written when nothing was read")
    }

    // MARK: JKAN

    func testAJKANSiteImportsWithItsCategoriesLicencesAndDefaults() throws {
        let project = try ImportProject()
        try project.write("jkan/_config.yml", """
            title: Open Data Jinan
            url: https://opendata.jinan.example.org
            baseurl: /portal
            defaults:
              - scope:
                  path: ""
                  type: datasets
                values:
                  layout: dataset
                  category: Uncategorized
                  organization: N/A
            """)
        try project.write("jkan/_data/licenses.yml", """
            items:
              - name: Creative Commons Attribution
                url: http://www.opendefinition.org/licenses/cc-by
              - name: Not Applicable
                url:
            """)
        try project.write("jkan/_categories/transportation.md", "---\ntitle: Transportation\nlogo: /img/transport.svg\n---\n")
        try project.write("jkan/_organizations/streets-department.md", "---\ntitle: Streets Department\ndescription: Roads and bridges.\nlogo: /img/streets.png\n---\n")
        try project.write("jkan/_datasets/Bike Lanes (2019).md", """
            ---
            schema: default
            title: Bike Lanes
            organization: Streets Department
            notes: |-
              Bike lanes in the city.
            resources:
              - name: Bike lanes (GeoJSON)
                url: https://files.example.org/bike-lanes.geojson
                format: geojson
            license: Creative Commons Attribution
            category:
              - Transportation
            maintainer: Jane Doe
            maintainer_email: jane@example.org
            layout: dataset
            ---
            """)
        try project.write("jkan/_datasets/permits.md", """
            ---
            title: Permits
            notes: Street permits.
            license: Not Applicable
            resources:
              - name: Permits
                url: https://files.example.org/permits.csv
                format: csv
                size: 12 MB
            ---
            """)
        let result = project.importing(.jkan, project.root.appendingPathComponent("jkan").path, baseURL: nil)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.map(\.code), ["import.unmapped"])
        XCTAssertTrue(result.lines[0].hasSuffix("_datasets/permits.md:9:5: warning: _datasets/permits.md: field \"resources[0].size\" has no place in Kaifang's format and was not imported [import.unmapped]"), result.lines[0])
        let site = try project.file("Content/site.yaml")
        XCTAssertTrue(site.contains("title: Open Data Jinan\nbase_url: https://opendata.jinan.example.org/portal/"), site)
        XCTAssertTrue(site.contains("- {slug: transportation, title: \"Transportation\"}"), site)
        XCTAssertTrue(site.contains("- {slug: uncategorized, title: \"Uncategorized\"}"), site)
        let datasets = try assertBuilds(project)
        let lanes = try XCTUnwrap(datasets["Bike Lanes (2019)"])
        XCTAssertEqual(lanes["slug"] as? String, "Bike-Lanes-2019")
        // licenses.yml's address is CKAN's register entry for CC BY, read as CC-BY-4.0 as the build reads the name.
        XCTAssertEqual((lanes["license"] as? [String: Any])?["id"] as? String, "CC-BY-4.0")
        XCTAssertEqual((lanes["organization"] as? [String: Any])?["name"] as? String, "Streets Department")
        XCTAssertEqual((lanes["contact"] as? [String: Any])?["email"] as? String, "jane@example.org")
        // JKAN showed a dataset with no organization under its default, N/A: so does the import.
        let permits = try XCTUnwrap(datasets["permits"])
        XCTAssertEqual((permits["organization"] as? [String: Any])?["name"] as? String, "N/A")
        XCTAssertEqual((permits["themes"] as? [[String: Any]])?.map { $0["title"] as? String }, ["Uncategorized"])
    }

    // MARK: Spreadsheets

    func testAGB18030CatalogueWithTheOfficesOwnHeadersAndSeveralRowsPerDataset() throws {
        let project = try ImportProject()
        let csv = """
            山东省公共数据开放目录（2025年）,,,,,,,,
            序号,数据目录名称,数源部门,数据领域,开放属性,更新频率,发布时间,资源格式,下载地址,备注
            1,公交线路,省交通运输厅,交通出行,普遍开放,每月,2024年3月5日,CSV,https://files.example.gov.cn/bus.csv,
            2,公交线路,省交通运输厅,交通出行,普遍开放,每月,2024年3月5日,JSON,https://files.example.gov.cn/bus.json,
            3,企业信用评价,省发展改革委,信用服务,依申请开放,每季,2023-11-01,XLSX,https://files.example.gov.cn/credit.xlsx,内部核对
            4,,省发展改革委,,,,,,,
            """
        let encoded = try XCTUnwrap(TestEncoding.gb18030(csv.replacingOccurrences(of: "\n", with: "\r\n")))
        try project.write("目录.csv", data: encoded)
        let result = project.importing(.sheet, project.root.appendingPathComponent("目录.csv").path)
        let lines = result.lines.filter { !$0.hasPrefix("  hint") }.map { $0.replacingOccurrences(of: project.root.path + "/", with: "") }
        XCTAssertEqual(result.datasetCount, 2, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("目录.csv:2:1: warning: column \"序号\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("目录.csv:2:46: warning: column \"备注\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("目录.csv:6:1: error: row 6 has no dataset name (信息资源名称) and was not imported [import.record]"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("目录.csv:3:1: note: row 3 (公交线路) has no resource code") }, lines.joined(separator: "\n"))
        let datasets = try assertBuilds(project)
        let bus = try XCTUnwrap(datasets.values.first { $0["title"] as? String == "公交线路" })
        XCTAssertEqual((bus["resources"] as? [[String: Any]])?.map { $0["format"] as? String }, ["CSV", "JSON"])
        XCTAssertEqual(bus["open_type"] as? String, "open")
        XCTAssertEqual(bus["issued"] as? String, "2024-03-05")
        let credit = try XCTUnwrap(datasets.values.first { $0["title"] as? String == "企业信用评价" })
        XCTAssertEqual(credit["open_type"] as? String, "conditional")
        XCTAssertEqual(credit["update_frequency"] as? String, "quarterly")
        // Importing the same sheet again finds the same files by their generated ids.
        let again = try XCTUnwrap(project.importing(.sheet, project.root.appendingPathComponent("目录.csv").path).summary)
        XCTAssertEqual(again.created, [])
        XCTAssertEqual(again.updated, [])
    }

    /// The guideline's sharing columns (共享条件, 共享方式, 使用要求) land in the written files.
    func testTheSharingColumnsOfACatalogueSheetAreImported() throws {
        let project = try ImportProject()
        let csv = """
            信息资源代码,信息资源名称,信息资源提供方,开放属性,共享属性,共享条件,共享方式,使用要求,资源格式,资源地址
            370000-MZT-000009,婚姻登记统计,省民政厅,不予开放,有条件共享,仅用于婚姻状况核验,接口,不得向第三方提供,API,https://share.example.gov.cn/marriage
            """
        try project.write("目录.csv", csv)
        let result = project.importing(.sheet, project.root.appendingPathComponent("目录.csv").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.filter { $0.code == "import.unmapped" }.count, 0, result.lines.joined(separator: "\n"))
        let files = try FileManager.default.contentsOfDirectory(atPath: project.content.appendingPathComponent("datasets").path)
        let text = try project.file("Content/datasets/" + XCTUnwrap(files.first))
        XCTAssertTrue(text.contains("share_type: conditional\nshare_condition: 仅用于婚姻状况核验\nshare_method: api\nshare_requirements: 不得向第三方提供\n"), text)
    }

    func testAnXLSXCatalogueWithTheGuidelinesHeaders() throws {
        let project = try ImportProject()
        let rows = [
            ["信息资源代码", "信息资源名称", "信息资源提供方", "信息资源分类", "开放属性", "共享属性", "更新周期", "发布日期", "资源名称", "资源格式", "资源地址"],
            ["370000-JTT-000001", "高速公路收费站", "山东省交通运输厅", "交通", "无条件开放", "无条件共享", "每年", "45383", "收费站名录", "CSV", "https://files.example.gov.cn/toll.csv"],
            ["370000-JTT-000001", "高速公路收费站", "山东省交通运输厅", "交通", "无条件开放", "无条件共享", "每年", "45383", "收费站位置", "GeoJSON", "https://files.example.gov.cn/toll.geojson"],
            ["370000-JTT-000002", "客运站", "山东省交通运输厅", "交通", "不予开放", "有条件共享", "每月", "2024-01-02", "", "", ""],
        ]
        try project.write("目录.xlsx", data: try Self.xlsx(rows))
        let result = project.importing(.sheet, project.root.appendingPathComponent("目录.xlsx").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        XCTAssertEqual(result.diagnostics.count, 0, result.lines.joined(separator: "\n"))
        let text = try project.file("Content/datasets/370000-jtt-000001.md")
        XCTAssertTrue(text.contains("issued: 2024-04-01"), text)  // 45383 is Excel's serial for 2024-04-01
        let datasets = try assertBuilds(project)
        XCTAssertEqual((datasets["370000-JTT-000001"]?["resources"] as? [[String: Any]])?.count, 2)
        XCTAssertNil(datasets["370000-JTT-000002"], "the closed dataset is imported but not published")
        XCTAssertTrue(try project.file("Content/datasets/370000-jtt-000002.md").contains("open_type: closed"))
    }

    /// A minimal XLSX: shared strings for text, numbers for numeric cells, as Excel writes them.
    static func xlsx(_ rows: [[String]]) throws -> Data {
        var strings: [String] = []
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        var sheetRows = ""
        for (rowIndex, row) in rows.enumerated() {
            sheetRows += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, value) in row.enumerated() where !value.isEmpty {
                let reference = String(UnicodeScalar(65 + columnIndex)!) + "\(rowIndex + 1)"
                if Int(value) != nil {
                    sheetRows += "<c r=\"\(reference)\"><v>\(value)</v></c>"
                } else {
                    if !strings.contains(value) { strings.append(value) }
                    sheetRows += "<c r=\"\(reference)\" t=\"s\"><v>\(strings.firstIndex(of: value)!)</v></c>"
                }
            }
            sheetRows += "</row>"
        }
        let members: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"目录\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
            ("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + strings.map { "<si><t>\(escape($0))</t></si>" }.joined() + "</sst>"),
            ("xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(sheetRows)</sheetData></worksheet>"),
        ]
        let archive = try Archive(accessMode: .create)
        for (path, text) in members {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try XCTUnwrap(archive.data)
    }

    // MARK: DCAT from other portals

    func testDCATAPFromAnotherPortalInTurtle() throws {
        let project = try ImportProject()
        try project.write("catalog.ttl", """
            @prefix dcat: <http://www.w3.org/ns/dcat#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix adms: <http://www.w3.org/ns/adms#> .
            @base <https://portal.example.eu/> .

            <catalog> a dcat:Catalog ; dct:title "Example Portal"@en ; dcat:dataset <dataset/air-quality>, _:roads .

            <dataset/air-quality> a dcat:Dataset ;
                dct:identifier "AQ-2024" ;
                dct:title "Air quality"@en, "空气质量"@zh ;
                dct:description \"\"\"Hourly measurements.
            Two lines.\"\"\"@en ;
                dcat:keyword "air"@en, "空气"@zh ;
                dct:publisher [ a foaf:Organization ; foaf:name "环境监测中心"@zh ] ;
                dcat:theme <http://publications.europa.eu/resource/authority/data-theme/ENVI> ;
                dct:accrualPeriodicity <http://publications.europa.eu/resource/authority/frequency/DAILY> ;
                dct:accessRights <http://publications.europa.eu/resource/authority/access-right/PUBLIC> ;
                dct:issued "2024-01-05T00:00:00"^^xsd:dateTime ;
                dct:temporal [ a dct:PeriodOfTime ; dcat:startDate "2020-01-01"^^xsd:date ] ;
                dcat:contactPoint [ vcard:fn "值班室" ; vcard:hasEmail <mailto:aq@example.eu> ] ;
                adms:versionNotes "v2" ;
                dcat:distribution [
                    a dcat:Distribution ; dct:title "Hourly CSV" ;
                    dcat:downloadURL <https://files.example.eu/aq.csv> ;
                    dct:format <http://publications.europa.eu/resource/authority/file-type/CSV> ;
                    dct:license <https://creativecommons.org/licenses/by/4.0/>
                ] .

            _:roads a dcat:Dataset ; dct:title "道路" ; dct:publisher [ foaf:name "交通局" ] ;
                dct:accessRights <http://publications.europa.eu/resource/authority/access-right/RESTRICTED> ;
                dcat:distribution [ dcat:accessURL <https://api.example.eu/roads> ] .
            """)
        let result = project.importing(.dcat, project.root.appendingPathComponent("catalog.ttl").path)
        XCTAssertTrue(result.succeeded, result.lines.joined(separator: "\n"))
        let lines = result.lines.map { $0.replacingOccurrences(of: project.root.path + "/", with: "") }
        XCTAssertTrue(lines.contains("catalog.ttl:11:1: warning: dataset 1 (空气质量): field \"http://www.w3.org/ns/adms#versionNotes\" has no place in Kaifang's format and was not imported [import.unmapped]"), lines.joined(separator: "\n"))
        let datasets = try assertBuilds(project)
        let air = try XCTUnwrap(datasets["AQ-2024"])
        XCTAssertEqual(air["title"] as? String, "空气质量")
        XCTAssertEqual(air["keywords"] as? [String], ["空气"])
        XCTAssertEqual(air["update_frequency"] as? String, "daily")
        XCTAssertEqual(air["issued"] as? String, "2024-01-05")
        XCTAssertEqual((air["temporal"] as? [String: Any])?["start"] as? String, "2020-01-01")
        XCTAssertEqual((air["license"] as? [String: Any])?["id"] as? String, "CC-BY-4.0")
        XCTAssertEqual((air["themes"] as? [[String: Any]])?.map { $0["title"] as? String }, ["Environment"])
        XCTAssertTrue(try project.file("Content/site.yaml").contains("eu_theme: ENVI"))
        let roads = try XCTUnwrap(datasets.values.first { $0["title"] as? String == "道路" })
        XCTAssertEqual(roads["open_type"] as? String, "conditional")
        XCTAssertEqual((roads["resources"] as? [[String: Any]])?.first?["format"] as? String, "API")
    }

    func testDCATInRDFXMLAndJSONLDFromAnotherPortal() throws {
        let rdfXML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#"
                     xmlns:dct="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/">
              <dcat:Dataset rdf:about="https://portal.example.eu/dataset/parks">
                <dct:title xml:lang="zh">公园</dct:title>
                <dct:identifier>PARKS</dct:identifier>
                <dct:description>&lt;p&gt;城市&lt;b&gt;公园&lt;/b&gt;名录&lt;/p&gt;</dct:description>
                <dct:publisher rdf:parseType="Resource"><foaf:name>园林局</foaf:name></dct:publisher>
                <dct:modified rdf:datatype="http://www.w3.org/2001/XMLSchema#date">2024-06-30</dct:modified>
                <dcat:distribution>
                  <dcat:Distribution dct:title="公园名录">
                    <dcat:downloadURL rdf:resource="https://files.example.eu/parks.json"/>
                    <dcat:mediaType rdf:resource="https://www.iana.org/assignments/media-types/application/json"/>
                  </dcat:Distribution>
                </dcat:distribution>
              </dcat:Dataset>
            </rdf:RDF>
            """
        let jsonLD = """
            {"@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
                          "title": {"@id": "dct:title", "@language": "zh"}, "downloadURL": {"@id": "dcat:downloadURL", "@type": "@id"}},
             "@graph": [{"@id": "https://portal.example.eu/dataset/parks", "@type": "dcat:Dataset", "title": "公园",
                         "dct:identifier": "PARKS", "dct:description": "<p>城市<b>公园</b>名录</p>",
                         "dct:publisher": {"foaf:name": "园林局"}, "dct:modified": {"@value": "2024-06-30", "@type": "http://www.w3.org/2001/XMLSchema#date"},
                         "dcat:distribution": [{"@type": "dcat:Distribution", "dct:title": "公园名录", "downloadURL": "https://files.example.eu/parks.json",
                                                "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/application/json"}}]}]}
            """
        for (name, text) in [("catalog.rdf", rdfXML), ("catalog.jsonld", jsonLD)] {
            let project = try ImportProject()
            try project.write(name, text)
            let result = project.importing(.dcat, project.root.appendingPathComponent(name).path)
            XCTAssertTrue(result.succeeded, "\(name): " + result.lines.joined(separator: "\n"))
            // Nothing unmapped; the source has no themes, so site.yaml gets one, said in a note.
            XCTAssertEqual(result.diagnostics.map(\.code), ["import.theme"], "\(name): " + result.lines.joined(separator: "\n"))
            let file = try project.file("Content/datasets/parks.md")
            XCTAssertTrue(file.contains("title: 公园\n"), "\(name): \(file)")
            XCTAssertTrue(file.contains("\n城市**公园**名录\n"), "\(name): \(file)")
            XCTAssertTrue(file.contains("modified: 2024-06-30"), "\(name): \(file)")
            XCTAssertTrue(file.contains("format: JSON\n    url: https://files.example.eu/parks.json\n    media_type: application/json"), "\(name): \(file)")
            _ = try assertBuilds(project)
        }
    }

    func testBrokenSourcesSayWhereTheyBreak() throws {
        let project = try ImportProject()
        try project.write("bad.json", "{\"dataset\": [\n  {\"title\": \"x\",}\n]}")
        try project.write("bad.ttl", "@prefix dct: <http://purl.org/dc/terms/> .\n<a> dct:title \"x\" ;\n  nope:title \"y\" .\n")
        let json = project.importing(.datajson, project.root.appendingPathComponent("bad.json").path)
        XCTAssertEqual(json.lines.first?.replacingOccurrences(of: project.root.path + "/", with: ""),
                       "bad.json:2:17: error: not readable as JSON: expected a quoted member name [import.source]")
        let turtle = project.importing(.dcat, project.root.appendingPathComponent("bad.ttl").path)
        XCTAssertEqual(turtle.lines.first?.replacingOccurrences(of: project.root.path + "/", with: ""),
                       "bad.ttl:3:8: error: not readable as Turtle: 3:8: the prefix \"nope:\" is not declared [import.source]")
        XCTAssertFalse(FileManager.default.fileExists(atPath: project.content.path))
    }
}

/// A CKAN API on 127.0.0.1 that pages `package_search` as CKAN does, and remembers what was asked.
final class CKANTestServer: PythonTestServer, @unchecked Sendable {
    static let script = """
        import http.server, sys, urllib.parse, os
        folder = sys.argv[1]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                url = urllib.parse.urlparse(self.path)
                start = urllib.parse.parse_qs(url.query).get('start', ['0'])[0]
                path = os.path.join(folder, 'page-' + start + '.json')
                with open(os.path.join(folder, 'requests.log'), 'a') as log:
                    log.write('start=' + start + '\\n')
                if url.path != '/api/3/action/package_search' or not os.path.exists(path):
                    self.send_response(404); self.end_headers(); return
                body = open(path, 'rb').read()
                self.send_response(200)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    init(total: Int) throws {
        // The pages are written in advance; the server only picks one by `start`.
        try super.init(script: Self.script) { folder in
            for start in stride(from: 0, to: total, by: 1000) {
                try Data(ImportSourcesTests.ckanPackages(count: min(1000, total - start), start: start, total: total).utf8)
                    .write(to: folder.appendingPathComponent("page-\(start).json"))
            }
        }
    }

    func requests() -> [String] {
        ((try? String(contentsOf: folder.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
