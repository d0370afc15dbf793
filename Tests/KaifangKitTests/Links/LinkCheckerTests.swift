import Foundation
import XCTest
@testable import KaifangKit

/// `kaifang check --links` against a real HTTP server on 127.0.0.1, started
/// by the test (Python's http.server with a few routes), which logs every
/// request it gets so the test can see what was asked and what was not.
final class LinkCheckerTests: XCTestCase {
    static let serverScript = #"""
    import http.server, sys, threading, time
    log = open(sys.argv[1], "a", buffering=1)
    lock = threading.Lock()
    flaky = [0]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, location=None, body=b"0123456789"):
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                try:
                    self.wfile.write(body)
                except OSError:
                    pass

        def route(self):
            with lock:
                log.write(self.command + " " + self.path + "\n")
            path = self.path
            if path == "/ok":
                return self.answer(200)
            if path == "/missing":
                return self.answer(404)
            if path == "/no-head":
                return self.answer(405 if self.command == "HEAD" else 200)
            if path == "/slow":
                time.sleep(5)
                return self.answer(200)
            if path == "/redirect":
                return self.answer(302, location="/ok")
            if path == "/redirect-missing":
                return self.answer(301, location="/missing")
            if path == "/flaky":
                with lock:
                    flaky[0] += 1
                    first = flaky[0] == 1
                return self.answer(503 if first else 200)
            if path == "/large":
                # A GET of a large file must not be downloaded: the checker stops at the status.
                return self.answer(405) if self.command == "HEAD" else self.answer(200, body=b"x" * (8 << 20))
            return self.answer(404)

        do_HEAD = route
        do_GET = route

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    final class Server {
        let process = Process()
        let folder: URL
        let log: URL
        let port: Int

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let script = folder.appendingPathComponent("server.py")
            try LinkCheckerTests.serverScript.write(to: script, atomically: true, encoding: .utf8)
            log = folder.appendingPathComponent("requests.log")
            FileManager.default.createFile(atPath: log.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script.path, log.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            // The first line is the port the server bound (0 asks the system for a free one).
            var line = Data()
            while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
                line.append(byte)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else {
                process.terminate()
                throw CocoaError(.fileReadCorruptFile)
            }
            self.port = port
        }

        var requests: [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func stop() {
            // SIGKILL: the test process blocks SIGTERM and the child inherits the mask.
            kill(process.processIdentifier, SIGKILL)
            // waitUntilExit spins a run loop that never sees the exit from an async test: poll instead.
            for _ in 0..<500 where process.isRunning { usleep(10_000) }
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func portal(port: Int) -> String {
        let base = "http://127.0.0.1:\(port)"
        let routes = ["ok", "missing", "no-head", "slow", "redirect", "redirect-missing", "flaky", "large"]
        let resources = routes.map { "  - name: 链接 \($0)\n    format: CSV\n    url: \(base)/\($0)\n" }.joined()
        return """
        -- Content/site.yaml --
        title: 测试开放平台
        description: 用于测试的开放数据门户。
        base_url: https://data.example.gov.cn/
        language: zh-CN
        publisher:
          name: 测试大数据局
        license: CC-BY-4.0
        contact:
          name: 运维组
          email: opendata@example.gov.cn
        conditional_access: 请在线申请。
        themes:
          - slug: transport
            title: 交通
            eu_theme: TRAN
        -- Content/organizations/jtt.md --
        ---
        name: 测试交通运输厅
        ---
        交通。
        -- Content/organizations/xyzx.md --
        ---
        name: 测试信用中心
        ---
        信用。
        -- Content/datasets/links.md --
        ---
        id: 370000-JTT-000001
        title: 外部链接
        organization: jtt
        themes: [transport]
        open_type: open
        issued: 2024-01-15
        resources:
        \(resources)  - name: 文件服务器
            format: CSV
            url: ftp://127.0.0.1:\(port)/file.csv
        ---
        链接。
        -- Content/datasets/applied.md --
        ---
        id: 370000-XYZX-000002
        title: 申请数据
        organization: xyzx
        themes: [transport]
        open_type: conditional
        issued: 2024-01-16
        resources:
          - name: 内网接口
            format: API
            url: \(base)/conditional-internal
        ---
        有条件。
        """
    }

    var options: LinkCheckOptions {
        var options = LinkCheckOptions()
        options.timeout = 1
        options.retries = 1
        options.backoff = 0
        options.concurrency = 3
        return options
    }

    func testBrokenLinksAreWarningsWithTheirStatusAndTheCacheSparesTheServers() async throws {
        let server = try Server()
        defer { server.stop() }
        let portal = try PortalFixture(Self.portal(port: server.port))
        let base = "http://127.0.0.1:\(server.port)"

        let (report, outcome) = await Build.checkLinks(portal.options, links: options)
        XCTAssertTrue(report.succeeded, "broken links are warnings")
        let lines = PortalFixture.lines(report).filter { $0.contains("is broken") }
        // Resources start at line 10 of links.md, three lines each; `url:` is the third, its value at column 10 (line 14 for the second).
        XCTAssertEqual(lines, [
            "Content/datasets/links.md:14:10: warning: \(base)/missing is broken: HTTP 404 Not Found (checked with HEAD)",
            "Content/datasets/links.md:20:10: warning: \(base)/slow is broken: no answer within 1 s (checked with HEAD, 2 tries)",
            "Content/datasets/links.md:26:10: warning: \(base)/redirect-missing is broken: HTTP 404 Not Found (checked with HEAD, redirected to \(base)/missing)",
        ])
        XCTAssertTrue(report.diagnostics.filter { $0.message.contains("is broken") }.allSatisfy { $0.code == "link.broken" && $0.severity == .warning })
        let outcomeValue = try XCTUnwrap(outcome)
        XCTAssertEqual(outcomeValue.results.count, 8, "http(s) links of open datasets only: no ftp, no conditional URL")
        XCTAssertEqual(outcomeValue.broken, 3)
        XCTAssertEqual(outcomeValue.results["\(base)/no-head"]?.method, "GET", "HEAD refused (405), GET answered")
        XCTAssertEqual(outcomeValue.results["\(base)/no-head"]?.isBroken, false)
        XCTAssertEqual(outcomeValue.results["\(base)/redirect"]?.status, 200)
        XCTAssertEqual(outcomeValue.results["\(base)/redirect"]?.finalURL, "\(base)/ok")
        XCTAssertEqual(outcomeValue.results["\(base)/flaky"]?.status, 200, "a 503 is tried again")
        XCTAssertEqual(outcomeValue.results["\(base)/flaky"]?.attempts, 2)
        XCTAssertEqual(outcomeValue.results["\(base)/large"]?.status, 200)

        let requests = server.requests
        XCTAssertTrue(requests.contains("HEAD /no-head") && requests.contains("GET /no-head"))
        XCTAssertEqual(requests.filter { $0.hasPrefix("GET") }.sorted(), ["GET /large", "GET /no-head"], "GET only where HEAD was refused")
        XCTAssertFalse(requests.contains { $0.contains("conditional-internal") }, "a conditional dataset's URL is never asked")
        XCTAssertEqual(requests.filter { $0 == "HEAD /missing" }.count, 2, "once itself, once at the end of /redirect-missing: a 404 is final, not retried")
        XCTAssertEqual(requests.filter { $0 == "HEAD /slow" }.count, 2, "a time-out is tried again (retries: 1)")

        // Second run: every result comes from the cache; the server is not asked again.
        let cacheFile = portal.root.appendingPathComponent(".kaifang-cache/links.json")
        XCTAssertTrue(FileManager.default.fileExists(atPath: cacheFile.path))
        let asked = server.requests.count
        let (again, secondOutcome) = await Build.checkLinks(portal.options, links: options)
        XCTAssertEqual(server.requests.count, asked, "no request while the cache is fresh")
        XCTAssertEqual(secondOutcome?.fromCache, 8)
        XCTAssertEqual(secondOutcome?.requested, 0)
        XCTAssertEqual(PortalFixture.lines(again).filter { $0.contains("is broken") }, lines)
        XCTAssertTrue(again.diagnostics.first { $0.code == "link.broken" }?.hint?.contains("from the link cache") == true)

        // A cache older than the maximum age is asked again.
        var stale = options
        stale.maxAge = 0
        _ = await Build.checkLinks(portal.options, links: stale)
        XCTAssertGreaterThan(server.requests.count, asked)

        // The build counts broken links per department on the stats page and in stats.json.
        XCTAssertTrue(portal.build().succeeded)
        let stats = try portal.read("stats/index.html")
        XCTAssertTrue(stats.contains("<th scope=\"col\">失效链接</th>"), stats)
        let statsJSON = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try portal.read("stats.json").utf8)) as? [String: Any])
        let links = try XCTUnwrap(statsJSON["links"] as? [String: Any])
        let organizations = try XCTUnwrap(links["organizations"] as? [String: [String: Int]])
        XCTAssertEqual(organizations["jtt"], ["links": 8, "checked": 8, "broken": 3])
        XCTAssertEqual(organizations["xyzx"], ["links": 0, "checked": 0, "broken": 0])
    }

    func testWithoutACacheTheStatsPageHasNoLinkColumn() throws {
        let portal = try PortalFixture(Self.portal(port: 9))
        XCTAssertTrue(portal.build().succeeded)
        XCTAssertFalse(try portal.read("stats/index.html").contains("失效链接"))
        XCTAssertFalse(try portal.read("stats.json").contains("\"links\""))
    }

    func testAnUnreadableCacheIsAWarningAndIsReplaced() async throws {
        let portal = try PortalFixture(Self.portal(port: 9).replacingOccurrences(of: "open_type: open", with: "open_type: conditional"))
        try portal.write(".kaifang-cache/links.json", "{\"version\": 99, \"links\": {}}")
        let (report, _) = await Build.checkLinks(portal.options, links: options)
        XCTAssertEqual(PortalFixture.lines(report).filter { $0.contains("link cache") },
                       [".kaifang-cache/links.json:1:1: warning: the link cache cannot be read (it is a link cache of version 99, not 1); every link is checked again"])
        guard case .loaded(let cache) = LinkCache.load(portal.root.appendingPathComponent(".kaifang-cache/links.json")) else {
            return XCTFail("a new cache is written")
        }
        XCTAssertEqual(cache.links, [:], "no open dataset, no link")
    }

    func testTheCacheFileIsTheSameBytesForTheSameResults() throws {
        let checked = Date(timeIntervalSince1970: 1_764_374_400)
        let cache = LinkCache(links: [
            "https://b.example/x": LinkResult(status: 404, failure: nil, method: "HEAD", attempts: 1, finalURL: nil, checked: checked),
            "https://a.example/y": LinkResult(status: nil, failure: "no answer within 15 s", method: "GET", attempts: 3, finalURL: nil, checked: checked),
        ])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("links.json")
        try cache.save(file)
        let first = try Data(contentsOf: file)
        try cache.save(file)
        XCTAssertEqual(try Data(contentsOf: file), first)
        let text = String(decoding: first, as: UTF8.self)
        XCTAssertLessThan(try XCTUnwrap(text.range(of: "a.example")).lowerBound, try XCTUnwrap(text.range(of: "b.example")).lowerBound)
        XCTAssertTrue(text.contains("\"checked\" : \"2025-11-29T00:00:00Z\""), text)
        guard case .loaded(let loaded) = LinkCache.load(file) else { return XCTFail("reads back") }
        XCTAssertEqual(loaded, cache)
    }
}
