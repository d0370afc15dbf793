/// `datasets/<slug>/datapackage.json`: a Frictionless Data Package (v1) for
/// every public dataset, so tools (frictionless, pandas readers, Data
/// Package importers) can fetch and type-check the data in one step.
///
/// - Files published with the portal are referenced by their absolute URL
///   under the base URL: the spec forbids `../` and absolute file paths, and
///   the package lives in `datasets/<slug>/` while the file is in `data/`.
///   They carry `bytes`, `hash` (`sha256:<hex>`; bare hex would mean MD5)
///   and, when declared, a Table Schema.
/// - Links to data hosted elsewhere become `path` URLs (http/https only).
/// - Conditional (有条件开放) datasets publish metadata but no data: the spec
///   requires at least one resource with a `path`, and every dataset page
///   must have its package, so each resource points at the dataset page,
///   which explains how to apply (`format: html`). What the applicant will
///   receive is described under the custom key `conditional` (format, media
///   type, Table Schema), which no tool tries to read as data.
public struct DataPackageExporter: Exporter {
    public init() {}

    public func export(_ catalog: Catalog) -> [Artifact] {
        var artifacts: [Artifact] = []
        export(catalog) { artifacts.append($0) }
        return artifacts
    }

    /// Made a slice of datasets at a time, in parallel, and handed over in catalogue order.
    public func export(_ catalog: Catalog, emit: (Artifact) throws -> Void) rethrows {
        let catalog = catalog.publishable
        for start in stride(from: 0, to: catalog.datasets.count, by: 1024) {
            let slice = Array(start..<min(start + 1024, catalog.datasets.count)).parallelMap { index in
                let dataset = catalog.datasets[index]
                return Artifact(path: catalog.dataPackagePath(dataset), data: JSONWriter().data(package(dataset, in: catalog)))
            }
            for artifact in slice { try emit(artifact) }
        }
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
        for resource in dataset.resources {
            let name = names.claim(Self.resourceName(resource))
            if dataset.openType == .open {
                if let entry = openResource(resource, named: name, of: dataset, in: catalog) { resources.append(entry) }
            } else {
                resources.append(conditionalResource(resource, named: name, page: page, in: catalog))
            }
        }
        if resources.isEmpty {
            // A package needs one resource: the page is the one thing always there.
            resources.append(.object([
                ("name", .string(names.claim("dataset-page"))),
                ("title", .string(dataset.title)),
                ("path", .string(page)),
                ("format", .string("html")),
                ("mediatype", .string("text/html")),
            ]))
        }
        package.set("resources", .array(resources))
        return package.value
    }

    func openResource(_ resource: Resource, named name: String, of dataset: Dataset, in catalog: Catalog) -> JSONValue? {
        guard let url = catalog.encodedDownloadURL(resource, of: dataset), IRI.isHTTP(url) else { return nil }
        var entry = JSONObjectBuilder()
        entry.set("name", .string(name))
        entry.set("title", .string(resource.name))
        entry.setIfPresent("description", resource.description)
        entry.set("path", .string(url))
        entry.set("format", .string(resource.format.lowercased()))
        entry.set("mediatype", .string(catalog.mediaType(resource)))
        if Formats.isTabular(resource.format) { entry.set("encoding", .string("utf-8")) }
        if let file = resource.file {
            entry.set("bytes", .integer(file.byteSize))
            entry.set("hash", .string("sha256:" + file.sha256.lowercased()))
        }
        if !resource.schema.isEmpty { entry.set("schema", Self.tableSchema(resource.schema)) }
        return entry.value
    }

    func conditionalResource(_ resource: Resource, named name: String, page: String, in catalog: Catalog) -> JSONValue {
        var entry = JSONObjectBuilder()
        entry.set("name", .string(name))
        entry.set("title", .string(resource.name))
        entry.set("description", .string("有条件开放：数据须向提供部门申请，经审核同意后方可获取。" + (resource.description ?? "")))
        entry.set("path", .string(page))
        entry.set("format", .string("html"))
        entry.set("mediatype", .string("text/html"))
        var data = JSONObjectBuilder()
        data.set("format", .string(resource.format.lowercased()))
        data.set("mediatype", .string(catalog.mediaType(resource)))
        if !resource.schema.isEmpty { data.set("schema", Self.tableSchema(resource.schema)) }
        entry.set("conditional", data.value)
        return entry.value
    }

    func license(_ dataset: Dataset, in catalog: Catalog) -> JSONValue? {
        guard let value = catalog.licenseValue(dataset) else { return nil }
        var license = JSONObjectBuilder()
        if let id = Licenses.canonicalID(value) { license.set("name", .string(id)) }
        if let url = catalog.licenseURL(dataset) { license.set("path", .string(url)) }
        guard !license.members.isEmpty else { return nil }  // the spec needs a name or a path
        license.set("title", .string(Licenses.title(for: value)))
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
