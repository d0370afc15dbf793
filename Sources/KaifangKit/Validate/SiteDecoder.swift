/// Checks `site.yaml` and turns it into `Site`.
enum SiteDecoder {
    static let knownFields = ["title", "description", "base_url", "language", "content_language", "publisher", "license", "contact",
                              "conditional_access", "feedback", "build", "themes", "resource_code_pattern", "limits", "defaults", "synonyms", "sources", "profiles", "map"]

    static func decode(_ node: YAMLNode?, file: String) -> (Site?, Diagnostics) {
        guard let node else { return (nil, Diagnostics()) }
        guard node.entries != nil else {
            return (nil, Diagnostics([.error(at: node.location, "site.yaml must be a set of `field: value` lines", code: "site.shape")]))
        }
        var reader = FieldReader(node, context: "site")
        let title = reader.string("title", required: true) ?? ""
        var baseURL = reader.string("base_url", required: true, hint: "e.g. base_url: https://data.example.gov.cn/") ?? "https://example.invalid/"
        if let location = reader.raw("base_url")?.location {
            if !URLRules.isWebURL(baseURL) {
                reader.diagnostics.error(location, "base_url \"\(baseURL)\" is not an http(s) URL", code: "site.base_url",
                                         hint: "e.g. https://data.example.gov.cn/ (a sub-path such as /portal/ is fine)")
            }
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let publisher = decodePublisher(&reader)
        let contact = ContactDecoder.decode(reader.raw("contact"), diagnostics: &reader.diagnostics)
        var feedback = Site.Feedback()
        if let node = reader.raw("feedback") {
            var sub = FieldReader(node, context: "feedback")
            feedback.email = sub.string("email")
            feedback.issueURL = sub.string("issue_url")
            if let email = feedback.email, !URLRules.isEmail(email) {
                sub.diagnostics.error(sub.raw("email")!.location, "\"\(email)\" is not an e-mail address", code: "feedback.email",
                                      hint: "e.g. opendata@example.gov.cn")
                feedback.email = nil
            }
            if let form = feedback.issueURL, let problem = SiteLinks.issueURLProblem(form) {
                sub.diagnostics.error(sub.raw("issue_url")!.location, problem.message, code: "feedback.issue_url", hint: problem.hint)
                feedback.issueURL = nil
            }
            sub.warnAboutUnknownFields(known: ["email", "issue_url"])
            reader.diagnostics.append(contentsOf: sub.diagnostics)
        }
        var pageSize = 20, feedSize = 50
        var shrinkGuard: Double?
        var dcatPageSize: Int?
        if let node = reader.raw("build") {
            var sub = FieldReader(node, context: "build")
            pageSize = positiveInt(&sub, "page_size") ?? pageSize
            feedSize = positiveInt(&sub, "feed_size") ?? feedSize
            shrinkGuard = fraction(&sub, "shrink_guard")
            dcatPageSize = positiveInt(&sub, "dcat_page_size", maximum: 1_000_000)
            sub.warnAboutUnknownFields(known: ["page_size", "feed_size", "shrink_guard", "dcat_page_size"])
            reader.diagnostics.append(contentsOf: sub.diagnostics)
        }
        let themes = decodeThemes(&reader)
        let shareProfile = decodeProfiles(&reader, publicBaseURL: baseURL)
        let defaultLicense = reader.string("license")
        if let license = defaultLicense, !URLRules.isWebURL(license), Licenses.canonicalID(license) == nil {
            let suggestion = Suggestions.closest(to: license, in: Licenses.known.map(\.id), maxDistance: 3)
            reader.diagnostics.error(reader.raw("license")!.location, "unknown licence \"\(license)\"", code: "site.license",
                                     hint: (suggestion.map { "did you mean \"\($0)\"? " } ?? "") + "use an SPDX id such as CC-BY-4.0, or the licence's URL")
        }
        SiteLinks.checkLimits(reader.raw("limits"), &reader.diagnostics)
        // Checked by the validator (DatasetDefaults), where the datasets they apply to are.
        // Read by DatasetDefaults and HarvestSource, which report their own problems.
        _ = reader.raw(["defaults", "synonyms", "sources"])
        var site = Site(
            title: title,
            description: reader.string("description") ?? "",
            baseURL: baseURL,
            language: reader.string("language") ?? "zh-CN",
            publisher: publisher ?? Site.Publisher(name: title),
            defaultLicense: defaultLicense,
            contact: contact,
            conditionalAccess: reader.string("conditional_access") ?? "",
            feedback: feedback,
            themes: themes,
            pageSize: pageSize,
            feedSize: feedSize,
            resourceCodePattern: reader.string("resource_code_pattern"))
        if let shrinkGuard { site.shrinkGuard = shrinkGuard }
        if let dcatPageSize { site.dcatPageSize = dcatPageSize }
        site.shareProfile = shareProfile
        site.declaredContentLanguage = reader.string("content_language")
        if let node = reader.raw("map") {
            if node.entries == nil {
                reader.diagnostics.error(node.location, "map must be a set of fields", code: "map.shape",
                                         hint: "write it as `map: {outline: data/province.geojson}`")
            } else {
                // The path itself is checked by the validator, which knows the content folder.
                var sub = FieldReader(node, context: "map")
                site.mapOutline = sub.string("outline")
                site.mapOutlineLocation = sub.raw("outline")?.location
                sub.warnAboutUnknownFields(known: ["outline"])
                reader.diagnostics.append(contentsOf: sub.diagnostics)
            }
        }
        reader.warnAboutUnknownFields(known: knownFields)
        return (site, reader.diagnostics)
    }

    /// `profiles: {share: {title, base_url, description, request_procedure}}`:
    /// the other sites built from the same catalogue (`kaifang build --profile share`).
    private static func decodeProfiles(_ reader: inout FieldReader, publicBaseURL: String) -> ShareProfile? {
        guard let node = reader.raw("profiles") else { return nil }
        guard node.entries != nil else {
            reader.diagnostics.error(node.location, "profiles must be a set of fields: {share: {title, base_url, …}}", code: "site.profiles",
                                     hint: "write `profiles:` and, indented under it, `share:` with the sharing site's title and base_url")
            return nil
        }
        var profiles = FieldReader(node, context: "profiles")
        var shareProfile: ShareProfile?
        if let share = profiles.raw("share") {
            if share.entries == nil {
                profiles.diagnostics.error(share.location, "profiles.share must be a set of fields: {title, base_url, description, request_procedure}",
                                           code: "profiles.share",
                                           hint: "indent `title:`, `base_url:` and `request_procedure:` under `share:`")
            } else {
                shareProfile = decodeShareProfile(share, publicBaseURL: publicBaseURL, &profiles.diagnostics)
            }
        }
        profiles.warnAboutUnknownFields(known: ["share"])
        reader.diagnostics.append(contentsOf: profiles.diagnostics)
        return shareProfile
    }

    /// Whether `url` is `base` or an address under it, compared without case in the scheme and host.
    static func isWithin(_ url: String, _ base: String) -> Bool {
        func normalized(_ text: String) -> String {
            var text = text.trimmedWhitespace
            if !text.hasSuffix("/") { text += "/" }
            guard let schemeEnd = text.range(of: "://") else { return text }
            let rest = text[schemeEnd.upperBound...]
            let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            return text[..<schemeEnd.upperBound].lowercased() + rest[..<hostEnd].lowercased() + rest[hostEnd...]
        }
        return normalized(url).hasPrefix(normalized(base))
    }

    private static func decodeShareProfile(_ node: YAMLNode, publicBaseURL: String, _ diagnostics: inout Diagnostics) -> ShareProfile? {
        var share = FieldReader(node, context: "share profile")
        let title = share.string("title", required: true, hint: "name the sharing site, e.g. `title: 山东省政务信息资源共享网站`")
        var baseURL = share.string("base_url", required: true, hint: "the sharing site's address on the extranet, e.g. https://share.example.gov.cn/")
        if let given = baseURL, !URLRules.isWebURL(given) {
            share.diagnostics.error(share.raw("base_url")!.location, "base_url \"\(given)\" is not an http(s) URL", code: "profile.base_url",
                                    hint: "e.g. https://share.example.gov.cn/ (a sub-path such as /share/ is fine)")
            baseURL = nil
        }
        // The sharing site lists data that is not for the public: at the public
        // portal's address, or under it, it would be served to everyone.
        if let given = baseURL, URLRules.isWebURL(given), isWithin(given, publicBaseURL) {
            share.diagnostics.error(share.raw("base_url")!.location,
                                    "the sharing site's base_url \"\(given)\" is the public portal's address or lies under it (\(publicBaseURL))",
                                    code: "profile.base_url",
                                    hint: "give the sharing site its own address on the government extranet, e.g. https://share.example.gov.cn/")
            baseURL = nil
        }
        let description = share.string("description") ?? ""
        let procedure = share.string("request_procedure")
        if procedure == nil {
            share.diagnostics.warning(node.location, "the share profile does not say how departments request conditionally shared data",
                                      code: "profile.request_procedure",
                                      hint: "add `request_procedure: |` with the steps (Markdown): who applies, through which system, who approves, in how many days")
        }
        share.warnAboutUnknownFields(known: ["title", "base_url", "description", "request_procedure"])
        diagnostics.append(contentsOf: share.diagnostics)
        guard let title, var baseURL else { return nil }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        return ShareProfile(title: title, baseURL: baseURL, description: description, requestProcedure: procedure ?? "")
    }

    private static func positiveInt(_ reader: inout FieldReader, _ key: String, maximum: Int = 10_000) -> Int? {
        guard let text = reader.string(key) else { return nil }
        guard let value = Int(text), value > 0, value <= maximum else {
            reader.diagnostics.error(reader.raw(key)!.location, "\(key) must be a whole number from 1 to \(maximum)", code: "site.\(key)")
            return nil
        }
        return value
    }

    /// A share of the whole: `0.5` or `50%`.
    private static func fraction(_ reader: inout FieldReader, _ key: String) -> Double? {
        guard let text = reader.string(key)?.trimmedWhitespace else { return nil }
        let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
        guard let value, value >= 0, value <= 1 else {
            reader.diagnostics.error(reader.raw(key)!.location, "\(key) must be a share from 0 to 1 (or 0% to 100%)",
                                     code: "site.\(key)", hint: "e.g. \(key): 0.5 stops a build that would publish fewer than half the datasets; 0 turns the guard off")
            return nil
        }
        return value
    }

    private static func decodePublisher(_ reader: inout FieldReader) -> Site.Publisher? {
        guard let node = reader.raw("publisher") else { return nil }
        if let name = node.scalar { return Site.Publisher(name: name) }
        var sub = FieldReader(node, context: "publisher")
        var publisher = Site.Publisher(name: sub.string("name", required: true) ?? "",
                                       homepage: sub.string("homepage"), email: sub.string("email"))
        if let homepage = publisher.homepage, !URLRules.isWebURL(homepage) {
            sub.diagnostics.error(sub.raw("homepage")!.location, "homepage \"\(homepage)\" is not an http(s) URL", code: "publisher.homepage",
                                  hint: "write the full address, e.g. https://www.example.gov.cn/")
            publisher.homepage = nil
        }
        if let email = publisher.email, !URLRules.isEmail(email) {
            sub.diagnostics.error(sub.raw("email")!.location, "\"\(email)\" is not an e-mail address", code: "publisher.email",
                                  hint: "e.g. opendata@example.gov.cn")
            publisher.email = nil
        }
        sub.warnAboutUnknownFields(known: ["name", "homepage", "email"])
        reader.diagnostics.append(contentsOf: sub.diagnostics)
        return publisher
    }

    private static func decodeThemes(_ reader: inout FieldReader) -> [Theme] {
        guard let node = reader.raw("themes") else {
            reader.diagnostics.error(reader.location, "site.yaml has no themes", code: "site.themes",
                                     hint: "list the portal's themes (信息资源分类) with slug and title")
            return []
        }
        guard let items = node.items else {
            reader.diagnostics.error(node.location, "themes must be a list", code: "site.themes")
            return []
        }
        var themes: [Theme] = []
        var seen: [String: SourceLocation] = [:]
        for item in items {
            var sub = FieldReader(item, context: "theme")
            guard let slug = sub.string("slug", required: true), let title = sub.string("title", required: true) else {
                reader.diagnostics.append(contentsOf: sub.diagnostics)
                continue
            }
            if !Slug.isSafe(slug) {
                sub.diagnostics.error(sub.raw("slug")!.location, "theme slug \"\(slug)\" may only contain letters, digits, - and _",
                                      code: "theme.slug")
            } else if let first = seen[Slug.collisionKey(slug)] {
                sub.diagnostics.error(sub.raw("slug")!.location, "theme slug \"\(slug)\" is used twice (first at \(first))",
                                      code: "theme.duplicate")
            } else {
                seen[Slug.collisionKey(slug)] = sub.raw("slug")!.location
                themes.append(Theme(slug: slug, title: title, description: sub.string("description") ?? "",
                                    euTheme: sub.string("eu_theme")?.uppercased(),
                                    englishTitle: sub.englishText("title_en", example: "Transport")))
            }
            if let eu = sub.string("eu_theme")?.uppercased(), !EUDataThemes.codes.contains(eu) {
                sub.diagnostics.error(sub.raw("eu_theme")!.location, "eu_theme \"\(eu)\" is not an EU data theme",
                                      code: "theme.eu_theme", hint: "one of \(EUDataThemes.codes.sorted().joined(separator: ", "))")
            }
            sub.warnAboutUnknownFields(known: ["slug", "title", "title_en", "description", "eu_theme"])
            reader.diagnostics.append(contentsOf: sub.diagnostics)
        }
        return themes
    }
}

enum ContactDecoder {
    static func decode(_ node: YAMLNode?, diagnostics: inout Diagnostics) -> Contact? {
        guard let node else { return nil }
        if let name = node.scalar { return Contact(name: name) }
        var reader = FieldReader(node, context: "contact")
        let contact = Contact(name: reader.string("name"), email: reader.string("email"), phone: reader.string("phone"))
        if let email = contact.email, !URLRules.isEmail(email) {
            reader.diagnostics.error(reader.raw("email")!.location, "\"\(email)\" is not an e-mail address", code: "contact.email",
                                     hint: "e.g. opendata@example.gov.cn")
        }
        reader.warnAboutUnknownFields(known: ["name", "email", "phone"])
        diagnostics.append(contentsOf: reader.diagnostics)
        return contact.isEmpty ? nil : contact
    }
}

/// The EU Publications Office's data-theme codes, which `eu_theme` must use.
public enum EUDataThemes {
    public static let codes: Set<String> = ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST",
                                                  "REGI", "SOCI", "TECH", "TRAN", "OP_DATPRO"]
}

enum URLRules {
    static func isWebURL(_ text: String) -> Bool {
        hasScheme(text, ["http", "https"])
    }

    /// http, https and ftp only: never javascript:, data: or file:.
    static func isDownloadURL(_ text: String) -> Bool {
        hasScheme(text, ["http", "https", "ftp"])
    }

    private static func hasScheme(_ text: String, _ schemes: [String]) -> Bool {
        guard let colon = text.range(of: "://") else { return false }
        let scheme = text[..<colon.lowerBound].lowercased()
        let rest = text[colon.upperBound...]
        guard schemes.contains(scheme), let host = rest.split(separator: "/", omittingEmptySubsequences: false).first,
              !host.isEmpty else { return false }
        return !text.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0.isNewline })
    }

    enum Repair: Equatable {
        case fine
        /// Written loosely but unambiguous: published as `url`, with a warning saying what changed.
        case repaired(url: String, change: String)
        /// What is wrong with it, as the end of a sentence.
        case invalid(String)
    }

    /// Checks an address the way a publisher pasted it: spaces, `<>` and the
    /// like are percent-encoded (a browser would do the same), and an address
    /// that cannot be mended is described, not just refused.
    static func repair(_ text: String, schemes: [String] = ["http", "https", "ftp"]) -> Repair {
        var url = text
        var changes: [String] = []
        if url.hasPrefix("<"), url.hasSuffix(">"), url.count > 2 {
            url = String(url.dropFirst().dropLast()).trimmedWhitespace
            changes.append("the <> around it were removed")
        }
        if url.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return .invalid("it contains a line break or a control character")
        }
        guard let separator = url.range(of: "://") else {
            if url.lowercased().hasPrefix("www.") { return .invalid("it has no scheme: write https://\(url)") }
            if let colon = url.firstIndex(of: ":"), url[..<colon].allSatisfy({ $0.isLetter }), !url[..<colon].isEmpty {
                return .invalid("\(url[..<colon].lowercased()): addresses are never published; only \(schemes.joined(separator: ", "))")
            }
            return .invalid("it is not a full address: it needs \(schemes.contains("https") ? "https://" : schemes[0] + "://") and a host name")
        }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard schemes.contains(scheme) else {
            return .invalid("\(scheme): addresses are never published; only \(schemes.joined(separator: ", "))")
        }
        let rest = url[separator.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if host.isEmpty { return .invalid("it has no host name after \(scheme)://") }
        if host.contains(where: { $0.isWhitespace || "<>\"{}|\\^`".contains($0) }) {
            return .invalid("the host name \"\(host)\" contains a space or a character no host name has")
        }
        var encoded = ""
        var encodedAny = false
        let characters = Array(rest.dropFirst(host.count))
        for (index, character) in characters.enumerated() {
            if character == " " || "\"<>{}|\\^`".contains(character) {
                encoded += character.unicodeScalars.map { String(format: "%%%02X", $0.value) }.joined()
                encodedAny = true
            } else if character == "%", !(index + 2 < characters.count && characters[index + 1].isHexDigit && characters[index + 2].isHexDigit) {
                encoded += "%25"
                encodedAny = true
            } else {
                encoded.append(character)
            }
        }
        if encodedAny { changes.append("spaces and characters such as <> \" { } | were percent-encoded") }
        guard !changes.isEmpty else { return .fine }
        return .repaired(url: "\(scheme)://\(host)\(encoded)", change: changes.joined(separator: "; "))
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        // `?`, `&`, `#`, `/` and `%` would change a mailto: link (add a cc, a body) rather than name a mailbox.
        return !text.contains(where: { $0.isWhitespace || "<>\"(),;:?&#/%\\".contains($0) })
    }
}
