/// `datasets/<slug>/datapackage.json`: a Frictionless Data Package (v1) for
/// every public dataset, so tools (frictionless, pandas readers, Data
/// Package importers such as datapackage-to-datasette) can fetch and
/// type-check the data in one step — online, or from a downloaded copy of
/// the site (an intranet mirror) with no network at all.
///
/// - Files published with the portal are referenced by a relative path,
///   `data/<path in Content/data>`: the build publishes each one a second
///   time beside the package (`datasets/<slug>/data/…`), because the spec
///   forbids `../` and the canonical copy lives in the site's `data/`.
///   They carry `bytes`, `hash` (`sha256:<hex>`; bare hex would mean MD5)
///   and a Table Schema: the declared one, else for CSV/TSV one inferred
///   from the whole file (`TableSchemaInference`).
/// - Links to data hosted elsewhere cannot be read offline, so they are not
///   `resources` (a validator would fail on them) but are listed under the
///   custom key `external_resources`, with the same members and absolute `path`.
/// - Conditional (有条件开放) datasets publish metadata but no data: what
///   the applicant will receive (name, format, media type, Table Schema) is
///   listed under the custom key `conditional_resources`, never with a path.
/// - The spec requires at least one resource, and a consumer must be able to
///   read every one (validators open them; datapackage-to-datasette makes a
///   table of each, and a resource without fields is a `CREATE TABLE x ( )`
///   that SQLite refuses). A package with no hosted file therefore has one
///   inline resource, `dataset`: a single row saying what the dataset is,
///   where its page is and how its data is obtained.
public struct DataPackageExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        let kept = KeptArtifacts()
        // Keeping a file cannot fail.
        try! export(catalog) { kept.keep($0) }
        return kept.inPathOrder
    }

    /// Made and handed over in parallel (writing 10⁵ files one after the other
    /// took longer than making them); the first failure, in catalogue order, is thrown.
    public func export(_ catalog: Catalog, emit: @Sendable (Artifact) throws -> Void) throws {
        let catalog = catalog.publishable
        let failures = Array(catalog.datasets.indices).parallelMap { index -> (any Error)? in
            let dataset = catalog.datasets[index]
            do {
                try emit(Artifact(path: catalog.datasetFolder(dataset) + "datapackage.json", data: JSONWriter().data(package(dataset, in: catalog))))
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
    }

    func package(_ dataset: Dataset, in catalog: Catalog) -> JSONValue {
        let page = catalog.pageURL(dataset)
        var package = JSONObjectBuilder()
        package.set("name", .string(Self.packageName(dataset.slug)))
        package.set("id", .string(dataset.id))
        package.set("title", .string(dataset.title))
        // The spec allows CommonMark here: the publisher's own text.
        package.set("description", .string(dataset.descriptionMarkdown.isEmpty ? dataset.title : dataset.descriptionMarkdown))
        package.set("homepage", .string(page))
        package.setIfNotEmpty("licenses", license(dataset, in: catalog).map { [$0] } ?? [])
        package.setIfNotEmpty("keywords", dataset.keywords.filter { !$0.isEmpty }.map(JSONValue.string))
        package.setIfPresent("created", dataset.issued.map { "\($0)T00:00:00Z" })
        if let organization = catalog.organization(dataset.organizationSlug) {
            var contributor = JSONObjectBuilder()
            contributor.set("title", .string(organization.name))
            contributor.set("role", .string("publisher"))
            contributor.set("path", .string(catalog.url(catalog.organizationPath(organization.slug))))
            contributor.setIfPresent("email", organization.email)
            package.set("contributors", .array([contributor.value]))
        }
        var names = UniqueNames()
        var resources: [JSONValue] = []
        var external: [JSONValue] = []
        var conditional: [JSONValue] = []
        for resource in dataset.resources {
            let name = names.claim(Self.resourceName(resource))
            if catalog.givesData(of: dataset) {
                switch resource.location {
                case .path(let path):
                    resources.append(openResource(resource, named: name, path: Self.packageFilePath(path), in: catalog))
                case .url:
                    guard let url = catalog.encodedDownloadURL(resource, of: dataset), IRI.isHTTP(url) else { continue }
                    external.append(openResource(resource, named: name, path: url, in: catalog))
                }
            } else {
                conditional.append(conditionalResource(resource, named: name, in: catalog))
            }
        }
        if resources.isEmpty {
            resources.append(aboutResource(dataset, named: names.claim("dataset"), external: !external.isEmpty, in: catalog))
        }
        package.set("resources", .array(resources))
        package.setIfNotEmpty("external_resources", external)
        package.setIfNotEmpty("conditional_resources", conditional)
        return package.value
    }

    /// One inline row about the dataset, for a package that hosts no file.
    func aboutResource(_ dataset: Dataset, named name: String, external: Bool, in catalog: Catalog) -> JSONValue {
        let access = if catalog.givesData(of: dataset) {
            catalog.word(external ? "rights.package_external" : "rights.package_no_files")
        } else if catalog.profile == .share {
            catalog.word("rights.package_share_conditional")
        } else {
            catalog.word("rights.package_conditional")
        }
        let fields: [(String, String, String)] = [
            ("id", catalog.word("field.id"), dataset.id),
            ("title", catalog.word("field.title"), dataset.title),
            ("page", catalog.word("rights.package_page"), catalog.pageURL(dataset)),
            ("open_type", catalog.word("rights.package_open_type"), dataset.openType.rawValue),
            ("access", catalog.word("rights.package_access"), access),
        ]
        return .object([
            ("name", .string(name)),
            ("title", .string(dataset.title)),
            ("description", .string(catalog.word("rights.package_about"))),
            ("profile", .string("tabular-data-resource")),
            ("data", .array([.array(fields.map { .string($0.0) }), .array(fields.map { .string($0.2) })])),
            ("schema", .object([("fields", .array(fields.map { field in
                .object([("name", .string(field.0)), ("type", .string("string")), ("title", .string(field.1))])
            }))])),
        ])
    }

    /// Where a hosted file is found relative to the package: the copy the
    /// build publishes beside it. A POSIX path, not URL-encoded.
    public static func packageFilePath(_ dataPath: String) -> String { "data/" + dataPath }

    func openResource(_ resource: Resource, named name: String, path: String, in catalog: Catalog) -> JSONValue {
        var entry = JSONObjectBuilder()
        entry.set("name", .string(name))
        entry.set("title", .string(resource.name))
        entry.setIfPresent("description", resource.description)
        entry.set("path", .string(path))
        entry.set("format", .string(resource.format.lowercased()))
        entry.set("mediatype", .string(catalog.mediaType(resource)))
        if Formats.isTabular(resource.format) { entry.set("encoding", .string("utf-8")) }
        if let file = resource.file {
            entry.set("bytes", .integer(file.byteSize))
            entry.set("hash", .string("sha256:" + file.sha256.lowercased()))
        }
        let schema = resource.schema.isEmpty ? resource.inferredSchema : resource.schema
        if !schema.isEmpty { entry.set("schema", Self.tableSchema(schema)) }
        return entry.value
    }

    func conditionalResource(_ resource: Resource, named name: String, in catalog: Catalog) -> JSONValue {
        var entry = JSONObjectBuilder()
        entry.set("name", .string(name))
        entry.set("title", .string(resource.name))
        entry.setIfPresent("description", resource.description)
        entry.set("format", .string(resource.format.lowercased()))
        entry.set("mediatype", .string(catalog.mediaType(resource)))
        if !resource.schema.isEmpty { entry.set("schema", Self.tableSchema(resource.schema)) }
        return entry.value
    }

    func license(_ dataset: Dataset, in catalog: Catalog) -> JSONValue? {
        guard let value = catalog.licenseValue(dataset) else { return nil }
        var license = JSONObjectBuilder()
        if let id = Licenses.canonicalID(value) { license.set("name", .string(id)) }
        if let url = catalog.licenseURL(dataset) { license.set("path", .string(url)) }
        guard !license.members.isEmpty else { return nil }  // the spec needs a name or a path
        license.set("title", .string(catalog.licenseName(value)))
        return license.value
    }

    // MARK: Names and schemas

    /// Package and resource names must match `^([-a-z0-9._/])+$`. ASCII
    /// letters are lower-cased; any other character becomes the hex of its
    /// UTF-8 bytes, so Chinese slugs still give distinct, stable names.
    static func packageName(_ text: String) -> String {
        var name = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", ".", "_": name.unicodeScalars.append(scalar)
            case "A"..."Z": name.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            default:
                for byte in String(scalar).utf8 { name += String(byte, radix: 16).leftPadded(to: 2) }
            }
        }
        return name.isEmpty ? "dataset" : name
    }

    /// A resource's name comes from its `name` only (and, through
    /// `UniqueNames`, its position when two share a name), never from its
    /// path or URL: a conditional resource's URL is what an applicant is
    /// given after approval, and its last segment in a public file would let
    /// anyone rebuild a hidden API endpoint. Open resources follow the same
    /// rule so that a name never changes when a dataset's open type does.
    static func resourceName(_ resource: Resource) -> String {
        packageName(resource.name)
    }

    /// Table Schema field types; anything else a publisher wrote becomes
    /// `any`, which accepts every value rather than rejecting good data.
    static let tableSchemaTypes: Set<String> = [
        "string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
        "year", "yearmonth", "duration", "geopoint", "geojson", "any",
    ]

    static func tableSchema(_ fields: [SchemaField]) -> JSONValue {
        .object([("fields", .array(fields.map { field in
            var entry = JSONObjectBuilder()
            entry.set("name", .string(field.name))
            let type = field.type.lowercased()
            entry.set("type", .string(tableSchemaTypes.contains(type) ? type : "any"))
            entry.setIfPresent("description", field.description)
            entry.setIfPresent("unit", field.unit)
            return entry.value
        }))])
    }
}

/// Resource names must be unique within a package: the second `data` becomes `data-2`.
/// Each name remembers the next number to try, so n resources of one name
/// cost n claims, not n² lookups.
struct UniqueNames {
    private var used: Set<String> = []
    private var nextCounter: [String: Int] = [:]

    mutating func claim(_ wanted: String) -> String {
        var name = wanted
        var counter = nextCounter[wanted] ?? 2
        while used.contains(name) {
            name = "\(wanted)-\(counter)"
            counter += 1
        }
        nextCounter[wanted] = counter
        used.insert(name)
        return name
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
