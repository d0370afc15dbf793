/// File formats: the names publishers write, IANA media types, and the EU
/// file-type vocabulary that DCAT-AP harvesters expect.
public enum Formats {
    struct Entry {
        var mediaType: String
        var euFileType: String
        var extensions: [String]
        /// Five-star open data: 2 structured, 3 open format, 4 with URIs/linked data.
        var stars: Int
    }

    static let table: [String: Entry] = [
        "CSV": Entry(mediaType: "text/csv", euFileType: "CSV", extensions: ["csv"], stars: 3),
        "TSV": Entry(mediaType: "text/tab-separated-values", euFileType: "TSV", extensions: ["tsv"], stars: 3),
        "XLSX": Entry(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", euFileType: "XLSX", extensions: ["xlsx"], stars: 2),
        "XLS": Entry(mediaType: "application/vnd.ms-excel", euFileType: "XLS", extensions: ["xls"], stars: 2),
        "JSON": Entry(mediaType: "application/json", euFileType: "JSON", extensions: ["json"], stars: 3),
        "XML": Entry(mediaType: "application/xml", euFileType: "XML", extensions: ["xml"], stars: 3),
        "PDF": Entry(mediaType: "application/pdf", euFileType: "PDF", extensions: ["pdf"], stars: 1),
        "DOC": Entry(mediaType: "application/msword", euFileType: "DOC", extensions: ["doc"], stars: 1),
        "DOCX": Entry(mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", euFileType: "DOCX", extensions: ["docx"], stars: 1),
        "GEOJSON": Entry(mediaType: "application/geo+json", euFileType: "GEOJSON", extensions: ["geojson"], stars: 3),
        "SHP": Entry(mediaType: "application/zip", euFileType: "SHP", extensions: ["shp"], stars: 3),
        "ZIP": Entry(mediaType: "application/zip", euFileType: "ZIP", extensions: ["zip"], stars: 1),
        "API": Entry(mediaType: "application/json", euFileType: "JSON", extensions: [], stars: 3),
        "RDF": Entry(mediaType: "application/rdf+xml", euFileType: "RDF_XML", extensions: ["rdf"], stars: 4),
        "TTL": Entry(mediaType: "text/turtle", euFileType: "RDF_TURTLE", extensions: ["ttl"], stars: 4),
        "JSONLD": Entry(mediaType: "application/ld+json", euFileType: "JSON_LD", extensions: ["jsonld"], stars: 4),
        "TXT": Entry(mediaType: "text/plain", euFileType: "TXT", extensions: ["txt"], stars: 1),
        "HTML": Entry(mediaType: "text/html", euFileType: "HTML", extensions: ["html", "htm"], stars: 1),
        "KML": Entry(mediaType: "application/vnd.google-earth.kml+xml", euFileType: "KML", extensions: ["kml"], stars: 3),
        "PNG": Entry(mediaType: "image/png", euFileType: "PNG", extensions: ["png"], stars: 1),
        "JPEG": Entry(mediaType: "image/jpeg", euFileType: "JPEG", extensions: ["jpg", "jpeg"], stars: 1),
    ]

    /// The format name for an EU file-type code (`RDF_TURTLE` → TTL), for catalogues read back in.
    static func name(forEUFileType code: String) -> String? {
        if table[code.uppercased()] != nil { return code }
        return table.filter { $0.key != "API" && $0.value.euFileType == code.uppercased() }.map(\.key).sorted().first
    }

    /// Looked up several times per resource: the key drops `-` and spaces
    /// without Foundation's `replacingOccurrences` (a copy through UTF-16 each).
    static func entry(_ format: String) -> Entry? {
        var key = format.uppercased()
        if key.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ") }) {
            key.unicodeScalars.removeAll { $0 == "-" || $0 == " " }
        }
        return table[key]
    }

    public static func mediaType(for format: String) -> String {
        entry(format)?.mediaType ?? "application/octet-stream"
    }

    /// The code in the EU file-type authority table, e.g. `CSV`.
    public static func euFileType(for format: String) -> String? { entry(format)?.euFileType }

    /// 1-4 stars for the format alone (the first star, an open licence, is judged elsewhere).
    public static func stars(for format: String) -> Int { entry(format)?.stars ?? 1 }

    public static func isTabular(_ format: String) -> Bool {
        ["CSV", "TSV"].contains(format.uppercased())
    }

    static func guess(_ location: Resource.Location) -> String? {
        let name: String
        switch location {
        case .path(let path): name = path
        case .url(let url): name = String(url.split(separator: "?").first ?? "")
        }
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        // In key order, not the dictionary's (which changes with each process's hash seed).
        return table.keys.sorted().first { table[$0]!.extensions.contains(ext) }
    }
}
