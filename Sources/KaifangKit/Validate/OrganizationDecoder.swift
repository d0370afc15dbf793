/// Checks `organizations/<slug>.md` and `pages/<slug>.md`.
enum OrganizationDecoder {
    static let knownFields = ["name", "title", "code", "homepage", "website", "email", "phone", "address", "contact"]

    static func decode(_ document: RawDocument) -> (Organization?, Diagnostics) {
        var reader = FieldReader(document.fields, context: "department")
        checkSlug(document, &reader.diagnostics)
        let name = reader.string(["name", "title"], required: true, hint: "add `name: 山东省交通运输厅`")
        let code = reader.string("code")
        if let code, let location = reader.raw("code")?.location {
            reader.diagnostics.append(contentsOf: CatalogueCodes.checkCreditCode(code, at: location))
        }
        // Several corpora nest the department's contact details.
        let contact = ContactDecoder.decode(reader.raw("contact"), diagnostics: &reader.diagnostics)
        let homepage = reader.string(["homepage", "website"])
        if let homepage, !URLRules.isWebURL(homepage) {
            reader.diagnostics.error(reader.raw(["homepage", "website"])!.node.location,
                                     "homepage \"\(homepage)\" is not an http(s) URL", code: "department.homepage")
        }
        let email = reader.string("email") ?? contact?.email
        if let email, !URLRules.isEmail(email), let location = reader.raw("email")?.location {
            reader.diagnostics.error(location, "\"\(email)\" is not an e-mail address", code: "department.email")
        }
        let phone = reader.string("phone") ?? contact?.phone
        let address = reader.string("address")
        reader.warnAboutUnknownFields(known: knownFields)
        guard let name else { return (nil, reader.diagnostics) }
        let organization = Organization(
            slug: document.slug, name: name, code: code, homepage: homepage, email: email, phone: phone,
            address: address, descriptionMarkdown: document.body, sourceFile: document.file)
        return (organization, reader.diagnostics)
    }

    static func decodePage(_ document: RawDocument) -> (Page?, Diagnostics) {
        var reader = FieldReader(document.fields, context: "page")
        checkSlug(document, &reader.diagnostics)
        let title = reader.string("title", required: true)
        reader.warnAboutUnknownFields(known: ["title"])
        guard let title else { return (nil, reader.diagnostics) }
        return (Page(slug: document.slug, title: title, bodyMarkdown: document.body, sourceFile: document.file), reader.diagnostics)
    }

    static func checkSlug(_ document: RawDocument, _ diagnostics: inout Diagnostics) {
        if !Slug.isSafe(document.slug) {
            diagnostics.error(document.startLocation,
                              "the file name \"\(document.slug)\" cannot be a web address",
                              code: "file.slug", hint: "use letters, digits, - and _ only, e.g. bus-routes.md")
        }
    }
}
