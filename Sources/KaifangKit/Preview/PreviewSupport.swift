import Foundation

/// What `kaifang serve` needs besides a socket: knowing when the inputs
/// changed, and which file answers a request path.
public enum PreviewSupport {
    /// A cheap fingerprint of every file under the folders: count, newest
    /// modification and total size. Polled about once a second.
    public static func fingerprint(of folders: [URL]) -> String {
        var count = 0
        var newest = 0.0
        var size: Int64 = 0
        let keys: [URLResourceKey] = [.contentModificationDateKey, .fileSizeKey, .isRegularFileKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys) else { continue }
            while let url = enumerator.nextObject() as? URL {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                count += 1
                newest = max(newest, values.contentModificationDate?.timeIntervalSince1970 ?? 0)
                size += Int64(values.fileSize ?? 0)
            }
        }
        return "\(count)-\(newest)-\(size)"
    }

    /// The file of the site that answers `path` (`/datasets/x/` → `datasets/x/index.html`),
    /// or nil when there is none or the path tries to leave the site.
    public static func file(for path: String, in site: URL) -> URL? {
        let decoded = (path.split(separator: "?").first.map(String.init) ?? path).removingPercentEncoding ?? path
        let components = decoded.split(separator: "/").map(String.init)
        guard !components.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix(".") }) else { return nil }
        var url = components.reduce(site) { $0.appendingPathComponent($1) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue {
            url = url.appendingPathComponent("index.html")
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        }
        return url
    }

    public static func mediaType(for url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "jsonld": "application/ld+json"
        case "ttl": "text/turtle; charset=utf-8"
        case "rdf", "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// What `/__kaifang/status` answers: the build number, whether that build
    /// succeeded, and its problems as the command line prints them.
    public static func statusJSON(build: Int, succeeded: Bool, diagnostics: [Diagnostic]) -> Data {
        let printer = DiagnosticPrinter(format: .text)
        let object: [String: Any] = ["build": build, "succeeded": succeeded,
                                     "diagnostics": diagnostics.filter { $0.severity != .note }.map(printer.render)]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    }

    /// Polls `/__kaifang/status` once a second: a new successful build reloads
    /// the page; a failed one shows its errors over the page (as text, never
    /// as HTML) instead of reloading to the previous site. Added to pages only
    /// while serving; never written into the site.
    public static let reloadScript = """
        <script>(function(){var seen=null,box=null;\
        function show(s){if(!box){box=document.createElement('div');box.id='kaifang-build-errors';box.setAttribute('role','alert');\
        box.style.cssText='position:fixed;left:0;right:0;top:0;max-height:70vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#6b0000;border-bottom:4px solid #b00000;padding:1rem;font:14px/1.5 monospace;white-space:pre-wrap';\
        document.body.appendChild(box)}box.textContent='kaifang serve: the last build failed, so this page shows the previous site. Fix the problems below; the page reloads when the build succeeds.\\n\\n'+s.diagnostics.join('\\n')}\
        function hide(){if(box){box.remove();box=null}}\
        function poll(){fetch('/__kaifang/status',{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){\
        if(seen!==null&&s.build!==seen&&s.succeeded){location.reload();return}if(s.succeeded){hide()}else{show(s)}seen=s.build}).catch(function(){})}\
        poll();setInterval(poll,1000)})();</script>
        """

    public static func injectingReload(into html: String) -> String {
        guard let range = html.range(of: "</body>", options: .backwards) else { return html + reloadScript }
        return html.replacingCharacters(in: range, with: reloadScript + "</body>")
    }
}
