import Foundation

/// Copy-ready code for fetching a resource: curl, Python pandas and
/// JavaScript fetch, with the resource's absolute download URL.
enum ResourceSnippets {
    struct Snippet: Equatable {
        var language: String
        var code: String
    }

    static func snippets(for resource: Resource, url: String) -> [Snippet] {
        let format = resource.format.uppercased()
        let file = fileName(url, format: format)
        let quoted = pythonString(url)
        var python = "import pandas as pd\n\n"
        switch format {
        case "CSV": python += "df = pd.read_csv(\(quoted))\nprint(df.head())"
        case "TSV": python += "df = pd.read_csv(\(quoted), sep=\"\\t\")\nprint(df.head())"
        case "XLS", "XLSX": python += "df = pd.read_excel(\(quoted))\nprint(df.head())"
        case "JSON", "API", "GEOJSON": python += "df = pd.read_json(\(quoted))\nprint(df.head())"
        case "XML": python += "df = pd.read_xml(\(quoted))\nprint(df.head())"
        default: python = "import urllib.request\n\nurllib.request.urlretrieve(\(quoted), \(pythonString(file)))"
        }
        let isJSON = ["JSON", "API", "GEOJSON"].contains(format)
        let javascript = "const response = await fetch(\(pythonString(url)));\n"
            + (isJSON ? "const data = await response.json();\nconsole.log(data);" : "const text = await response.text();\nconsole.log(text.slice(0, 500));")
        return [
            Snippet(language: "curl", code: "curl -L -o \(shellQuote(file)) \(shellQuote(url))"),
            Snippet(language: "python", code: python),
            Snippet(language: "javascript", code: javascript),
        ]
    }

    /// The last path segment, or `data.<format>` for an address without one.
    static func fileName(_ url: String, format: String) -> String {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let last = path.split(separator: "/").last.map(String.init) ?? ""
        let decoded = last.removingPercentEncoding ?? last
        if decoded.contains("."), !decoded.contains(":") { return decoded }
        return "data." + (format == "API" ? "json" : format.lowercased())
    }

    static func shellQuote(_ text: String) -> String { "'" + text.replacingEvery("'", with: "'\\''") + "'" }

    /// A double-quoted string literal valid in both Python and JavaScript.
    static func pythonString(_ text: String) -> String {
        "\"" + text.replacingEvery("\\", with: "\\\\").replacingEvery("\"", with: "\\\"") + "\""
    }
}
