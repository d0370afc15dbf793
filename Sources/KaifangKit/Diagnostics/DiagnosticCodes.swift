/// Every diagnostic code, with what it means, an example and the fix: the
/// source of `kaifang explain CODE` and of docs/diagnostics.md. A test reads
/// the sources and fails when a code is used that is not explained here.
public enum DiagnosticCodes {
    public struct Entry: Sendable, Equatable {
        /// The code, or a family such as `dataset.<field>`.
        public var code: String
        public var meaning: String
        public var example: String
        public var fix: String
    }

    /// The entry for a code: its own, or its family's (`dataset.title` → `dataset.<field>`).
    public static func explain(_ code: String) -> Entry? {
        if let entry = all.first(where: { $0.code == code }) { return entry }
        guard let dot = code.firstIndex(of: ".") else { return nil }
        let family = code[..<dot] + ".<field>"
        return all.first { $0.code == family }
    }

    /// docs/diagnostics.md, as the test compares it.
    public static func markdown() -> String {
        var text = """
            # Diagnostics

            Every problem `kaifang check` and `kaifang build` find is printed as
            `path:line:column: severity: message [code]` with a hint. `kaifang explain CODE` prints the
            entry below for one code. Errors stop the build; warnings stop it only with `--strict`;
            notes never do. This page is generated from `Sources/KaifangKit/Diagnostics/DiagnosticCodes.swift`
            (a test fails when the two differ, or when the sources use a code that is not listed).

            """
        var section = ""
        for entry in all {
            let prefix = String(entry.code.prefix { $0 != "." })
            if prefix != section {
                section = prefix
                text += "\n## \(prefix)\n"
            }
            text += "\n### `\(entry.code)`\n\n\(entry.meaning)\n\n```\n\(entry.example)\n```\n\nFix: \(entry.fix)\n"
        }
        return text
    }

    /// The text `kaifang explain` prints.
    public static func text(for entry: Entry) -> String {
        "\(entry.code): \(entry.meaning)\n\nexample:\n  \(entry.example.replacingOccurrences(of: "\n", with: "\n  "))\n\nfix: \(entry.fix)\n"
    }

    static func entry(_ code: String, _ meaning: String, _ example: String, _ fix: String) -> Entry {
        Entry(code: code, meaning: meaning, example: example, fix: fix)
    }

    /// Sorted by code, as the page and `kaifang explain` list them.
    public static let all: [Entry] = entries.sorted { $0.code < $1.code }

    static let entries: [Entry] = [
        entry("build.<field>", "A value under site.yaml's build: is invalid (build.page_size, build.feed_size, build.shrink_guard).",
              "Content/site.yaml:14:15: error: page_size must be a whole number from 1 to 10000 [site.page_size]",
              "Write the value as docs/content-format.md describes."),
        entry("catalog-csv.cell-count", "A row of catalog.csv has more or fewer cells than the header.",
              "Content/catalog.csv:7:1: error: this row has 12 cells but the header has 14 [catalog-csv.cell-count]",
              "Count the commas: a cell that holds a comma must be wrapped in double quotes."),
        entry("catalog-csv.conflict", "A dataset is in catalog.csv and in datasets/<slug>.md, and the two disagree on a field.",
              "Content/catalog.csv:5:3: error: title differs from Content/datasets/bus.md (line 3) [catalog-csv.conflict]",
              "Keep the field in one place, or make both say the same."),
        entry("catalog-csv.no-id", "catalog.csv has no id (信息资源代码) column, so its rows cannot be joined or published.",
              "Content/catalog.csv:1:1: error: catalog.csv has no id column [catalog-csv.no-id]",
              "Add an id (or 信息资源代码) column with each row's resource code."),
        entry("catalog-csv.syntax", "catalog.csv is not valid CSV (RFC 4180): usually an unclosed quote.",
              "Content/catalog.csv:12:40: error: catalog.csv: a quoted cell is not closed [catalog-csv.syntax]",
              "Wrap cells with commas, quotes or line breaks in double quotes, and double a quote inside a cell."),
        entry("catalog-csv.unknown-column", "A column of catalog.csv is not one Kaifang knows (English field names or the catalogue's Chinese headers).",
              "Content/catalog.csv:1:15: warning: unknown column \"备注\" is ignored [catalog-csv.unknown-column]",
              "Rename the column as docs/content-format.md lists, or remove it."),
        entry("contact.email", "A contact's e-mail address is not an address.",
              "Content/datasets/bus.md:12:10: error: email \"opendata@\" is not an e-mail address [contact.email]",
              "Write the whole address, e.g. opendata@example.gov.cn."),
        entry("contact.<field>", "A contact's field is invalid (contact.name, contact.phone, …).",
              "Content/datasets/bus.md:12:9: error: name must be a single value, not a list [contact.name]",
              "Write name, email and phone as single values."),
        entry("content.empty", "The content folder has neither datasets/ nor catalog.csv: almost always a wrong --content.",
              "Content:1:1: error: the content has no datasets: neither datasets/ nor catalog.csv exists [content.empty]",
              "Run kaifang in the project folder, pass --content, or add datasets."),
        entry("content.ignored-file", "A file in datasets/, organizations/ or pages/ is not a .md file and is not read.",
              "Content/datasets/bus.txt:1:1: warning: this file is ignored: only .md files are read here [content.ignored-file]",
              "Rename it to .md if it is a dataset, or move it out of the folder."),
        entry("content.missing", "The content folder does not exist.",
              "Content:1:1: error: the content folder does not exist [content.missing]",
              "Run kaifang in the folder that holds Content/, or pass --content PATH."),
        entry("content.subfolder", "A subfolder of datasets/ (or organizations/, pages/) holds .md files; only the folder's own files are read.",
              "Content/datasets/jtt:1:1: error: this folder holds .md files, but only datasets/*.md is read, not subfolders [content.subfolder]",
              "Move the files up into the folder itself."),
        entry("content.unreadable", "A part of Content/ is there but cannot be read: a dangling link, a file where a folder belongs (or the reverse), a FIFO or device, or no permission. It is never taken for an empty part.",
              "Content/datasets:1:1: error: datasets/ cannot be read: it is a symbolic link to ../moved-away, which does not exist [content.unreadable]",
              "Restore the folder or file, fix the link, or fix the permissions."),
        entry("dataset.<field>", "A dataset field is missing, empty, of the wrong kind (a list where one value belongs), or not one of the allowed values. The code names the field: dataset.title, dataset.open_type, dataset.update_frequency, …",
              "Content/datasets/bus.md:5:12: error: open_type \"sometimes\" is not one of open, conditional, closed [dataset.open_type]",
              "Write the field as docs/content-format.md describes; the hint lists the allowed values."),
        entry("dataset.date", "A date is not a real day in YYYY-MM-DD (or YYYY/MM/DD).",
              "Content/datasets/bus.md:9:9: error: issued \"2024-02-30\" is not a real date [dataset.date]",
              "Write a real day."),
        entry("dataset.date-future", "A date is more than a month after the build day.",
              "Content/datasets/bus.md:10:11: error: the date 2031-01-01 is in the future [dataset.date-future]",
              "Correct the year; publishing dates are never ahead."),
        entry("dataset.date-order", "modified is before issued.",
              "Content/datasets/bus.md:10:11: error: modified (2023-01-01) is before issued (2024-01-15) [dataset.date-order]",
              "Swap or correct the two dates."),
        entry("dataset.duplicate-id", "Two datasets have the same id (信息资源代码).",
              "Content/datasets/bus-2.md:2:5: error: id \"370000-JTT-000001\" is already used by Content/datasets/bus.md [dataset.duplicate-id]",
              "Give each dataset its own resource code."),
        entry("dataset.id-code", "An id written like a national resource code (digits / digits) does not follow the national catalogue guideline.",
              "Content/datasets/bus.md:2:5: error: \"9/01\" is not a valid resource code: … [dataset.id-code]",
              "Write 类项目细目/顺序码 as the guideline defines it, or an id of another form."),
        entry("dataset.id-pattern", "An id does not match site.yaml's resource_code_pattern.",
              "Content/datasets/bus.md:2:5: error: id \"BUS-1\" does not match resource_code_pattern [dataset.id-pattern]",
              "Use the portal's code form."),
        entry("dataset.license", "The licence is neither a known SPDX id nor a URL.",
              "Content/datasets/bus.md:14:10: error: unknown licence \"CC-BY\" [dataset.license]",
              "Write an SPDX id such as CC-BY-4.0, or the licence's URL."),
        entry("dataset.organization", "The department is not a file in organizations/.",
              "Content/datasets/bus.md:4:15: error: unknown organization \"jiaotong\" [dataset.organization]",
              "Use the slug of a department file (the hint suggests the closest), or add the department."),
        entry("dataset.resources", "resources is not a list of resources.",
              "Content/datasets/bus.md:15:12: error: resources must be a list [dataset.resources]",
              "Write each resource as a list item starting with `- name:`."),
        entry("dataset.slug-collision", "Two dataset file names differ only by upper/lower case or Unicode form, so their addresses collide.",
              "Content/datasets/Bus.md:1:1: error: dataset \"Bus\" has the same address as \"bus\" [dataset.slug-collision]",
              "Rename one file."),
        entry("dataset.temporal", "temporal is not {start, end} with real dates in order.",
              "Content/datasets/bus.md:16:3: error: the temporal coverage ends (2020-01-01) before it starts (2021-01-01) [dataset.temporal]",
              "Correct the two dates."),
        entry("dataset.themes", "A theme is not one of site.yaml's themes.",
              "Content/datasets/bus.md:5:9: error: unknown theme \"traffic\" [dataset.themes]",
              "Use a theme slug or title from site.yaml (the hint suggests the closest)."),
        entry("department.<field>", "A department file's field is missing or invalid (department.name, department.code, department.email, department.homepage, …).",
              "Content/organizations/jtt.md:3:7: error: code \"113700\" is not a unified social credit code [department.code]",
              "Write the field as docs/content-format.md describes."),
        entry("department.slug-collision", "Two department file names differ only by case or Unicode form.",
              "Content/organizations/JTT.md:1:1: error: department \"JTT\" has the same address as \"jtt\" [department.slug-collision]",
              "Rename one file."),
        entry("exception.<field>", "A privacy exception lacks its column or its reason (exception.column, exception.reason).",
              "Content/datasets/bus.md:21:11: error: privacy exception has no reason [exception.reason]",
              "Give every exception the column and the reviewer's reason."),
        entry("feedback.<field>", "A value under site.yaml's feedback: is invalid (feedback.email, feedback.issue_url).",
              "Content/site.yaml:30:14: error: issue_url must be a single value, not a list [feedback.issue_url]",
              "Write the value as docs/content-format.md describes."),
        entry("field.<field>", "A field of a resource's schema lacks its name or has an invalid entry (field.name, field.unit, …).",
              "Content/datasets/bus.md:27:15: error: name is empty [field.name]",
              "Give every schema field a name and a type."),
        entry("file.encoding", "A file is not valid UTF-8 (catalog.csv may also be GB18030).",
              "Content/datasets/bus.md:3:8: error: the file is not valid UTF-8 [file.encoding]",
              "Save the file as UTF-8."),
        entry("file.slug", "A file name cannot be a web address (spaces, punctuation).",
              "Content/datasets/bus routes.md:1:1: error: the file name \"bus routes.md\" cannot be an address [file.slug]",
              "Rename the file with letters, digits, - and _."),
        entry("file.unreadable", "A content file cannot be read: a dangling link, a folder or FIFO named like a file, or no permission.",
              "Content/datasets/bus.md:1:1: error: cannot read the file: it is a FIFO (named pipe), not a regular file [file.unreadable]",
              "Replace it with a regular file, or remove it."),
        entry("front-matter.missing", "A .md file is empty or does not start with a `---` front matter block.",
              "Content/datasets/bus.md:1:1: error: the file does not start with front matter [front-matter.missing]",
              "Start the file with `---`, the fields, and `---`."),
        entry("front-matter.shape", "The front matter is not a set of `field: value` lines.",
              "Content/datasets/bus.md:2:1: error: the front matter must be a set of `field: value` lines [front-matter.shape]",
              "Write one `field: value` per line."),
        entry("front-matter.unterminated", "The front matter's closing `---` is missing.",
              "Content/datasets/bus.md:1:1: error: the front matter is not closed [front-matter.unterminated]",
              "Add a line `---` after the fields."),
        entry("output.refused", "The output folder may not be replaced: it is /, a home folder, Content/, the project, or a non-empty folder Kaifang did not build.",
              "_site:1:1: error: refusing to build into Content: it is Content; a build replaces the whole output folder [output.refused]",
              "Choose a new folder for the site, e.g. --output _site."),
        entry("output.shrink", "The build would publish fewer than build.shrink_guard (default half) of the datasets the previous site published.",
              "_site:1:1: error: this build would publish 9 datasets, but the site it replaces published 57: fewer than 50% of them [output.shrink]",
              "If datasets were removed on purpose, build with --allow-shrink; otherwise check that datasets/ and catalog.csv are complete."),
        entry("output.write", "The site could not be written (disk full, read-only, permission, another build holding the lock). The hint says whether the previous site is intact.",
              "_site:1:1: error: the site could not be written: cannot write _site/x: the disk is full (no space left on the device) [output.write]",
              "Fix the cause the message names and build again."),
        entry("page.<field>", "A free page's field is missing or invalid (page.title, …).",
              "Content/pages/about.md:1:1: error: page has no title [page.title]",
              "Add the field."),
        entry("publisher.<field>", "A value under site.yaml's publisher: is invalid (publisher.name, publisher.homepage, publisher.email).",
              "Content/site.yaml:6:3: error: publisher has no name [publisher.name]",
              "Write the publisher's name, and optionally homepage and email."),
        entry("privacy.bank-card", "A published file or text holds what looks like a bank card number (16–19 digits passing the Luhn check with a card issuer's prefix).",
              "Content/data/x.csv:3:2: error: personal data: a bank card number (6222********1234) in column 卡号 [privacy.bank-card]",
              "Remove or mask the values before publishing, or declare a reviewed privacy exception for the column."),
        entry("privacy.exception", "Values that look like personal data were published under a reviewed exception (a note, never an error).",
              "Content/data/x.csv:2:3: note: 3 values in column 编号 look like mobile numbers; published under a reviewed exception: … [privacy.exception]",
              "Nothing, if the review stands."),
        entry("privacy.exception-column", "A privacy exception names a column the file does not have, or the file is not a table.",
              "Content/datasets/bus.md:20:15: warning: privacy exception for column 编码: … has no such column [privacy.exception-column]",
              "Correct the column name."),
        entry("privacy.id-number", "A published file or text holds a resident identity number (18 characters with a valid region, birth date and check character).",
              "Content/data/x.csv:5:2: error: personal data: a resident identity number (110101********1234) in column 身份证号 [privacy.id-number]",
              "Remove or mask the values (like 110101********1234) before publishing."),
        entry("privacy.mobile-number", "A published file or text holds a mainland mobile number.",
              "Content/data/x.csv:4:3: error: personal data: a mobile number (139****8912) in column 电话 [privacy.mobile-number]",
              "Remove or mask the values (like 139****8912) before publishing."),
        entry("privacy.more", "More values that look like personal data than are listed one by one.",
              "Content/data/x.csv:25:2: error: … and 480 more values that look like personal data in this file [privacy.more]",
              "Clean the whole file."),
        entry("privacy.not-scanned", "A published file could not be checked for personal data.",
              "Content/data/x.txt:1:1: error: the file could not be checked for personal data [privacy.not-scanned]",
              "Publish it in a format Kaifang can read, or record a reviewed privacy statement on the resource."),
        entry("resource.<field>", "A resource's field is missing or invalid (resource.name, resource.format, resource.media_type, …).",
              "Content/datasets/bus.md:17:7: error: resource has no name [resource.name]",
              "Write the field as docs/content-format.md describes."),
        entry("resource.format", "A resource's format is missing or unknown.",
              "Content/datasets/bus.md:18:13: error: the resource has no format [resource.format]",
              "Write the file format, e.g. CSV, XLSX, JSON, API."),
        entry("resource.location", "A resource has both or neither of path and url.",
              "Content/datasets/bus.md:17:7: error: the resource has neither path nor url [resource.location]",
              "Keep one: path for a file in Content/data/, url for a link."),
        entry("resource.path", "A resource path leaves Content/data/, is absolute, is a link leading out, or names no regular file.",
              "Content/datasets/bus.md:19:11: error: path \"../secret.csv\" leaves Content/data/ [resource.path]",
              "Put the file in Content/data/ and write its path inside that folder."),
        entry("resource.privacy_exceptions", "privacy_exceptions is not a list of {column, reason}.",
              "Content/datasets/bus.md:21:9: error: privacy_exceptions must be a list [resource.privacy_exceptions]",
              "Write `- {column: 名称, reason: 为何不是个人信息}` items."),
        entry("resource.schema", "A resource's field schema is not a list of fields.",
              "Content/datasets/bus.md:22:9: error: schema must be a list [resource.schema]",
              "Write `- {name: 字段名, type: string}` items."),
        entry("resource.shape", "A resource is not a set of fields.",
              "Content/datasets/bus.md:17:7: error: a resource must be a set of fields (name, format, path or url) [resource.shape]",
              "Write `- name: …` with the fields indented under it."),
        entry("resource.unreadable", "A resource file could not be read while it was measured and scanned.",
              "Content/data/x.csv:1:1: error: cannot read the file: permission denied [resource.unreadable]",
              "Fix the file's permissions or restore it."),
        entry("resource.url", "A resource URL is not an http, https or ftp URL, or could break out of an attribute.",
              "Content/datasets/bus.md:19:10: error: url \"javascript:alert(1)\" is not an http(s) or ftp URL [resource.url]",
              "Write the full address, starting with https://."),
        entry("schema.type", "A schema field's type is not a Table Schema type.",
              "Content/datasets/bus.md:24:17: error: type \"text\" is not a field type [schema.type]",
              "Use string, integer, number, boolean, date, datetime, time, year, yearmonth, duration, geopoint, geojson, object, array or any."),
        entry("site.<field>", "A site.yaml field is missing or invalid (site.title, site.language, site.page_size, site.shrink_guard, …).",
              "Content/site.yaml:14:17: error: shrink_guard must be a share from 0 to 1 (or 0% to 100%) [site.shrink_guard]",
              "Write the field as docs/content-format.md describes."),
        entry("site.base_url", "base_url is not an http(s) URL.",
              "Content/site.yaml:3:11: error: base_url \"data.example.gov.cn\" is not an http(s) URL [site.base_url]",
              "Write the full address, e.g. https://data.example.gov.cn/."),
        entry("site.missing", "Content/site.yaml does not exist.",
              "Content/site.yaml:1:1: error: site.yaml is missing [site.missing]",
              "Create it with at least title, base_url and themes."),
        entry("site.resource_code_pattern", "resource_code_pattern is not a valid regular expression.",
              "Content/site.yaml:1:1: error: resource_code_pattern is not a valid regular expression [site.resource_code_pattern]",
              "Correct the expression, or write `national`."),
        entry("site.shape", "site.yaml is not a set of `field: value` lines.",
              "Content/site.yaml:1:1: error: site.yaml must be a set of `field: value` lines [site.shape]",
              "Write one field per line."),
        entry("site.themes", "site.yaml has no themes, or they are not a list.",
              "Content/site.yaml:1:1: error: site.yaml has no themes [site.themes]",
              "List the portal's themes with slug and title."),
        entry("temporal.<field>", "temporal's start or end is missing or not a date (temporal.start, temporal.end).",
              "Content/datasets/bus.md:17:10: error: start is empty [temporal.start]",
              "Write both as YYYY-MM-DD."),
        entry("templates.missing", "A page kind's template is missing, or the templates folder has none.",
              "Templates/stats.mustache:1:1: error: the template stats.mustache is missing [templates.missing]",
              "Copy the template from the default theme."),
        entry("templates.strings", "The interface strings for the site's language are missing.",
              "Templates/i18n/en.yaml:1:1: error: no interface strings for the language \"en\" [templates.strings]",
              "Add Templates/i18n/<language>.yaml (copy zh-CN.yaml and translate it)."),
        entry("templates.syntax", "A template has a Mustache syntax error.",
              "Templates/dataset.mustache:12:5: error: template syntax: a section is opened but never closed [templates.syntax]",
              "Close the section or tag the message names."),
        entry("templates.unreadable", "A template file cannot be read.",
              "Templates/home.mustache:1:1: error: cannot read the template: permission denied [templates.unreadable]",
              "Restore the file or fix its permissions."),
        entry("theme.<field>", "A theme in site.yaml is missing a field or has an invalid one (theme.slug, theme.title, theme.eu_theme).",
              "Content/site.yaml:20:5: error: theme has no title [theme.title]",
              "Give every theme a slug and a title."),
        entry("theme.duplicate", "Two themes in site.yaml have the same slug.",
              "Content/site.yaml:30:11: error: theme \"transport\" is used twice (first at line 20) [theme.duplicate]",
              "Keep one."),
        entry("theme.eu_theme", "eu_theme is not an EU data-theme code.",
              "Content/site.yaml:21:15: error: eu_theme \"TRANSPORT\" is not an EU data theme [theme.eu_theme]",
              "Use one of AGRI, ECON, EDUC, ENER, ENVI, GOVE, HEAL, INTR, JUST, OP_DATPRO, REGI, SOCI, TECH, TRAN."),
        entry("theme.slug", "A theme slug is not a valid address.",
              "Content/site.yaml:20:11: error: theme slug \"公共 交通\" is not an address [theme.slug]",
              "Use letters, digits, - and _."),
        entry("yaml.duplicate-key", "A field is written twice in one block of YAML.",
              "Content/datasets/bus.md:8:1: error: the field \"title\" is written twice [yaml.duplicate-key]",
              "Keep one of them."),
        entry("yaml.syntax", "The YAML cannot be read: bad indentation, a tab, an unclosed quote or bracket, a `: ` in an unquoted value.",
              "Content/datasets/bus.md:6:1: error: invalid YAML: found character that cannot start any token [yaml.syntax]",
              "Indent with spaces, close quotes and brackets, and quote values that contain `: `."),
    ]
}
