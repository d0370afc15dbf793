import Foundation

/// The portal's theme: Mustache templates from `Templates/` and the
/// interface strings of the site's language, parsed once per build by
/// Kaifang's own Mustache engine (Render/Mustache). It fails loudly: a
/// missing folder, template or partial, or a syntax error, is a diagnostic
/// with the template's file, line and column, never an empty page.
public struct TemplateSet: Sendable {
    /// Every page kind the renderer needs.
    public static let requiredTemplates = ["home", "catalog", "dataset", "organization", "organizations",
                                           "theme", "themes", "page", "not-found", "stats", "facet"]

    let library: MustacheLibrary
    /// Template texts by name, kept to make copies with per-build constants inlined.
    let sources: [String: String]
    /// Interface words by dotted key (`nav.home`), for views built in Swift.
    public let strings: [String: String]
    /// The same words nested as in the file, for templates (`{{t.nav.home}}`).
    let nestedStrings: MustacheValue

    public static func load(from folder: URL, displayRoot: String, language: String) -> Swift.Result<TemplateSet, ContentErrors> {
        var diagnostics = Diagnostics()
        var library = MustacheLibrary()
        let files = templateFiles(in: folder)
        if files.isEmpty {
            diagnostics.error(SourceLocation(file: displayRoot), "no templates found (*.mustache)", code: "templates.missing",
                              hint: "pass --templates with the folder of the theme, or copy the default Templates/ folder")
            return .failure(ContentErrors(diagnostics.all))
        }
        var names = Set<String>()
        var sources: [String: String] = [:]
        for relative in files {
            let display = displayRoot + "/" + relative
            let data: Data
            do {
                data = try FileSystem.readFile(folder.appendingPathComponent(relative).path)
            } catch {
                diagnostics.error(SourceLocation(file: display), "cannot read the template: \(FileSystemError.reason(of: error))",
                                  code: "templates.unreadable", hint: "restore the file or fix its permissions")
                continue
            }
            let text: String
            switch TextDecoder.decodeUTF8(data, file: display) {
            case .success(let decoded): text = decoded
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                continue
            }
            let name = String(relative.dropLast(".mustache".count))
            do {
                library.templates[name] = try MustacheParser.parse(text)
                names.insert(name)
                sources[name] = text
            } catch {
                diagnostics.error(SourceLocation(file: display, line: error.line, column: error.column),
                                  "template syntax: \(error.message)", code: "templates.syntax",
                                  hint: "near: \(error.lineText.trimmedWhitespace)")
            }
        }
        for name in library.templates.keys.sorted() {
            for partial in library.templates[name]!.partialNames.sorted() where library.templates[partial] == nil {
                diagnostics.error(SourceLocation(file: displayRoot + "/" + name + ".mustache"),
                                  "the template \(name).mustache uses the partial \(partial), which does not exist",
                                  code: "templates.missing", hint: "add \(partial).mustache to the templates or remove the {{>\(partial)}} tag")
            }
        }
        for required in requiredTemplates where !names.contains(required) {
            diagnostics.error(SourceLocation(file: displayRoot + "/" + required + ".mustache"), "the template \(required).mustache is missing",
                              code: "templates.missing", hint: "every page kind needs its template; copy it from the default theme")
        }
        let strings = loadStrings(folder: folder, displayRoot: displayRoot, language: language, diagnostics: &diagnostics)
        if diagnostics.hasErrors { return .failure(ContentErrors(diagnostics.sorted)) }
        return .success(TemplateSet(library: library, sources: sources, strings: strings.flat, nestedStrings: strings.nested))
    }

    /// Whether the theme has a template of that name (`share` is needed only by share builds).
    func has(_ name: String) -> Bool { library.templates[name] != nil }

    /// Renders a page as bytes; a template that vanished is a programming error caught at load.
    func render(_ view: MustacheValue, template: String, library: MustacheLibrary? = nil) -> [UInt8] {
        let library = library ?? self.library
        precondition(library.templates[template] != nil, "template \(template) was checked at load")
        return library.render(template, view)
    }

    /// A copy of the templates with values that are the same on every page
    /// of a build (interface words, site settings, a page's `root`) written
    /// into the template text, so that a page's view need not carry them.
    /// Values are HTML-escaped as `{{…}}` would, and braces become character
    /// references so a value can never become a Mustache tag. Done once per
    /// folder depth (`root`), a handful of parses per build.
    func inlining(_ constants: [String: String]) -> MustacheLibrary {
        var library = MustacheLibrary()
        for (name, text) in sources {
            let inlined = Self.inline(constants, into: text)
            // The original parsed at load; an inlined copy differs only in literal text.
            library.templates[name] = (try? MustacheParser.parse(inlined)) ?? self.library.templates[name]!
        }
        return library
    }

    private static let variableTag = try! NSRegularExpression(pattern: "(?<!\\{)\\{\\{(?![{#^/!>&<$=])\\s*([A-Za-z0-9_.-]+)\\s*\\}\\}(?!\\})")

    static func inline(_ constants: [String: String], into text: String) -> String {
        let source = text as NSString
        var result = ""
        var last = 0
        for match in variableTag.matches(in: text, range: NSRange(location: 0, length: source.length)) {
            let name = source.substring(with: match.range(at: 1))
            guard let value = constants[name] else { continue }
            result += source.substring(with: NSRange(location: last, length: match.range.location - last))
            result += escapeHTML(value)
            last = match.range.location + match.range.length
        }
        result += source.substring(from: last)
        return result
    }

    /// Byte by byte, like the renderer's escaping: a combining mark after
    /// `"` or `<` cannot hide it from the escaper.
    static func escapeHTML(_ text: String) -> String {
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "{"): escaped.append(contentsOf: "&#123;".utf8)
            case UInt8(ascii: "}"): escaped.append(contentsOf: "&#125;".utf8)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                HTMLEscaping.append(String(decoding: [byte], as: UTF8.self), to: &escaped)
            default: escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func templateFiles(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasSuffix(".mustache") { files.append(path) }
        }
        return files.sorted()
    }

    private static func loadStrings(folder: URL, displayRoot: String, language: String,
                                    diagnostics: inout Diagnostics) -> (flat: [String: String], nested: MustacheValue) {
        let relative = "i18n/\(language).yaml"
        let display = displayRoot + "/" + relative
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) else {
            diagnostics.error(SourceLocation(file: display), "no interface strings for the language \"\(language)\"",
                              code: "templates.strings", hint: "add \(relative) to the templates (copy zh-CN.yaml and translate it)")
            return ([:], .object([:]))
        }
        let parsed = TextDecoder.decodeUTF8(data, file: display).flatMap { YAMLReader.parse($0, file: display) }
        switch parsed {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            return ([:], .object([:]))
        case .success(let node):
            var flat: [String: String] = [:]
            func nest(_ node: YAMLNode, prefix: String) -> MustacheValue {
                var nested: MustacheObject = [:]
                for entry in node.entries ?? [] {
                    if let text = entry.value.scalar {
                        flat[prefix + entry.key] = text
                        nested[entry.key] = .string(text)
                    } else if entry.value.entries != nil {
                        nested[entry.key] = nest(entry.value, prefix: prefix + entry.key + ".")
                    }
                }
                return .object(nested)
            }
            let nested = nest(node, prefix: "")
            return (flat, nested)
        }
    }
}
