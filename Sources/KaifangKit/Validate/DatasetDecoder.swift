import Foundation

/// What a dataset is checked against: the departments, themes and files
/// that exist, and the portal's own rules.
struct DatasetRules: Sendable {
    var organizationSlugs: Set<String>
    /// JKAN files name their department by name rather than slug.
    var organizationSlugByName: [String: String]
    /// Every department's slug and name, for the hint when a value names none.
    var departments: [(slug: String, name: String)] = []
    var themeSlugs: Set<String>
    /// JKAN's `category` holds theme titles.
    var themeSlugByTitle: [String: String]
    var dataFiles: DataFolder
    var defaultLicense: String?
    /// The portal's own wordings of controlled values (`synonyms:` in site.yaml), by field.
    var synonyms: [String: [String: String]] = [:]
    var licenseNames = LicenseNames()
    var resourceCodePattern: String?
    var today: Day
    /// False when site.yaml could not be read or its themes are broken: every
    /// dataset's themes would be "unknown", burying the one real error.
    var checkThemes = true
    /// The site being built: the sharing terms matter only to the share site.
    var profile: BuildProfile = .public
}

/// Checks one dataset's fields (front matter, a catalog.csv row, or both
/// joined) and turns them into a `Dataset`.
enum DatasetDecoder {
    static let knownFields = [
        "id", "title", "description", "organization", "themes", "keywords", "open_type", "share_type", "title_en", "description_en",
        "share_condition", "share_method", "share_requirements",
        "update_frequency", "issued", "modified", "license", "contact", "spatial", "temporal", "resources", "source",
        // JKAN
        "notes", "category", "maintainer", "maintainer_email", "maintainer_phone", "tags", "date_created", "date_updated",
        "schema", "layout",
    ]
    static let resourceFields = ["id", "name", "format", "path", "url", "description", "media_type", "schema", "privacy_exceptions",
                                 "privacy_review", "views"]
    static let schemaFieldTypes = ["string", "integer", "number", "boolean", "date", "datetime", "time", "year",
                                   "yearmonth", "duration", "geopoint", "geojson", "object", "array", "any"]

    static func decode(_ document: RawDocument, rules: DatasetRules) -> (Dataset?, Diagnostics) {
        var reader = FieldReader(document.fields, context: "dataset")
        let id = reader.string("id", required: true, hint: "add the resource code (信息资源代码), e.g. `id: 370000-JTT-000001`")
        if let id { checkResourceCode(id, at: reader.raw("id")!.location, rules: rules, &reader.diagnostics) }
        let title = reader.string("title", required: true, hint: "add the resource name (信息资源名称): `title: …`")
        let organization = decodeOrganization(&reader, rules: rules)
        let themes = decodeThemes(&reader, rules: rules)
        let keywords = reader.stringList(["keywords", "tags"])?.values ?? []
        let openType = reader.vocabulary("open_type", OpenType.self, required: true,
                                         hint: "add `open_type: open` (or conditional, closed; 无条件开放, 有条件开放, 不予开放), "
                                            + "or give every dataset one in site.yaml: `defaults: {open_type: open}`",
                                         portalSynonyms: rules.synonyms["open_type"] ?? [:])
        let shareType = reader.vocabulary("share_type", ShareType.self, portalSynonyms: rules.synonyms["share_type"] ?? [:])
        let sharing = decodeSharing(&reader, shareType: shareType, rules: rules)
        let frequency = reader.vocabulary("update_frequency", UpdateFrequency.self, portalSynonyms: rules.synonyms["update_frequency"] ?? [:])
        let issued = reader.day(["issued", "date_created"])
        let modified = reader.day(["modified", "date_updated"])
        checkDates(issued: issued, modified: modified, today: rules.today, &reader.diagnostics)
        let license = decodeLicense(&reader, rules: rules)
        var contact = ContactDecoder.decode(reader.raw("contact"), diagnostics: &reader.diagnostics)
        if let maintainer = reader.string("maintainer") { contact = contact ?? Contact(name: maintainer) }
        if let email = reader.string("maintainer_email") {
            var filled = contact ?? Contact()
            if filled.email == nil { filled.email = email }
            contact = filled
        }
        if let phone = reader.string("maintainer_phone") {
            var filled = contact ?? Contact()
            if filled.phone == nil { filled.phone = phone }
            contact = filled
        }
        let temporal = decodeTemporal(&reader)
        let resources = decodeResources(&reader, rules: rules, openType: openType)
        var description = document.body
        if description.trimmedWhitespace.isEmpty {
            description = reader.string(["description", "notes"]) ?? ""
        } else {
            _ = reader.raw(["description", "notes"])
        }
        let spatial = reader.string("spatial")
        let origin = decodeOrigin(&reader)
        let englishTitle = reader.englishText("title_en", example: "Bus stops of Jinan")
        let englishDescription = reader.englishText("description_en", example: "The location and name of every bus stop in Jinan.")
        _ = reader.raw(["layout", "schema"])
        reader.warnAboutUnknownFields(known: knownFields)
        guard let id, let title, let organization, let openType else { return (nil, reader.diagnostics) }
        var dataset = Dataset(
            id: id, slug: document.slug, title: title, descriptionMarkdown: description,
            organizationSlug: organization, themeSlugs: themes, keywords: keywords, openType: openType,
            shareType: shareType, updateFrequency: frequency, issued: issued?.day, modified: modified?.day,
            license: license, contact: contact, spatial: spatial, temporal: temporal,
            resources: resources, sourceFile: document.file)
        dataset.origin = origin
        dataset.shareCondition = sharing.condition
        dataset.shareMethod = sharing.method
        dataset.shareRequirements = sharing.requirements
        dataset.englishTitle = englishTitle
        dataset.englishDescriptionMarkdown = englishDescription
        return (dataset, reader.diagnostics)
    }

    /// The national guideline's sharing fields: 共享条件, 共享方式, 使用要求.
    /// A department asked to request conditionally shared data must learn the
    /// conditions somewhere, so on the share site a conditional share without
    /// them is a warning. The public portal never shows them, and catalogues
    /// imported from public portals never have them: no warning there.
    private static func decodeSharing(_ reader: inout FieldReader, shareType: ShareType?, rules: DatasetRules)
        -> (condition: String?, method: ShareMethod?, requirements: String?) {
        let condition = reader.string("share_condition")
        let method = reader.vocabulary("share_method", ShareMethod.self, portalSynonyms: rules.synonyms["share_method"] ?? [:])
        let requirements = reader.string("share_requirements")
        if rules.profile == .share, shareType == .conditional, condition == nil {
            reader.diagnostics.warning(reader.raw("share_type")?.location ?? reader.location,
                                       "the dataset is shared on conditions (有条件共享) but has no share_condition",
                                       code: "dataset.share-condition",
                                       hint: "say what a requesting department must meet, e.g. `share_condition: 仅限市场监管部门用于信用监管，须经提供部门审核`")
        }
        return (condition, method, requirements)
    }

    /// `source: {name, url}`: the portal that publishes the dataset first, and its page there.
    private static func decodeOrigin(_ reader: inout FieldReader) -> DatasetOrigin? {
        guard let node = reader.raw("source") else { return nil }
        guard node.entries != nil else {
            reader.diagnostics.error(node.location, "source must be a set of fields: {name, url}", code: "dataset.source",
                                     hint: "write `source: {name: 济南市公共数据开放网, url: https://data.jinan.gov.cn/datasets/bus/}`")
            return nil
        }
        var fields = FieldReader(node, context: "source")
        let name = fields.string("name", required: true, hint: "name the portal the dataset comes from")
        var url = fields.string("url")
        if let given = url, !IRI.isHTTP(given) || URL(string: given)?.host == nil {
            fields.diagnostics.error(fields.raw("url")!.location, "source url \"\(given)\" is not an http(s) address", code: "dataset.source",
                                     hint: "give the dataset's page on the portal it comes from")
            url = nil
        }
        fields.warnAboutUnknownFields(known: ["name", "url"])
        reader.diagnostics.append(contentsOf: fields.diagnostics)
        return name.map { DatasetOrigin(name: $0, url: url) }
    }

    /// `resource_code_pattern: national` requires the guideline's form; any
    /// other value is a regular expression. An id that looks like a national
    /// code is checked against the guideline even when nothing is required.
    private static func checkResourceCode(_ id: String, at location: SourceLocation, rules: DatasetRules, _ diagnostics: inout Diagnostics) {
        let national = CatalogueCodes.looksLikeNationalResourceCode(id)
        if let problem = national ? CatalogueCodes.nationalResourceCodeProblem(id) : nil {
            diagnostics.error(location, "id \"\(id)\" is not a valid resource code: \(problem)", code: "dataset.id-code",
                              hint: "the national form is 类项目细目/顺序码, e.g. 301001001/000123")
        }
        guard let pattern = rules.resourceCodePattern else { return }
        if pattern == "national" {
            if !national {
                diagnostics.error(location, "id \"\(id)\" is not in the national resource-code form", code: "dataset.id-code",
                                  hint: "site.yaml requires 类项目细目/顺序码, e.g. 301001001/000123")
            }
        } else if id.range(of: "^(?:\(pattern))$", options: .regularExpression) == nil {
            diagnostics.error(location, "id \"\(id)\" does not follow the portal's resource-code pattern",
                              code: "dataset.id-pattern", hint: "site.yaml requires ids matching \(pattern)")
        }
    }

    private static func decodeOrganization(_ reader: inout FieldReader, rules: DatasetRules) -> String? {
        guard let value = reader.string("organization", required: true,
                                        hint: "name the department's file in organizations/, e.g. `organization: jtt`") else { return nil }
        if rules.organizationSlugs.contains(value) { return value }
        if let slug = rules.organizationSlugByName[value] { return slug }
        reader.diagnostics.error(reader.raw("organization")!.location, "unknown organization \"\(value)\"",
                                 code: "dataset.organization",
                                 hint: DepartmentHint.hint(for: value, departments: rules.departments))
        return nil
    }

    private static func decodeThemes(_ reader: inout FieldReader, rules: DatasetRules) -> [String] {
        guard let (values, location) = reader.stringList(["themes", "category"]) else { return [] }
        guard rules.checkThemes else { return values }
        var slugs: [String] = []
        for value in values {
            if let slug = rules.themeSlugs.contains(value) ? value : rules.themeSlugByTitle[value] {
                if !slugs.contains(slug) { slugs.append(slug) }
            } else {
                let suggestion = Suggestions.closest(to: value, in: rules.themeSlugs.sorted(), maxDistance: 3)
                reader.diagnostics.error(location, "unknown theme \"\(value)\"", code: "dataset.themes",
                                         hint: suggestion.map { "did you mean \"\($0)\"?" }
                                            ?? "themes are listed in site.yaml: \(rules.themeSlugs.sorted().joined(separator: ", "))")
            }
        }
        return slugs
    }

    private static func checkDates(issued: (day: Day, location: SourceLocation)?, modified: (day: Day, location: SourceLocation)?,
                                   today: Day, _ diagnostics: inout Diagnostics) {
        if let issued, let modified, modified.day < issued.day {
            diagnostics.error(modified.location, "modified (\(modified.day)) is before issued (\(issued.day))",
                              code: "dataset.date-order", hint: "a dataset cannot be updated before it was published")
        }
        let limit = Day(daysSinceEpoch: today.daysSinceEpoch + 31)
        for date in [issued, modified].compactMap({ $0 }) where date.day > limit {
            diagnostics.error(date.location, "the date \(date.day) is in the future", code: "dataset.date-future",
                              hint: "dates say when the data was published or updated, so they cannot be after today (\(today))")
        }
    }

    private static func decodeLicense(_ reader: inout FieldReader, rules: DatasetRules) -> String? {
        guard let license = reader.string("license") else { return rules.defaultLicense }
        if URLRules.isWebURL(license) { return license }
        if let known = Licenses.canonicalID(license) { return known }
        switch rules.licenseNames.match(license) {
        case .portal(let url): return url
        case .noLicense: return rules.defaultLicense
        case .known(let id):
            reader.diagnostics.note(reader.raw("license")!.location, "licence \"\(license)\" is read as \(id)", code: "dataset.license-name",
                                    hint: "write `license: \(id)` (or the licence's URL) to name the version; "
                                        + "list the portal's own licence names in _data/licenses.yml as JKAN does")
            return id
        case nil: break
        }
        let suggestion = Suggestions.closest(to: license, in: Licenses.known.map(\.id), maxDistance: 3)
        reader.diagnostics.error(reader.raw("license")!.location, "unknown licence \"\(license)\"", code: "dataset.license",
                                 hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "use an SPDX id such as CC-BY-4.0, the licence's URL, "
                                    + "or a name listed in _data/licenses.yml")
        return nil
    }

    private static func decodeTemporal(_ reader: inout FieldReader) -> Temporal? {
        guard let node = reader.raw("temporal") else { return nil }
        var sub = FieldReader(node, context: "temporal")
        let start = sub.day("start"), end = sub.day("end")
        if let start, let end, end.day < start.day {
            sub.diagnostics.error(end.location, "the temporal coverage ends (\(end.day)) before it starts (\(start.day))",
                                  code: "dataset.temporal")
        }
        sub.warnAboutUnknownFields(known: ["start", "end"])
        reader.diagnostics.append(contentsOf: sub.diagnostics)
        return start == nil && end == nil ? nil : Temporal(start: start?.day, end: end?.day)
    }

    /// `id:` of a resource names a folder of the site (its data API), so it is
    /// short, URL-safe and unique in the dataset; it may not be all digits,
    /// which would collide with the positions that name resources without one.
    private static func decodeResourceID(_ reader: inout FieldReader, seen: inout [String: SourceLocation]) -> String? {
        guard let id = reader.string("id"), let location = reader.raw("id")?.location else { return nil }
        let allowed = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        if !allowed || id.count > 64 || id.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
            reader.diagnostics.error(location, "resource id \"\(id)\" cannot name a folder of the site", code: "resource.id",
                                     hint: "use up to 64 Latin letters, digits, - and _, not only digits, e.g. `id: monthly`")
            return nil
        }
        if let first = seen[id] {
            reader.diagnostics.error(location, "resource id \"\(id)\" is also used at line \(first.line)", code: "resource.id",
                                     hint: "give each resource of a dataset its own id")
            return nil
        }
        seen[id] = location
        return id
    }

    private static func decodeResources(_ reader: inout FieldReader, rules: DatasetRules, openType: OpenType?) -> [Resource] {
        guard let node = reader.raw("resources") else { return [] }
        guard let items = node.items else {
            reader.diagnostics.error(node.location, "resources must be a list", code: "dataset.resources",
                                     hint: "each resource starts with `- name: …`")
            return []
        }
        var resources: [Resource] = []
        var resourceIDs: [String: SourceLocation] = [:]
        for item in items {
            var sub = FieldReader(item, context: "resource")
            guard item.entries != nil else {
                reader.diagnostics.error(item.location, "a resource must be a set of fields (name, format, path or url)",
                                         code: "resource.shape")
                continue
            }
            let name = sub.string("name", required: true)
            let resourceID = decodeResourceID(&sub, seen: &resourceIDs)
            let path = sub.string("path")
            let url = sub.string("url")
            var location: Resource.Location?
            switch (path, url) {
            case (nil, nil):
                sub.diagnostics.error(item.location, "the resource has neither path nor url", code: "resource.location",
                                      hint: "give `path:` for a file under Content/data/, or `url:` for a file hosted elsewhere")
            case (.some, .some):
                sub.diagnostics.error(sub.raw("url")!.location, "the resource has both path and url", code: "resource.location",
                                      hint: "keep only one of them")
            case (let path?, nil):
                if let problem = rules.dataFiles.check(path) {
                    sub.diagnostics.error(sub.raw("path")!.location, problem.message, code: "resource.path", hint: problem.hint)
                } else {
                    location = .path(DataFolder.normalize(path))
                }
            case (nil, let url?):
                switch URLRules.repair(url) {
                case .fine:
                    location = .url(url)
                case .repaired(let repaired, let change):
                    sub.diagnostics.warning(sub.raw("url")!.location, "url \"\(url)\" is published as \(repaired): \(change)",
                                            code: "resource.url-encoded", hint: "write the address as published to silence this warning")
                    location = .url(repaired)
                case .invalid(let problem):
                    sub.diagnostics.error(sub.raw("url")!.location, "url \"\(url)\" cannot be published: \(problem)",
                                          code: "resource.url", hint: "write the full address, e.g. https://files.example.gov.cn/x.csv")
                }
            }
            var format = sub.string("format")
            // A conditional resource's path and URL are never published, so
            // nothing (not even its extension) may be derived from them.
            if format == nil, openType != .conditional, let guessed = location.flatMap(Formats.guess) {
                format = guessed
            } else if format == nil, openType == .conditional {
                sub.diagnostics.error(item.location, "the resource has no format", code: "resource.format",
                                      hint: "add `format: CSV` (or XLSX, JSON, API, PDF, …); a conditional resource's format is not "
                                        + "guessed from its path or URL, which are never published")
            } else if format == nil {
                sub.diagnostics.error(item.location, "the resource has no format", code: "resource.format",
                                      hint: "add `format: CSV` (or XLSX, JSON, API, PDF, …)")
            }
            let schema = decodeSchema(&sub)
            let exceptions = decodePrivacyExceptions(&sub)
            let review = decodePrivacyReview(&sub, today: rules.today)
            let description = sub.string("description"), mediaType = sub.string("media_type")
            var views: [ResourceView] = []
            if let node = sub.raw("views") {
                views = ResourceViewDecoder.decode(node, into: &sub.diagnostics)
                if let format, let location {
                    sub.diagnostics.append(contentsOf: ResourceViewDecoder.check(views, format: format, location: location, dataFiles: rules.dataFiles))
                }
            }
            sub.warnAboutUnknownFields(known: resourceFields)
            reader.diagnostics.append(contentsOf: sub.diagnostics)
            if let name, let format, let location {
                var resource = Resource(name: name, format: format, location: location, description: description,
                                        mediaType: mediaType, schema: schema)
                resource.privacyExceptions = exceptions
                resource.privacyReview = review
                resource.id = resourceID
                resource.sourceLocation = item["url"]?.location ?? item.location
                resource.views = views
                resources.append(resource)
            }
        }
        return resources
    }

    private static func decodePrivacyExceptions(_ reader: inout FieldReader) -> [PrivacyException] {
        guard let node = reader.raw("privacy_exceptions") else { return [] }
        guard let items = node.items else {
            reader.diagnostics.error(node.location, "privacy_exceptions must be a list of {column, reason}",
                                     code: "resource.privacy_exceptions")
            return []
        }
        var exceptions: [PrivacyException] = []
        for item in items {
            var sub = FieldReader(item, context: "privacy exception")
            let column = sub.string("column", required: true)
            let reason = sub.string("reason", required: true, hint: "say who reviewed the column and why it holds no personal data")
            sub.warnAboutUnknownFields(known: ["column", "reason"])
            reader.diagnostics.append(contentsOf: sub.diagnostics)
            if let column, let reason {
                exceptions.append(PrivacyException(column: column, reason: reason, location: item.location))
            }
        }
        return exceptions
    }

    /// `privacy_review: {by, date, note}`: who checked by hand a file the scan cannot read, when, and what they found.
    private static func decodePrivacyReview(_ reader: inout FieldReader, today: Day) -> PrivacyReview? {
        guard let node = reader.raw("privacy_review") else { return nil }
        guard node.entries != nil else {
            reader.diagnostics.error(node.location, "privacy_review must be a set of fields {by, date, note}",
                                     code: "resource.privacy_review",
                                     hint: "write it as `privacy_review: {by: 王五（数据管理处）, date: 2025-11-20, note: 已逐页核对，无个人信息}`")
            return nil
        }
        var sub = FieldReader(node, context: "privacy review")
        let by = sub.string("by", required: true, hint: "name the person (and office) who checked the file")
        let date = sub.day("date")
        if sub.raw("date") == nil {
            sub.diagnostics.error(node.location, "privacy review has no date", code: "review.date",
                                  hint: "add the day the file was checked: `date: YYYY-MM-DD`")
        }
        if let date, date.day > today {
            sub.diagnostics.error(date.location, "the privacy review date \(date.day) is in the future", code: "review.date",
                                  hint: "a review records a check that was done, so its date cannot be after today (\(today))")
        }
        let note = sub.string("note", required: true, hint: "say what was checked and what was found, e.g. `note: 已逐页核对，无个人信息`")
        sub.warnAboutUnknownFields(known: ["by", "date", "note"])
        reader.diagnostics.append(contentsOf: sub.diagnostics)
        guard let by, let date, let note, date.day <= today else { return nil }
        return PrivacyReview(by: by, date: date.day, note: note, location: node.location)
    }

    private static func decodeSchema(_ reader: inout FieldReader) -> [SchemaField] {
        guard let node = reader.raw("schema") else { return [] }
        guard let items = node.items else {
            reader.diagnostics.error(node.location, "schema must be a list of fields", code: "resource.schema",
                                     hint: "each field starts with `- name: …` and has a type")
            return []
        }
        var fields: [SchemaField] = []
        for item in items {
            var sub = FieldReader(item, context: "schema field")
            guard let name = sub.string("name", required: true) else {
                reader.diagnostics.append(contentsOf: sub.diagnostics)
                continue
            }
            let type = sub.string("type")?.lowercased() ?? "string"
            if !schemaFieldTypes.contains(type) {
                sub.diagnostics.error(sub.raw("type")!.location, "field type \"\(type)\" is unknown", code: "schema.type",
                                      hint: "use one of: \(schemaFieldTypes.joined(separator: ", "))")
            }
            fields.append(SchemaField(name: name, type: type, description: sub.string("description"), unit: sub.string("unit")))
            sub.warnAboutUnknownFields(known: ["name", "type", "description", "unit"])
            reader.diagnostics.append(contentsOf: sub.diagnostics)
        }
        return fields
    }
}
