/// Raw HTML in a description (JKAN and CKAN exports are full of it) reduced to
/// the structure a description may have: paragraphs, headings, lists, links
/// to http, https and mailto addresses, emphasis, code, quotes and tables.
/// Everything else is removed and named, so the publisher is told; text
/// inside formatting that is not kept (`<span>`, `<font>`) stays. This only
/// reads HTML into a tree; `Markdown` turns the tree into libcmark nodes, so
/// what reaches the page is still written by libcmark's safe renderer.
enum HTMLAllowlist {
    indirect enum Node: Equatable {
        case element(String, href: String?, children: [Node])
        case text(String)
    }

    struct Result: Equatable {
        var nodes: [Node]
        /// What was taken out, as the warning names it: `<script>`, `style=`, `javascript: link`.
        var removed: [String]
    }

    static let blocks: Set<String> = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "hr",
                                      "table", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt", "dd"]
    static let inlines: Set<String> = ["a", "strong", "b", "em", "i", "code", "br"]
    /// Unwrapped without a word: they carry no structure a description loses.
    static let silentlyUnwrapped: Set<String> = ["html", "body", "tbody"]
    /// Removed with everything inside: their content is code, not text.
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "noscript", "template", "textarea",
                                                  "select", "button", "head", "title", "svg", "math", "canvas", "audio", "video",
                                                  "form", "frameset", "frame", "applet"]
    static let void: Set<String> = ["br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "embed", "param",
                                    "source", "track", "keygen"]
    /// Attributes whose loss changes nothing a reader sees in a description.
    static let harmlessAttributes: Set<String> = ["class", "id", "title", "target", "rel", "lang", "dir", "align", "valign", "width",
                                                  "height", "colspan", "rowspan", "border", "cellpadding", "cellspacing", "name",
                                                  "alt", "start", "type", "scope", "xml:lang"]

    static func parse(_ html: String) -> Result {
        var builder = TreeBuilder()
        var scanner = Scanner(Array(html.unicodeScalars))
        while let token = scanner.next() {
            builder.take(token)
        }
        return Result(nodes: builder.finish(), removed: builder.removed)
    }

    /// One tag of an inline HTML node inside Markdown (`<b>`, `</b>`, `<br/>`).
    static func tag(_ literal: String) -> Token? {
        var scanner = Scanner(Array(literal.unicodeScalars))
        while let token = scanner.next() {
            if case .text = token { continue }
            return token
        }
        return nil
    }

    enum Token: Equatable {
        case start(String, attributes: [(String, String)], selfClosing: Bool)
        case end(String)
        case text(String)

        static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case let (.start(x, xa, xs), .start(y, ya, ys)): x == y && xs == ys && xa.map { $0.0 + "=" + $0.1 } == ya.map { $0.0 + "=" + $0.1 }
            case let (.end(x), .end(y)): x == y
            case let (.text(x), .text(y)): x == y
            default: false
            }
        }
    }

    /// Whether a link may be kept: only addresses a citizen's browser opens safely.
    static func allowedHref(_ href: String) -> Bool {
        let lower = href.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")
    }

    /// What a start tag loses: its disallowed attributes, or its link.
    static func attributeRemovals(_ name: String, _ attributes: [(String, String)]) -> [String] {
        var removed: [String] = []
        for (key, value) in attributes {
            if name == "a", key == "href" {
                if !allowedHref(value) {
                    let scheme = value.split(separator: ":", maxSplits: 1).first.map { String($0).lowercased() } ?? ""
                    removed.append(value.contains(":") && !scheme.contains("/") ? "\(scheme): link" : "relative link")
                }
            } else if key.hasPrefix("on") || key == "style" || key == "src" || key == "srcdoc" || key == "action"
                        || key == "formaction" || (!harmlessAttributes.contains(key) && !key.hasPrefix("data-") && !key.hasPrefix("aria-")) {
                removed.append(key.hasPrefix("on") ? "\(key)= (script)" : "\(key)=")
            }
        }
        return removed
    }

    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Token? {
            guard index < scalars.count else { return nil }
            if scalars[index] == "<" {
                if let token = tag() { return token }
                index += 1
                return .text("<")
            }
            var text = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != "<" {
                text.append(scalars[index])
                index += 1
            }
            return .text(String(text))
        }

        private func starts(with text: String, at position: Int) -> Bool {
            let needle = Array(text.unicodeScalars)
            guard position + needle.count <= scalars.count else { return false }
            for (offset, scalar) in needle.enumerated() where scalars[position + offset].properties.lowercaseMapping != String(scalar) {
                return false
            }
            return true
        }

        /// A tag, a comment or a declaration at `index`; nil (and nothing consumed) when `<` starts none.
        private mutating func tag() -> Token? {
            let start = index
            if starts(with: "<!--", at: index) {
                index += 4
                while index < scalars.count, !starts(with: "-->", at: index) { index += 1 }
                index = min(scalars.count, index + 3)
                return .text("")
            }
            guard index + 1 < scalars.count else { return nil }
            let first = scalars[index + 1]
            if first == "!" || first == "?" {
                while index < scalars.count, scalars[index] != ">" { index += 1 }
                index = min(scalars.count, index + 1)
                return .text("")
            }
            let closing = first == "/"
            var position = index + (closing ? 2 : 1)
            guard position < scalars.count, scalars[position].properties.isAlphabetic else { return nil }
            var name = ""
            while position < scalars.count, scalars[position].properties.isAlphabetic || ("0"..."9").contains(scalars[position])
                    || scalars[position] == ":" || scalars[position] == "-" {
                name.unicodeScalars.append(scalars[position])
                position += 1
            }
            var attributes: [(String, String)] = []
            var selfClosing = false
            while position < scalars.count, scalars[position] != ">" {
                let scalar = scalars[position]
                if scalar == "/" {
                    selfClosing = true
                    position += 1
                    continue
                }
                if scalar.properties.isWhitespace {
                    position += 1
                    continue
                }
                var key = ""
                while position < scalars.count, !scalars[position].properties.isWhitespace, !"=>/".unicodeScalars.contains(scalars[position]) {
                    key.unicodeScalars.append(scalars[position])
                    position += 1
                }
                while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
                var value = ""
                if position < scalars.count, scalars[position] == "=" {
                    position += 1
                    while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
                    if position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" {
                        let quote = scalars[position]
                        position += 1
                        while position < scalars.count, scalars[position] != quote {
                            value.unicodeScalars.append(scalars[position])
                            position += 1
                        }
                        position += 1
                    } else {
                        while position < scalars.count, !scalars[position].properties.isWhitespace, scalars[position] != ">" {
                            value.unicodeScalars.append(scalars[position])
                            position += 1
                        }
                    }
                }
                if !key.isEmpty { attributes.append((key.lowercased(), HTMLEntities.decode(value).trimmedWhitespace)) }
                selfClosing = false
            }
            guard position < scalars.count else {
                index = start
                return nil
            }
            index = position + 1
            let lowered = name.lowercased()
            return closing ? .end(lowered) : .start(lowered, attributes: attributes, selfClosing: selfClosing)
        }
    }

    /// Builds the tree as browsers forgive: unclosed elements close with their
    /// parent, a stray end tag is ignored, a new `<li>`/`<p>`/`<tr>`/`<td>`
    /// closes the open one.
    struct TreeBuilder {
        struct Open {
            var name: String
            var href: String?
            var children: [Node] = []
            /// Inside `<script>` and the like: nothing is kept.
            var discarding = false
        }

        var stack: [Open] = [Open(name: "#root")]
        private(set) var removed: [String] = []

        mutating func note(_ what: String) {
            if !removed.contains(what) { removed.append(what) }
        }

        mutating func take(_ token: Token) {
            switch token {
            case .text(let text):
                guard !text.isEmpty, !stack[stack.count - 1].discarding else { return }
                stack[stack.count - 1].children.append(.text(HTMLEntities.decode(text)))
            case .start(let name, let attributes, let selfClosing):
                if stack[stack.count - 1].discarding {
                    if !Self.isVoid(name, selfClosing) { stack.append(Open(name: name, discarding: true)) }
                    return
                }
                closeImplied(by: name)
                if HTMLAllowlist.droppedWithContent.contains(name) {
                    note("<\(name)>")
                    if !Self.isVoid(name, selfClosing) { stack.append(Open(name: name, discarding: true)) }
                    return
                }
                for removal in HTMLAllowlist.attributeRemovals(name, attributes) { note(removal) }
                if name == "img" {
                    note("<img>")
                    if let alt = attributes.first(where: { $0.0 == "alt" })?.1, !alt.isEmpty {
                        stack[stack.count - 1].children.append(.text(alt))
                    }
                    return
                }
                let known = HTMLAllowlist.blocks.contains(name) || HTMLAllowlist.inlines.contains(name)
                if !known && !HTMLAllowlist.silentlyUnwrapped.contains(name) { note("<\(name)>") }
                let href = name == "a" ? attributes.first(where: { $0.0 == "href" }).map(\.1).flatMap { HTMLAllowlist.allowedHref($0) ? $0 : nil } : nil
                if Self.isVoid(name, selfClosing) {
                    stack[stack.count - 1].children.append(.element(name, href: nil, children: []))
                } else {
                    stack.append(Open(name: name, href: href))
                }
            case .end(let name):
                guard let position = stack.lastIndex(where: { $0.name == name }), position > 0 else { return }
                while stack.count > position { closeTop() }
            }
        }

        private static func isVoid(_ name: String, _ selfClosing: Bool) -> Bool {
            HTMLAllowlist.void.contains(name) || selfClosing
        }

        private mutating func closeImplied(by name: String) {
            let closes: [String: Set<String>] = [
                "li": ["li"], "p": ["p"], "tr": ["tr", "td", "th"], "td": ["td", "th"], "th": ["td", "th"], "dt": ["dt", "dd"], "dd": ["dt", "dd"],
            ]
            guard let implied = closes[name] else { return }
            // Only within the nearest list or table: a <li> in a nested list leaves the outer item open.
            let barrier: Set<String> = ["ul", "ol", "table", "thead", "tbody", "tfoot", "dl", "#root"]
            guard let position = stack.lastIndex(where: { implied.contains($0.name) || barrier.contains($0.name) }),
                  implied.contains(stack[position].name) else { return }
            while stack.count > position { closeTop() }
        }

        private mutating func closeTop() {
            let open = stack.removeLast()
            guard !open.discarding else { return }
            let node: [Node] = HTMLAllowlist.blocks.contains(open.name) || HTMLAllowlist.inlines.contains(open.name)
                ? [.element(open.name, href: open.href, children: open.children)]
                : open.children
            stack[stack.count - 1].children.append(contentsOf: node)
        }

        mutating func finish() -> [Node] {
            while stack.count > 1 { closeTop() }
            return stack[0].children
        }
    }
}

/// Character references in HTML text: the named ones descriptions use, and every numeric one.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "ndash": "–", "mdash": "—", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "hellip": "…", "middot": "·",
        "copy": "©", "reg": "®", "times": "×", "divide": "÷", "deg": "°", "yen": "¥", "bull": "•", "laquo": "«", "raquo": "»",
    ]

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semicolon]
                if let value = value(of: name) {
                    result += value
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    private static func value(of name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let number = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let number, number != 0, let scalar = Unicode.Scalar(number), scalar.properties.generalCategory != .control else { return nil }
            return String(scalar)
        }
        return named[String(name)]
    }
}
