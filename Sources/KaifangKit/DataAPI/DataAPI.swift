import Foundation

/// The static data API: the rows of every CSV file the portal hosts, as JSON
/// pages a program can walk with plain HTTP (what CKAN's DataStore read API
/// gives, without a server):
///
/// - `datasets/<slug>/api/<resource>/index.json`: the resource, its fields
///   and their types, the row count and the first and last page;
/// - `datasets/<slug>/api/<resource>/page-<n>.json`: 1,000 rows a page, each
///   an object keyed by the CSV header, values typed by the field schema,
///   with links to the previous and next page;
/// - `api/index.json`: every resource that has an API.
///
/// `<resource>` is the resource's `id` or its 1-based position. Only the
/// files a citizen can download get an API: resources of open datasets with a
/// `path` under `Content/data/`, format CSV, which the privacy scan read whole.
/// Conditional data is given on application only, so it never has one; closed
/// datasets are not in the catalogue at all. The API therefore shows exactly
/// the rows of a file the site already publishes, and nothing else.
/// Files are read twice (count, then pages), a chunk at a time: a large file
/// never sits in memory.
public struct DataAPI: Sendable {
    public static let defaultPageSize = 1000

    public let catalog: Catalog
    public let dataFolder: URL
    public var pageSize: Int

    public init(catalog: Catalog, dataFolder: URL, pageSize: Int = DataAPI.defaultPageSize) {
        self.catalog = catalog
        self.dataFolder = dataFolder
        self.pageSize = max(1, pageSize)
    }

    /// One resource with an API.
    public struct Endpoint: Sendable {
        public var dataset: Dataset
        public var resource: Resource
        /// The folder name: the resource's id, or its 1-based position.
        public var key: String
        /// The file under `Content/data/`.
        public var dataPath: String
    }

    /// The resources with an API, in catalogue order, then resource order.
    public static func endpoints(_ catalog: Catalog) -> [Endpoint] {
        var endpoints: [Endpoint] = []
        for dataset in catalog.datasets where catalog.givesData(of: dataset) {
            for (index, resource) in dataset.resources.enumerated() {
                guard let key = apiKey(resource, position: index + 1), case .path(let path) = resource.location else { continue }
                endpoints.append(Endpoint(dataset: dataset, resource: resource, key: key, dataPath: path))
            }
        }
        return endpoints
    }

    /// The folder name of a resource's API; nil when the resource has none.
    static func apiKey(_ resource: Resource, position: Int) -> String? {
        guard resource.format.uppercased() == "CSV", case .path = resource.location, resource.file?.scanned == true else { return nil }
        return resource.id ?? String(position)
    }

    /// `datasets/<slug>/api/<resource>/`, for a link from the dataset page; nil when the resource has no API.
    public static func path(of resource: Resource, at position: Int, in dataset: Dataset, catalog: Catalog) -> String? {
        guard catalog.givesData(of: dataset), let key = apiKey(resource, position: position) else { return nil }
        return catalog.datasetPath(dataset) + "api/\(key)/"
    }

    /// Writes every page and index. Resources are done in parallel, each
    /// streamed; a file that cannot be read stops the build (it was read
    /// moments ago by the privacy scan, so this means the disk changed).
    public func write(_ write: @Sendable (Artifact) throws -> Void) throws {
        let endpoints = Self.endpoints(catalog)
        let results = endpoints.parallelMap { endpoint -> Result<Int, Error> in
            do {
                return .success(try self.write(endpoint, write))
            } catch {
                return .failure(error)
            }
        }
        var listed: [JSONValue] = []
        for (endpoint, result) in zip(endpoints, results) {
            switch result {
            case .success(let total):
                let folder = catalog.datasetPath(endpoint.dataset) + "api/\(endpoint.key)/"
                listed.append(.object([
                    ("dataset", .string(endpoint.dataset.id)),
                    ("dataset_title", .string(endpoint.dataset.title)),
                    ("resource", .string(endpoint.key)),
                    ("name", .string(endpoint.resource.name)),
                    ("total", .integer(Int64(total))),
                    ("index", .string(catalog.url(folder + "index.json"))),
                ]))
            case .failure(let error):
                throw SiteRenderer.RenderError(message: "the data API of \(Catalog.publishedPath(endpoint.dataPath)) could not be written: \(error)")
            }
        }
        let index = JSONValue.object([
            ("description", .string("Every CSV file of this portal as JSON pages of \(pageSize) rows; see each resource's index.")),
            ("page_size", .integer(Int64(pageSize))),
            ("resources", .array(listed)),
        ])
        try write(Artifact(path: "api/index.json", data: JSONWriter().data(index)))
    }

    /// Writes the pages and the index of one resource; returns its row count.
    func write(_ endpoint: Endpoint, _ write: (Artifact) throws -> Void) throws -> Int {
        let stream = CSVRecordStream(url: dataFolder.appendingPathComponent(endpoint.dataPath))
        var total = 0
        var sawHeader = false
        try stream.forEachRecord { _ in
            if sawHeader { total += 1 } else { sawHeader = true }
        }
        let pages = max(1, (total + pageSize - 1) / pageSize)
        let folder = catalog.datasetPath(endpoint.dataset) + "api/\(endpoint.key)/"
        var columns: [Column] = []
        var page = DataAPIPage(endpoint: endpoint, folder: folder, catalog: catalog, total: total, pages: pages, pageSize: pageSize)
        var pageNumber = 1
        try stream.forEachRecord { cells in
            if !page.headerRead {
                columns = Column.columns(header: cells, schema: endpoint.resource.schema)
                page.start(columns: columns)
                return
            }
            page.append(cells)
            if page.rowCount == pageSize && pageNumber < pages {
                try write(page.finish(number: pageNumber))
                pageNumber += 1
                page.start(columns: columns)
            }
        }
        if !page.headerRead { page.start(columns: columns) }
        try write(page.finish(number: pageNumber))
        try write(Artifact(path: folder + "index.json", data: JSONWriter().data(indexDocument(endpoint, folder: folder, columns: columns,
                                                                                                 total: total, pages: pages))))
        return total
    }

    func indexDocument(_ endpoint: Endpoint, folder: String, columns: [Column], total: Int, pages: Int) -> JSONValue {
        let dataset = endpoint.dataset, resource = endpoint.resource
        var fields: [JSONValue] = []
        for column in columns {
            var field = JSONObjectBuilder()
            field.set("name", .string(column.name))
            field.set("type", .string(column.type.rawValue))
            if let declared = column.schemaField {
                field.setIfPresent("description", declared.description)
                field.setIfPresent("unit", declared.unit)
            }
            fields.append(field.value)
        }
        var document = JSONObjectBuilder()
        document.set("dataset", .string(dataset.id))
        document.set("dataset_title", .string(dataset.title))
        document.set("dataset_page", .string(catalog.url(catalog.datasetPath(dataset))))
        document.set("resource", .string(endpoint.key))
        document.set("name", .string(resource.name))
        document.set("format", .string(resource.format))
        document.setIfPresent("download", catalog.downloadURL(resource, of: dataset))
        document.setIfPresent("license", catalog.licenseValue(dataset))
        document.setIfPresent("modified", dataset.lastChanged?.description)
        document.set("fields", .array(fields))
        document.set("total", .integer(Int64(total)))
        document.set("page_size", .integer(Int64(pageSize)))
        document.set("pages", .integer(Int64(pages)))
        document.set("first", .string(catalog.url(folder + "page-1.json")))
        document.set("last", .string(catalog.url(folder + "page-\(pages).json")))
        return document.value
    }

    /// How a column's cells are written in JSON.
    enum ValueType: String, Sendable {
        case string, integer, number, boolean, date, year

        init(schemaType: String) {
            self = ValueType(rawValue: schemaType.lowercased()) ?? .string
        }
    }

    /// A column of the file: its key in the row objects, and its type from the
    /// field schema (matched by name; a column the schema does not name is text).
    struct Column: Sendable {
        var name: String
        var type: ValueType
        var schemaField: SchemaField?
        /// The key, escaped for JSON once.
        var jsonKey: [UInt8]

        /// Keys must be distinct and non-empty to make objects: an empty header
        /// cell becomes `column_<n>`, a repeated one `<name>_<n>` (n its position).
        static func columns(header: [String], schema: [SchemaField]) -> [Column] {
            var used = Set<String>()
            var columns: [Column] = []
            for (index, cell) in header.enumerated() {
                let trimmed = cell.trimmedWhitespace
                var name = trimmed.isEmpty ? "column_\(index + 1)" : trimmed
                if used.contains(name) { name = "\(name)_\(index + 1)" }
                while used.contains(name) { name += "_" }
                used.insert(name)
                // A schema field describes the first column of its name; a repeated one is text.
                let declared = name != trimmed ? nil : schema.first { $0.name == trimmed }
                columns.append(Column(name: name, type: declared.map { ValueType(schemaType: $0.type) } ?? .string,
                                      schemaField: declared, jsonKey: { var key: [UInt8] = []; DataAPIValue.appendString(name, into: &key); return key }()))
            }
            return columns
        }
    }
}

/// One page being filled: its JSON is written row by row into a byte buffer.
struct DataAPIPage {
    let endpoint: DataAPI.Endpoint
    let folder: String
    let catalog: Catalog
    let total: Int
    let pages: Int
    let pageSize: Int
    private(set) var rowCount = 0
    private(set) var headerRead = false
    private var columns: [DataAPI.Column] = []
    private var rows: [UInt8] = []

    init(endpoint: DataAPI.Endpoint, folder: String, catalog: Catalog, total: Int, pages: Int, pageSize: Int) {
        self.endpoint = endpoint
        self.folder = folder
        self.catalog = catalog
        self.total = total
        self.pages = pages
        self.pageSize = pageSize
    }

    mutating func start(columns: [DataAPI.Column]) {
        self.columns = columns
        headerRead = true
        rowCount = 0
        rows = []
    }

    /// Cells beyond the header are left out, as in the preview; missing ones are null.
    mutating func append(_ cells: [String]) {
        rows.append(contentsOf: rowCount == 0 ? "\n    {".utf8 : ",\n    {".utf8)
        for (index, column) in columns.enumerated() {
            if index > 0 { rows.append(UInt8(ascii: ",")) }
            rows.append(contentsOf: column.jsonKey)
            rows.append(UInt8(ascii: ":"))
            DataAPIValue.write(index < cells.count ? cells[index] : nil, as: column.type, into: &rows)
        }
        rows.append(UInt8(ascii: "}"))
        rowCount += 1
    }

    func finish(number: Int) -> Artifact {
        func link(_ page: Int?) -> JSONValue {
            guard let page, (1...pages).contains(page) else { return .null }
            return .string(catalog.url(folder + "page-\(page).json"))
        }
        let head = JSONValue.object([
            ("dataset", .string(endpoint.dataset.id)),
            ("resource", .string(endpoint.key)),
            ("page", .integer(Int64(number))),
            ("pages", .integer(Int64(pages))),
            ("page_size", .integer(Int64(pageSize))),
            ("total", .integer(Int64(total))),
            ("offset", .integer(Int64((number - 1) * pageSize))),
            ("count", .integer(Int64(rowCount))),
            ("fields", .array(columns.map { .string($0.name) })),
            ("links", .object([
                ("self", link(number)),
                ("index", .string(catalog.url(folder + "index.json"))),
                ("first", link(1)),
                ("last", link(pages)),
                ("previous", link(number - 1)),
                ("next", link(number + 1)),
            ])),
        ])
        // The metadata as the shared writer prints it, then the rows (one a line) before the closing brace.
        var bytes = [UInt8](JSONWriter().data(head))
        func dropTrailingNewlines() { while bytes.last == UInt8(ascii: "\n") { bytes.removeLast() } }
        dropTrailingNewlines()
        precondition(bytes.last == UInt8(ascii: "}"), "a JSON object ends with }")
        bytes.removeLast()
        dropTrailingNewlines()
        bytes.append(contentsOf: Array(",\n  \"rows\": [".utf8))
        bytes.append(contentsOf: rows)
        bytes.append(contentsOf: Array((rowCount == 0 ? "]\n}\n" : "\n  ]\n}\n").utf8))
        return Artifact(path: folder + "page-\(number).json", data: Data(bytes))
    }
}

/// A CSV cell as a JSON value of its column's type. An empty cell is null.
/// A cell that is not a value of its declared type is kept as the text in the
/// file (a string): the API never changes or drops what the download holds.
enum DataAPIValue {
    static func write(_ cell: String?, as type: DataAPI.ValueType, into out: inout [UInt8]) {
        guard let cell, !cell.isEmpty else { out.append(contentsOf: "null".utf8); return }
        let text = cell.trimmedWhitespace
        if text.isEmpty { out.append(contentsOf: "null".utf8); return }
        if type != .string, let literal = literal(text, as: type) {
            out.append(contentsOf: literal.utf8)
        } else {
            appendString(cell, into: &out)
        }
    }

    /// A JSON string exactly as the shared `JSONWriter` writes one, straight into the page's buffer: this runs once per cell.
    static func appendString(_ text: String, into out: inout [UInt8]) {
        cellWriter.writeString(text, into: &out)
    }

    private static let cellWriter = JSONWriter(style: .compact)

    /// The JSON literal for a cell of a typed column, or nil when it is text.
    static func literal(_ text: String, as type: DataAPI.ValueType) -> String? {
        switch type {
        case .string:
            return nil
        case .integer, .year:
            return Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text).map(String.init)
        case .number:
            if isJSONNumber(text) { return text }
            guard let value = Double(text.hasPrefix("+") ? String(text.dropFirst()) : text), value.isFinite,
                  text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return nil }
            return "\(value)"
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes", "是", "y": return "true"
            case "false", "0", "no", "否", "n": return "false"
            default: return nil
            }
        case .date:
            guard let day = Day(iso: text), !text.contains("T"), !text.contains(" ") else { return nil }
            return "\"\(day.description)\""
        }
    }

    /// Whether the text is already a JSON number as RFC 8259 writes one (kept as written: `2.70` stays `2.70`).
    static func isJSONNumber(_ text: String) -> Bool {
        var scalars = Array(text.utf8)[...]
        func digits() -> Int {
            let count = scalars.prefix { (0x30...0x39).contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if scalars.first == UInt8(ascii: "-") { scalars = scalars.dropFirst() }
        guard let first = scalars.first else { return false }
        if first == UInt8(ascii: "0") {
            scalars = scalars.dropFirst()
        } else if digits() == 0 {
            return false
        }
        if scalars.first == UInt8(ascii: ".") {
            scalars = scalars.dropFirst()
            if digits() == 0 { return false }
        }
        if let e = scalars.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { scalars = scalars.dropFirst() }
            if digits() == 0 { return false }
        }
        return scalars.isEmpty
    }
}
