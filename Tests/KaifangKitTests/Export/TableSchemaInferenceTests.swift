import XCTest
@testable import KaifangKit

final class TableSchemaInferenceTests: XCTestCase {
    func infer(_ text: String, separator: Character = ",") -> [String]? {
        TableSchemaInference.infer(Data(text.utf8), separator: separator)?.map { "\($0.name):\($0.type)" }
    }

    func testEveryValueOfAColumnDecidesItsType() {
        XCTAssertEqual(infer("\u{FEFF}编号,金额,日期,名称,区号\r\n1,12.5,2024-01-31,甲,0531\r\n-2,3,2024-02-29,乙,0532\r\n"),
                       ["编号:integer", "金额:number", "日期:date", "名称:string", "区号:string"])
    }

    func testOneOddValueAnywhereWidensTheColumn() {
        XCTAssertEqual(infer("a,b\n1,2024-01-01\n2,2024-02-30\nN/A,2024-03-01\n"), ["a:string", "b:string"])
        XCTAssertEqual(infer("a\n1\n2.5\n"), ["a:number"])
        XCTAssertEqual(infer("a\n1e5\n"), ["a:string"], "no exponents: Table Schema's number would need bareNumber rules")
    }

    func testEmptyCellsAreMissingValuesNotStrings() {
        XCTAssertEqual(infer("a,b\n1,\n,2\n"), ["a:integer", "b:integer"])
        XCTAssertEqual(infer("a\n"), ["a:integer"], "no rows: nothing to contradict the narrowest type")
    }

    func testAHeaderNoSchemaCanNameGivesNoSchema() {
        XCTAssertNil(infer("a,,c\n1,2,3\n"))
        XCTAssertNil(infer("a,a\n1,2\n"))
        XCTAssertNil(infer(""))
        XCTAssertNil(TableSchemaInference.infer(Data([0xC4, 0xE3, 0x2C, 0x0A])), "not UTF-8 (GB18030)")
    }

    func testTabSeparatedFiles() {
        XCTAssertEqual(infer("站点\t客流\n甲\t120\n", separator: "\t"), ["站点:string", "客流:integer"])
    }
}
