import XCTest
@testable import KaifangKit

final class AtomFeedExporterTests: XCTestCase {
    func testNewestDatasetsFirstLimitedToFeedSize() {
        let catalog = ExportTestCatalog.catalog(ExportTestCatalog.mixed().datasets, feedSize: 2)
        let feed = ExportTestCatalog.text(AtomFeedExporter(), catalog, path: "feed.xml")
        XCTAssertEqual(feed.components(separatedBy: "<entry>").count - 1, 2)
        XCTAssertTrue(feed.contains("<updated>2024-02-20T00:00:00Z</updated>\n  <link rel=\"self\""))
        XCTAssertFalse(feed.contains("tricky"), "the oldest dataset falls outside a feed of two")
        let first = feed.range(of: "公交站点位置")!.lowerBound, second = feed.range(of: "驾驶证核发记录")!.lowerBound
        XCTAssertLessThan(first, second)
    }

    func testEntriesEscapeMarkup() {
        let feed = ExportTestCatalog.text(AtomFeedExporter(), ExportTestCatalog.mixed(), path: "feed.xml")
        XCTAssertTrue(feed.contains("<title>=HYPERLINK(\"http://x\"), 引号\"与&lt;标签&gt;&amp;</title>"))
        XCTAssertTrue(feed.contains("<summary>第一行 第二行 \\ 反斜杠 &lt;/script&gt; ]]&gt; 😀</summary>"))
        XCTAssertTrue(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://data.example.gov.cn/datasets/%E5%85%AC%E4%BA%A4%E7%AB%99%E7%82%B9/\"/>"))
    }

    func testSummaryCutsWholeCharacters() {
        let long = String(repeating: "😀", count: AtomFeedExporter.summaryLength + 5)
        XCTAssertEqual(AtomFeedExporter.summary(long), String(repeating: "😀", count: AtomFeedExporter.summaryLength) + "…")
    }
}

final class SitemapAndRobotsTests: XCTestCase {
    func testSitemapListsAbsoluteEncodedURLsWithDates() {
        let xml = SitemapWriter(baseURL: "https://x.cn/").sitemap([("", nil), ("datasets/公交/", Day(year: 2024, month: 1, day: 2))])
        XCTAssertEqual(xml, """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
          <url><loc>https://x.cn/</loc></url>
          <url><loc>https://x.cn/datasets/%E5%85%AC%E4%BA%A4/</loc><lastmod>2024-01-02</lastmod></url>
        </urlset>

        """)
    }

    func testLargeSitesGetASitemapIndex() {
        let entries = (0..<(SitemapWriter.maximumURLs + 1)).map { (path: "p\($0)/", lastmod: Optional<Day>.none) }
        let artifacts = SitemapWriter(baseURL: "https://x.cn/").artifacts(entries)
        XCTAssertEqual(artifacts.map(\.path), ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"])
        let index = ExportTestCatalog.texts(artifacts)["sitemap.xml"] ?? ""
        XCTAssertTrue(index.contains("<sitemapindex") && index.contains("<loc>https://x.cn/sitemap-2.xml</loc>"))
    }

    func testRobotsNamesTheSitemap() {
        XCTAssertEqual(ExportTestCatalog.text(RobotsExporter(), ExportTestCatalog.mixed(), path: "robots.txt"),
                       "User-agent: *\nAllow: /\n\nSitemap: https://data.example.gov.cn/sitemap.xml\n")
    }
}

final class SchemaOrgDatasetTests: XCTestCase {
    func testJSONLDIsSafeInsideAScriptElement() throws {
        let catalog = ExportTestCatalog.mixed()
        let ld = SchemaOrgDataset.jsonLD(for: catalog.datasets[2], in: catalog)
        XCTAssertFalse(ld.contains("<"))
        XCTAssertFalse(ld.contains("</script"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any])
        XCTAssertEqual(object["name"] as? String, "=HYPERLINK(\"http://x\"), 引号\"与<标签>&")
        XCTAssertEqual(object["description"] as? String, "第一行\n第二行 \\ 反斜杠 </script> ]]> 😀")
        XCTAssertEqual(object["temporalCoverage"] as? String, "2024-01-01/2024-12-31")
        XCTAssertEqual(object["license"] as? String, "https://creativecommons.org/licenses/by/4.0/")
    }

    func testOnlyOpenDatasetsListDownloads() throws {
        let catalog = ExportTestCatalog.mixed()
        let open = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(SchemaOrgDataset.jsonLD(for: catalog.datasets[0], in: catalog).utf8)) as? [String: Any])
        let downloads = try XCTUnwrap(open["distribution"] as? [[String: Any]])
        XCTAssertEqual(downloads.first?["contentUrl"] as? String, "https://data.example.gov.cn/data/jtt/bus-stops.csv")
        XCTAssertEqual(downloads.first?["encodingFormat"] as? String, "text/csv")
        let conditional = SchemaOrgDataset.jsonLD(for: catalog.datasets[1], in: catalog)
        XCTAssertFalse(conditional.contains("distribution"))
        XCTAssertFalse(conditional.contains("driver-licences.csv"))
    }
}

/// What must never leak, checked across every export at once.
final class ExportPrivacyTests: XCTestCase {
    func testConditionalDatasetsHaveNoDownloadURLAnywhere() {
        let texts = ExportTestCatalog.texts(Exports.export(ExportTestCatalog.mixed()))
        XCTAssertFalse(texts.isEmpty)
        for (path, text) in texts {
            XCTAssertFalse(text.contains("data/jtt/driver-licences.csv"), "\(path) links the conditional file")
        }
    }

    func testClosedDatasetsNeverAppearEvenIfTheyReachTheCatalog() {
        var datasets = ExportTestCatalog.mixed().datasets
        datasets.append(ExportTestCatalog.dataset(id: "330100-JT-0099", slug: "driver-rosters", title: "公交司机排班表", openType: .closed))
        let texts = ExportTestCatalog.texts(Exports.export(ExportTestCatalog.catalog(datasets)))
        for (path, text) in texts {
            XCTAssertFalse(text.contains("330100-JT-0099"), "\(path) names the closed dataset's id")
            XCTAssertFalse(text.contains("公交司机排班表"), "\(path) names the closed dataset's title")
            XCTAssertFalse(text.contains("driver-rosters"), "\(path) links the closed dataset")
        }
        XCTAssertFalse(texts.keys.contains { $0.contains("driver-rosters") })
    }

    func testEveryExportIsDeterministic() {
        let catalog = ExportTestCatalog.mixed()
        XCTAssertEqual(ExportTestCatalog.texts(Exports.export(catalog)), ExportTestCatalog.texts(Exports.export(catalog)))
    }
}
