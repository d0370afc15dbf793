import XCTest
@testable import KaifangKit

final class CSVReaderTests: XCTestCase {
    func testQuotedCellsMaySpanLinesAndKeepTheirPhysicalLine() throws {
        let rows = try CSVReader.parse("a,b\n\"多\n行\",\"x\"\"y\"\n3,4\n").get()
        XCTAssertEqual(rows.map { $0.cells.map(\.value) }, [["a", "b"], ["多\n行", "x\"y"], ["3", "4"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 4])
        XCTAssertEqual(rows[1].cells[1].line, 3)
        XCTAssertEqual(rows[1].cells[1].column, 4)
    }

    func testUnclosedQuoteIsAFailureAtTheCell() {
        guard case .failure(let failure) = CSVReader.parse("a,b\n1,\"open\n") else { return XCTFail() }
        XCTAssertEqual(failure.line, 2)
        XCTAssertEqual(failure.column, 3)
    }

    func testLastLineWithoutNewlineAndEmptyCells() throws {
        let rows = try CSVReader.parse("a,,c").get()
        XCTAssertEqual(rows.first?.cells.map(\.value), ["a", "", "c"])
    }

    func testCatalogRowsBecomeDatasetFieldsWithListsAndNestedFields() {
        let loader = CatalogCSVLoader(file: "catalog.csv")
        let (rows, diagnostics) = loader.parse("信息资源代码,信息资源名称,信息资源分类,联系人,资源地址,colour\nA-1,名称,transport；credit,王工,https://x.example/a.csv,red\n")
        XCTAssertEqual(diagnostics.all.map(\.message), ["unknown column \"colour\" is ignored"])
        let row = rows[0]
        XCTAssertEqual(row.slug, "a-1")
        XCTAssertEqual(row["themes"]?.items?.compactMap(\.scalar), ["transport", "credit"])
        XCTAssertEqual(row["contact"]?["name"]?.scalar, "王工")
        XCTAssertEqual(row["resources"]?.items?.first?["url"]?.scalar, "https://x.example/a.csv")
        XCTAssertEqual(row["title"]?.location, SourceLocation(file: "catalog.csv", line: 2, column: 5))
    }

    func testRowWithWrongCellCountIsAnError() {
        let (_, diagnostics) = CatalogCSVLoader(file: "catalog.csv").parse("id,title\nA-1,a,b\n")
        XCTAssertEqual(diagnostics.all.map(\.message), ["this row has 3 cells but the header has 2"])
    }
}
