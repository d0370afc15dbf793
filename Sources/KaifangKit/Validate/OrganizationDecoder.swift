/// Checks `organizations/<slug>.md` and `pages/<slug>.md`.
enum OrganizationDecoder {
    static let knownFields = ["name", "title", "name_en", "code", "homepage", "website", "email", "phone", "address", "contact",
                              // JKAN
                              "description", "logo"]

    static func decode(_ document: RawDocument) -> (Organization?, Diagnostics) {
        var reader = FieldReader(document.fields, context: "department")
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
        let englishName = reader.englishText("name_en", example: "Department of Transport")
        // JKAN keeps the description in the front matter; a body wins when both are there.
        let fieldDescription = reader.string("description")
        let description = document.body.trimmedWhitespace.isEmpty ? fieldDescription ?? document.body : document.body
        _ = reader.raw("logo")
        reader.warnAboutUnknownFields(known: knownFields)
        guard let name else { return (nil, reader.diagnostics) }
        let organization = Organization(
            slug: document.slug, name: name, code: code, homepage: homepage, email: email, phone: phone,
            address: address, descriptionMarkdown: description, sourceFile: document.file, englishName: englishName)
        return (organization, reader.diagnostics)
    }

    static func decodePage(_ document: RawDocument) -> (Page?, Diagnostics) {
        var reader = FieldReader(document.fields, context: "page")
        let title = reader.string("title", required: true)
        reader.warnAboutUnknownFields(known: ["title"])
        guard let title else { return (nil, reader.diagnostics) }
        return (Page(slug: document.slug, title: title, bodyMarkdown: document.body, sourceFile: document.file), reader.diagnostics)
    }

    /// A file name that cannot be an address gets one derived from it, with a
    /// note: a JKAN portal's 2,000 files must not stop on a `+` or a space.
    static func addressable(_ document: RawDocument, _ diagnostics: inout Diagnostics) -> RawDocument {
        guard !Slug.isSafe(document.slug) else { return document }
        var renamed = document
        renamed.slug = Slug.fromFileName(document.slug)
        diagnostics.note(document.startLocation,
                         "the file name \"\(document.slug)\" cannot be a web address: the page is at \"\(renamed.slug)\"",
                         code: "file.slug", hint: "rename the file to \(renamed.slug).md to keep this address for good")
        return renamed
    }
}
