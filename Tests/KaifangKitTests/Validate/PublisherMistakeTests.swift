import XCTest
@testable import KaifangKit

/// The mistakes of a publisher's first hour get a message that says what
/// happened and where, once: a reused id, a department written by its
/// Chinese name or a misspelt code.
final class PublisherMistakeTests: XCTestCase {
    private func hints(_ report: BuildReport, code: String) -> [String] {
        report.diagnostics.filter { $0.code == code }.map { $0.hint ?? "" }
    }

    func testAnIdUsedByTwoFilesNamesBothWithTheirLines() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/datasets/zz-new.md", "---\ntitle: 新数据\nid: 370000-XYZX-000002\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n")
        let report = portal.check()
        XCTAssertEqual(PortalFixture.lines(report),
                       ["Content/datasets/zz-new.md:3:5: error: id \"370000-XYZX-000002\" is used twice: by Content/datasets/credit-list.md (line 2) and by this file"])
        XCTAssertEqual(hints(report, code: "dataset.duplicate-id"),
                       ["every resource code (信息资源代码) must be unique: give the dataset added last a new id"])
    }

    func testTwoCatalogRowsWithOneIdNameTheRowLine() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/catalog.csv", "id,title,organization,themes,open_type,issued\n"
            + "370000-JTT-000500,甲,jtt,transport,open,2024-01-01\n370000-JTT-000501,乙,jtt,transport,open,2024-01-01\n"
            + "370000-JTT-000500,丙,jtt,transport,open,2024-01-01\n")
        XCTAssertEqual(PortalFixture.lines(portal.check()),
                       ["Content/catalog.csv:4:1: error: id \"370000-JTT-000500\" is used twice: by the catalog.csv row on line 2 (Content/catalog.csv) and by this catalog.csv row"])
    }

    func testANewFileTakingACatalogRowsIdIsSaidOnce() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/catalog.csv", "id,title,organization,themes,open_type,issued\n"
            + "370000-JTT-000500,公路里程,xyzx,credit,conditional,2020-01-01\n")
        try portal.write("Content/datasets/road.md", "---\nid: 370000-JTT-000500\ntitle: 道路养护\norganization: jtt\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n")
        let report = portal.check()
        XCTAssertEqual(PortalFixture.lines(report), [
            "Content/catalog.csv:2:1: error: this row and Content/datasets/road.md share id \"370000-JTT-000500\" but differ in "
                + "5 fields: title (line 3), organization (line 4), themes (line 5), open_type (line 6), issued (line 7)",
        ])
    }

    func testOneDifferentFieldKeepsItsOwnMessage() throws {
        let portal = try PortalFixture(PortalFixture.minimal)
        try portal.write("Content/catalog.csv", "id,title\n370000-JTT-000001,另一个标题\n")
        XCTAssertEqual(PortalFixture.lines(portal.check()),
                       ["Content/catalog.csv:2:19: error: title differs from Content/datasets/bus-stops.md (line 3) for dataset \"370000-JTT-000001\""])
    }

    private func portalWithUnknownDepartment(_ value: String, extraDepartments: Int = 0) throws -> BuildReport {
        let portal = try PortalFixture(PortalFixture.minimal)
        for index in 0..<extraDepartments {
            try portal.write("Content/organizations/dept\(index).md", "---\nname: 测试第\(index)局\n---\n")
        }
        try portal.write("Content/datasets/zz-new.md", "---\nid: 370000-JTT-000900\ntitle: 新数据\norganization: \(value)\nthemes: [transport]\nopen_type: open\nissued: 2024-01-01\n---\n")
        let report = portal.check()
        XCTAssertEqual(PortalFixture.lines(report), ["Content/datasets/zz-new.md:4:15: error: unknown organization \"\(value)\""])
        return report
    }

    func testADepartmentWrittenByPartOfItsChineseNameIsFound() throws {
        XCTAssertEqual(hints(try portalWithUnknownDepartment("交通运输厅"), code: "dataset.organization"),
                       ["did you mean jtt (测试交通运输厅)? the others are: xyzx (测试公共信用信息中心)"])
        XCTAssertEqual(hints(try portalWithUnknownDepartment("测试公共信用中心"), code: "dataset.organization"),
                       ["did you mean xyzx (测试公共信用信息中心)? the others are: jtt (测试交通运输厅)"])
    }

    func testAMisspeltCodeIsFound() throws {
        XCTAssertEqual(hints(try portalWithUnknownDepartment("jttt"), code: "dataset.organization"),
                       ["did you mean jtt (测试交通运输厅)? the others are: xyzx (测试公共信用信息中心)"])
    }

    func testFewDepartmentsAreAllListed() throws {
        XCTAssertEqual(hints(try portalWithUnknownDepartment("gat"), code: "dataset.organization"),
                       ["the departments are: jtt (测试交通运输厅), xyzx (测试公共信用信息中心)"])
    }

    func testManyDepartmentsListEveryCloseMatchOrSayHowManyThereAre() throws {
        // 22 departments: 测试第0局 … 测试第9局 are one character from 测试第局, 测试第10局 … two;
        // eight are named and the other two as close are counted, not dropped unsaid.
        let hint = try XCTUnwrap(hints(try portalWithUnknownDepartment("测试第局", extraDepartments: 20), code: "dataset.organization").first)
        XCTAssertTrue(hint.hasPrefix("did you mean dept0 (测试第0局) or dept1 (测试第1局)"), hint)
        XCTAssertTrue(hint.contains("(and 2 more as close)"), hint)
        XCTAssertEqual(hints(try portalWithUnknownDepartment("gat", extraDepartments: 20), code: "dataset.organization"),
                       ["no department's code or name is close to \"gat\"; the 22 departments are the files in Content/organizations/ "
                        + "(write the file's name without .md, or the department's `name`)"])
    }
}
