import Foundation
import XCTest
@testable import KaifangKit

/// Access attributes hold for every file and every derived string: nothing
/// of a conditional or closed resource's hidden path or URL reaches the
/// site, and a file cannot be both published and withheld.
final class AccessLeakTests: XCTestCase {
    /// Distinctive pieces of the hidden locations; none may appear in any output file, in any form.
    static let secrets = ["hidden-api", "secret-endpoint-x7q", "records-feed-m2w", "token-q8w8", "secret-folder-k9", "records-z3",
                          "closed-vault-p4", "ledger-j6"]

    private func hiddenLocations(_ portal: PortalFixture) throws {
        try portal.write("Content/data/secret-folder-k9/records-z3.csv", "单位名称\n某公司\n")
        try portal.write("Content/data/closed-vault-p4/ledger-j6.csv", "布点\n某地\n")
        try portal.write("Content/datasets/conditional-api.md", """
            ---
            id: 370000-XYZX-000777
            title: 有条件开放接口
            organization: xyzx
            themes: [credit]
            open_type: conditional
            issued: 2024-05-01
            resources:
              - name: 查询接口
                format: API
                url: https://hidden-api.example.gov.cn/secret-endpoint-x7q/v1/records-feed-m2w.json?key=token-q8w8
              - name: 明细
                format: CSV
                path: secret-folder-k9/records-z3.csv
              - name: 明细
                format: CSV
                url: https://hidden-api.example.gov.cn/records-z3.csv
            ---
            需申请。
            """)
        try portal.write("Content/datasets/closed-ledger.md", """
            ---
            id: 370000-XYZX-000778
            title: 不予开放台账
            organization: xyzx
            open_type: closed
            issued: 2024-05-02
            resources:
              - name: 台账
                format: CSV
                path: closed-vault-p4/ledger-j6.csv
            ---
            不予开放。
            """)
    }

    func testNoOutputFileHoldsAnythingOfAHiddenPathOrURL() throws {
        let (portal, report, _) = try rebuildPortal(hiddenLocations)
        XCTAssertTrue(report.succeeded, PortalFixture.lines(report).joined(separator: "\n"))
        XCTAssertTrue(portal.exists("datasets/conditional-api/datapackage.json"))
        var checked = 0
        for file in portal.outputFiles() {
            let text = String(decoding: try Data(contentsOf: portal.output.appendingPathComponent(file)), as: UTF8.self).lowercased()
            // Also the forms a string takes in URLs and JSON: percent- and backslash-escaped.
            let decoded = (text.removingPercentEncoding ?? text).replacingOccurrences(of: "\\/", with: "/")
            for secret in Self.secrets {
                XCTAssertFalse(decoded.contains(secret), "\"\(secret)\" leaks into \(file)")
                XCTAssertFalse(file.lowercased().contains(secret), "\"\(secret)\" names the output file \(file)")
            }
            checked += 1
        }
        XCTAssertGreaterThan(checked, 20)
        // The conditional resources keep their public identity: name and position.
        let package = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(portal.read("datasets/conditional-api/datapackage.json").utf8)) as? [String: Any])
        let names = (package["conditional_resources"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        XCTAssertEqual(names, [DataPackageExporter.packageName("查询接口"), DataPackageExporter.packageName("明细"),
                               DataPackageExporter.packageName("明细") + "-2"])
    }

    func testAFileOfAnOpenAndAConditionalDatasetIsRefusedAtBothReferences() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/datasets/copycat.md", """
                ---
                id: 370000-JTT-000002
                title: 公开名单
                organization: jtt
                open_type: open
                issued: 2024-06-01
                resources:
                  - name: 名单
                    format: CSV
                    path: ./xyzx//list.csv
                ---
                正文
                """)
        }, [
            "Content/datasets/copycat.md:10:11: error: the file \"xyzx/list.csv\" is also a resource of the conditional (有条件开放) dataset \"守信激励名单\" (Content/datasets/credit-list.md:11:11); listing it here would publish it",
            "Content/datasets/credit-list.md:11:11: error: the file \"xyzx/list.csv\" of this conditional (有条件开放) dataset is also a resource of the open dataset \"公开名单\" (Content/datasets/copycat.md:10:11), which would publish it",
        ])
    }

    func testALinkToAClosedDatasetsFileIsRefusedToo() throws {
        try assertPortalRefused({ portal in
            try FileManager.default.createSymbolicLink(atPath: portal.root.appendingPathComponent("Content/data/jtt/copy.csv").path,
                                                       withDestinationPath: "../xyzx/secret.csv")
            try portal.write("Content/datasets/linked.md", """
                ---
                id: 370000-JTT-000003
                title: 链接
                organization: jtt
                open_type: open
                issued: 2024-06-01
                resources:
                  - name: 文件
                    format: CSV
                    path: jtt/copy.csv
                ---
                正文
                """)
        }, [
            "Content/datasets/linked.md:10:11: error: the file \"jtt/copy.csv\" is also a resource of the closed (不予开放) dataset \"绝密布点登记簿\" (Content/datasets/secret-register.md:11:11); listing it here would publish it",
            "Content/datasets/secret-register.md:11:11: error: the file \"xyzx/secret.csv\" of this closed (不予开放) dataset is also a resource of the open dataset \"链接\" (Content/datasets/linked.md:10:11), which would publish it",
        ])
    }

    func testAHardLinkToAConditionalDatasetsFileIsRefused() throws {
        let (_, report, unchanged) = try rebuildPortal { portal in
            try FileManager.default.linkItem(at: portal.root.appendingPathComponent("Content/data/xyzx/list.csv"),
                                             to: portal.root.appendingPathComponent("Content/data/jtt/same.csv"))
            try portal.write("Content/datasets/hard.md", "---\nid: 370000-JTT-000004\ntitle: 硬链接\norganization: jtt\nopen_type: open\n"
                             + "resources:\n  - {name: 文件, format: CSV, path: jtt/same.csv}\n---\n正文\n")
        }
        XCTAssertFalse(report.succeeded)
        XCTAssertEqual(report.diagnostics.map(\.code), ["resource.shared-file", "resource.shared-file"])
        XCTAssertEqual(report.diagnostics.map(\.location.file), ["Content/datasets/credit-list.md", "Content/datasets/hard.md"])
        XCTAssertTrue(unchanged)
    }

    func testAConditionalResourcesFormatIsNotGuessedFromItsHiddenLocation() throws {
        try assertPortalRefused({ portal in
            try portal.write("Content/datasets/credit-list.md", """
                ---
                id: 370000-XYZX-000002
                title: 守信激励名单
                organization: xyzx
                themes: [credit]
                open_type: 有条件开放
                issued: 2024-03-01
                resources:
                  - name: 名单文件
                    path: xyzx/list.csv
                ---
                有条件开放的名单。
                """)
        }, ["Content/datasets/credit-list.md:9:5: error: the resource has no format"])
    }
}
