import Foundation

/// The view of one dataset page: description, the catalogue's metadata
/// table, resources with size and checksum, field schemas, and how to get
/// the data when it is given only on application.
struct DatasetViewBuilder {
    let views: ViewBuilder
    var catalog: Catalog { views.catalog }

    func view(index: Int) -> MustacheObject {
        let dataset = catalog.datasets[index]
        let kind = PageKind.dataset(index)
        let title = catalog.displayTitle(dataset).text
        var view = views.base(for: kind, title: title,
                              breadcrumbs: [(views.label("catalog.title"), "datasets/"), (title, nil)])
        let root = kind.rootPrefix(in: catalog)
        var page = views.summaries[index]
        let description = catalog.displayDescription(dataset)
        page["description_html"] = .string(description.description.html.html(root: root))
        if let language = description.language { page["description_lang"] = .string(language) }
        page["metadata"] = .objects(metadataRows(dataset, root: root))
        page["resources"] = .objects(dataset.resources.enumerated().map { resourceView($1, number: $0 + 1, of: dataset) })
        page["has_resources"] = .bool(!dataset.resources.isEmpty)
        if catalog.profile == .share, !catalog.givesData(of: dataset) {
            // A department sees the conditions and how to request, never the file.
            page["access_title"] = .string(views.label("share.request_title"))
            page["access_html"] = .string(views.shareRequestHTML.html(root: root))
            if let condition = dataset.shareCondition { page["access_condition"] = .string(condition) }
        } else if !catalog.givesData(of: dataset) {
            page["access_html"] = .string(views.conditionalAccessHTML.html(root: root))
        } else {
            page["datapackage"] = "datapackage.json"
        }
        if let contact = dataset.contact {
            var contactView: MustacheObject = [:]
            if let name = contact.name { contactView["name"] = .string(name) }
            if let email = contact.email { contactView["email"] = .string(email) }
            if let phone = contact.phone { contactView["phone"] = .string(phone) }
            page["contact"] = .object(contactView)
        }
        page["feedback"] = feedbackLinks(dataset).map { .object($0) }
        page["quality"] = .object(qualityView(views.statistics.quality[index]))
        if let history = catalog.history {
            let changes = history.changes(of: dataset)
            if !changes.isEmpty {
                page["history"] = .object([
                    "history_note": .string(ChangeLog.note(history, label: views.label)),
                    "history_feed": .string(root + "changes.xml"),
                    "history_changes": .objects(changes.prefix(20).map {
                        ["change_day": .string($0.day.description), "change_text": .string(ChangeLog.describe($0, of: dataset, label: views.label))]
                    }),
                ])
            }
        }
        view["dataset"] = .object(page)
        view["head_jsonld"] = .string(SchemaOrgDataset.jsonLD(for: dataset, in: catalog))
        return view
    }

    private func metadataRows(_ dataset: Dataset, root: String) -> [MustacheObject] {
        var rows: [MustacheObject] = []
        func row(_ key: String, _ value: String?, href: String? = nil, external: Bool = false, language: String? = nil) {
            guard let value, !value.isEmpty else { return }
            var item: MustacheObject = ["label": .string(views.label("field.\(key)")), "value": .string(value)]
            if let language { item["value_lang"] = .string(language) }
            if let href { item["href"] = .string(href) }
            if external { item["external"] = true }
            rows.append(item)
        }
        row("id", dataset.id)
        // The catalogue's own title (信息资源名称), even where the heading shows the English one.
        row("title", dataset.title, language: catalog.originalTextLanguage)
        let organization = catalog.organization(dataset.organizationSlug)
        let organizationName = organization.map { catalog.displayName($0) }
        row("organization", organizationName?.text, href: root + catalog.organizationPath(dataset.organizationSlug),
            language: organizationName?.language)
        if let code = organization?.code { row("organization_code", code) }
        let themes = dataset.themeSlugs.compactMap { catalog.theme($0).map { catalog.displayTitle($0) } }
        row("themes", themes.map(\.text).joined(separator: views.label("text.list_separator")),
            language: !themes.isEmpty && themes.allSatisfy { $0.language != nil } ? catalog.originalTextLanguage : nil)
        // Keywords and places have no English version: they keep the catalogue's language.
        row("keywords", dataset.keywords.joined(separator: views.label("text.list_separator")), language: catalog.originalTextLanguage)
        row("open_type", views.label("open_type.\(dataset.openType.rawValue)"))
        row("share_type", dataset.shareType.map { views.label("share_type.\($0.rawValue)") })
        // The sharing terms are for departments: only the share site shows them.
        if catalog.profile == .share {
            func shareRow(_ key: String, _ value: String?) {
                guard let value, !value.isEmpty else { return }
                rows.append(["label": .string(views.label("share.\(key)")), "value": .string(value)])
            }
            shareRow("condition", dataset.shareCondition)
            shareRow("method", dataset.shareMethod.map { views.label("share.method_\($0.rawValue)") })
            shareRow("requirements", dataset.shareRequirements)
        }
        row("update_frequency", dataset.updateFrequency.map { views.label("frequency.\($0.rawValue)") })
        row("issued", dataset.issued?.description)
        row("modified", dataset.modified?.description)
        if let license = dataset.license {
            row("license", Licenses.license(license).map { views.parenthesized(catalog.licenseName($0.id), $0.id) } ?? license,
                href: Licenses.url(for: license), external: true)
        }
        row("spatial", dataset.spatial, language: catalog.originalTextLanguage)
        if let origin = dataset.origin { row("source", origin.name, href: origin.url) }
        if let temporal = dataset.temporal {
            row("temporal", "\(temporal.start?.description ?? "…") ~ \(temporal.end?.description ?? "…")")
        }
        return rows
    }

    private func resourceView(_ resource: Resource, number: Int, of dataset: Dataset) -> MustacheObject {
        var view: MustacheObject = [
            "number": .int(number),
            "name": .string(resource.name),
            "format": .string(resource.format.uppercased()),
            "media_type": .string(resource.mediaType ?? Formats.mediaType(for: resource.format)),
            "has_snippets": false,
        ]
        if let description = resource.description { view["description"] = .string(description) }
        if let url = catalog.downloadURL(resource, of: dataset) {
            switch resource.location {
            case .path(let path):
                // Dataset pages sit two folders deep (datasets/<slug>/).
                view["href"] = .string("../../" + Catalog.publishedPath(path))
                view["local"] = true
            case .url:
                view["href"] = .string(url)
                view["external"] = true
            }
            view["url"] = .string(url)
            // The rows as JSON pages (DataAPI), relative to the dataset page.
            if let api = DataAPI.path(of: resource, at: number, in: dataset, catalog: catalog) {
                view["api_href"] = .string(String(api.dropFirst(catalog.datasetPath(dataset).count)) + "index.json")
            }
            view["has_snippets"] = true
            view["snippets"] = .objects(ResourceSnippets.snippets(for: resource, url: url).map {
                ["snippet_label": .string(views.label("snippet.\($0.language)")), "snippet_code": .string($0.code),
                 "snippet_id": .string("snippet-\(number)-\($0.language)")]
            })
            // Only a file the privacy scan read whole is shown in a preview.
            if case .path(let path) = resource.location, Formats.isTabular(resource.format), resource.file?.scanned == true,
               resource.showsPreview, let folder = views.dataFolder,
               let preview = CSVPreview.read(folder.appendingPathComponent(path), separator: resource.format.uppercased() == "TSV" ? "\t" : ",") {
                view["preview"] = .object(previewView(preview, resource: resource, number: number))
            }
            if case .path(let path) = resource.location, Formats.isTabular(resource.format), let folder = views.dataFolder {
                view["charts"] = .objects(chartViews(resource, file: folder.appendingPathComponent(path), number: number))
            }
            if let layer = resource.map {
                let given = resource.views.first { $0.kind == .map }
                let outlineName = catalog.mapOutline?.tabled.first?.properties.first { ["name", "名称", "NAME"].contains($0.name) }?.value
                view["map"] = .object(SVGMap(layer: layer, outline: catalog.mapOutline).view(
                    id: "map-\(number)", resourceName: resource.name, title: given?.title, description: given?.description,
                    outlineName: outlineName ?? views.label("map.outline_default"), label: views.label))
            }
        }
        if let file = resource.file {
            view["size"] = .string(Formatting.byteSize(file.byteSize))
            view["bytes"] = .string(Formatting.count(Int(file.byteSize)))
            view["sha256"] = .string(file.sha256)
        }
        if !resource.schema.isEmpty {
            // Every key is set on every field: Mustache would otherwise fall
            // back to the enclosing resource's value of the same name.
            let fields = resource.schema.map { field -> MustacheObject in
                ["name": .string(field.name), "type": .string(field.type), "type_label": .string(views.label("type.\(field.type)")),
                 "description": .string(field.description ?? ""), "unit": .string(field.unit ?? "")]
            }
            view["schema_table"] = ["name": .string(resource.name), "fields": .objects(fields)]
        }
        return view
    }

    /// The automatic chart (from the file's shape), or the charts its `views:` ask for.
    private func chartViews(_ resource: Resource, file: URL, number: Int) -> [MustacheObject] {
        let separator: Character = resource.format.uppercased() == "TSV" ? "\t" : ","
        guard !resource.drawsAutomatically else {
            return DataChart.read(file, separator: separator).map { [$0.view(number: number, label: views.label)] } ?? []
        }
        return resource.views.enumerated().compactMap { index, view in
            // Resolve has warned about a view that draws nothing.
            guard view.isChart, case .success(let chart) = DataChart.read(file, separator: separator, view: view) else { return nil }
            return chart.view(number: number, label: views.label, id: index == 0 ? "chart-\(number)" : "chart-\(number)-\(index + 1)",
                              title: view.title, description: view.description)
        }
    }

    private func previewView(_ preview: CSVPreview, resource: Resource, number: Int) -> MustacheObject {
        [
            "preview_id": .string("preview-\(number)"),
            "preview_caption": .string("\(views.label("preview.caption"))\(views.label("text.colon"))\(resource.name)"),
            "preview_note": .string(preview.truncated ? views.label("preview.first_rows").replacingOccurrences(of: "{n}", with: String(preview.rows.count))
                                                      : views.label("preview.all_rows").replacingOccurrences(of: "{n}", with: String(preview.rows.count))),
            "preview_header": .objects(preview.header.map { ["head_cell": .string($0)] }),
            "preview_rows": .objects(preview.rows.map { ["row_cells": .objects($0.map { ["body_cell": .string($0)] })] }),
        ]
    }

    /// The dataset's metadata-quality score and what it misses.
    private func qualityView(_ quality: MetadataQuality) -> MustacheObject {
        [
            "quality_total": .int(quality.total),
            "quality_max": .int(QualityIndicator.maximum),
            "quality_band": .string(quality.band.rawValue),
            "quality_band_label": .string(views.label("quality.band.\(quality.band.rawValue)")),
            "quality_dimensions": .objects(QualityDimension.allCases.map {
                ["dimension_label": .string(views.label("quality.dimension.\($0.rawValue)")), "dimension_points": .int(quality.points(in: $0)),
                 "dimension_max": .int($0.maximum)]
            }),
            "quality_missed": .objects(quality.missed.map { ["missed_label": .string(views.label("quality.indicator.\($0.rawValue)"))] }),
            "quality_has_missed": .bool(!quality.missed.isEmpty),
        ]
    }

    /// 纠错: a pre-filled e-mail or issue form with the resource code and page URL.
    private func feedbackLinks(_ dataset: Dataset) -> MustacheObject? {
        let pageURL = catalog.url(catalog.datasetPath(dataset))
        let colon = views.label("text.colon")
        let subject = "\(views.label("feedback.subject"))\(colon)\(views.parenthesized(dataset.title, dataset.id))"
        let body = "\(views.label("field.id"))\(colon)\(dataset.id)\n\(views.label("feedback.page"))\(colon)\(pageURL)\n\n\(views.label("feedback.prompt"))"
        if let form = catalog.site.feedback.issueURL {
            return ["href": .string(FeedbackLinks.form(form, id: dataset.id, title: dataset.title, url: pageURL))]
        }
        if let email = catalog.site.feedback.email ?? dataset.contact?.email ?? catalog.site.contact?.email {
            return ["href": .string(FeedbackLinks.mail(to: email, subject: subject, body: body))]
        }
        return nil
    }
}

/// Links that open a pre-filled report, without a server of our own.
enum FeedbackLinks {
    static func mail(to address: String, subject: String, body: String) -> String {
        "mailto:\(address)?subject=\(encode(subject))&body=\(encode(body))"
    }

    /// The issue form with the resource code and page URL; `type=request`
    /// (数据需求) when the link asks for a dataset rather than reporting on one.
    static func form(_ template: String, id: String, title: String, url: String, type: String? = nil) -> String {
        if template.contains("{id}") || template.contains("{url}") {
            return template.replacingOccurrences(of: "{id}", with: encode(id))
                .replacingOccurrences(of: "{url}", with: encode(url))
                .replacingOccurrences(of: "{title}", with: encode(title))
        }
        let separator = template.contains("?") ? "&" : "?"
        if let type { return "\(template)\(separator)type=\(encode(type))&url=\(encode(url))" }
        return "\(template)\(separator)dataset=\(encode(id))&url=\(encode(url))"
    }

    static func encode(_ text: String) -> String {
        // RFC 3986 unreserved characters stay, as in path segments; the set is built once there.
        Slug.urlEncoded(text)
    }
}
