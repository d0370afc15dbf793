import XCTest
@testable import KaifangKit

/// The harvester against a server that misbehaves on purpose: errors that
/// pass, ETags, and a catalogue too large to keep.
final class HarvesterTests: XCTestCase {
    /// Answers /catalog.json with 503 for the first `failures` requests, then the catalogue with an ETag,
    /// 304 to a matching If-None-Match; /big.json with more bytes than the limit.
    static let script = """
        import http.server, sys, os
        folder = sys.argv[1]
        failures = [int(open(os.path.join(folder, 'failures')).read())]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                with open(os.path.join(folder, 'requests.log'), 'a') as log:
                    log.write(self.path + ' ' + str(self.headers.get('If-None-Match')) + '\\n')
                if failures[0] > 0:
                    failures[0] -= 1
                    self.send_response(503); self.end_headers(); return
                if self.headers.get('If-None-Match') == '"v1"':
                    self.send_response(304); self.end_headers(); return
                body = open(os.path.join(folder, self.path.lstrip('/')), 'rb').read()
                self.send_response(200)
                self.send_header('ETag', '"v1"')
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *args): pass
        server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    static let catalog = """
        {"title": "济南", "datasets": [{"id": "A-1", "slug": "a", "title": "公交线路", "description": "说明",
          "organization": {"slug": "jtj", "name": "济南市交通运输局"}, "open_type": "open", "resources": []}]}
        """

    func testPassingErrorsAreRetriedAndAnUnchangedCatalogueIsA304ByItsETag() throws {
        let server = try PythonTestServer(script: Self.script) { folder in
            try Data("2".utf8).write(to: folder.appendingPathComponent("failures"))
            try Data(Self.catalog.utf8).write(to: folder.appendingPathComponent("catalog.json"))
        }
        defer { server.stop() }
        let harvest = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-harvest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: harvest) }
        var harvester = Harvester()
        harvester.retryDelay = 0.01
        let source = HarvestSource(slug: "jinan", name: "济南", location: "http://127.0.0.1:\(server.port)/catalog.json", format: .kaifang)
        let first = harvester.harvest([source], into: harvest, projectRoot: harvest)
        XCTAssertEqual(first.map(\.kind), [.fetched], first.map(\.message).joined())
        XCTAssertEqual(HarvestState.read(harvest.appendingPathComponent("jinan"))?.etag, "\"v1\"")
        let second = harvester.harvest([source], into: harvest, projectRoot: harvest)
        XCTAssertEqual(second.map(\.kind), [.unchanged])
        let log = try String(contentsOf: server.folder.appendingPathComponent("requests.log"), encoding: .utf8)
        XCTAssertEqual(log.split(separator: "\n"), ["/catalog.json None", "/catalog.json None", "/catalog.json None", "/catalog.json \"v1\""])
    }

    func testACatalogueLargerThanTheLimitIsRefusedAndTheKeptOneStays() throws {
        let server = try PythonTestServer(script: Self.script) { folder in
            try Data("0".utf8).write(to: folder.appendingPathComponent("failures"))
            try Data(Self.catalog.utf8).write(to: folder.appendingPathComponent("catalog.json"))
            try Data(repeating: UInt8(ascii: " "), count: 4096).write(to: folder.appendingPathComponent("big.json"))
        }
        defer { server.stop() }
        let harvest = FileManager.default.temporaryDirectory.appendingPathComponent("kaifang-harvest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: harvest) }
        var harvester = Harvester()
        harvester.maxBytes = 1024
        harvester.attempts = 1
        let big = HarvestSource(slug: "big", name: "大", location: "http://127.0.0.1:\(server.port)/big.json", format: .kaifang)
        let outcome = harvester.harvest([big], into: harvest, projectRoot: harvest)
        XCTAssertEqual(outcome.map(\.kind), [.failed])
        XCTAssertTrue(outcome[0].message.contains("sent more than 1024 bytes"), outcome[0].message)
        XCTAssertTrue(outcome[0].message.hasSuffix("; nothing harvested yet"), outcome[0].message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: harvest.appendingPathComponent("big/catalog.json").path))
    }
}
