import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Markdown {
    /// What the allowlist takes out of a description's raw HTML (`<script>`,
    /// `style=`, …), for the warning at check time; empty when nothing is lost.
    public static func rawHTMLRemovals(_ markdown: String) -> [String] {
        guard markdown.utf8.contains(UInt8(ascii: "<")) else { return [] }
        var source = markdown
        let document: OpaquePointer? = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        return replaceRawHTML(in: document)
    }

    /// Replaces libcmark's raw HTML nodes, which safe mode would drop as
    /// `<!-- raw HTML omitted -->`, by the allowlisted structure built from
    /// ordinary nodes (tables from custom blocks whose tags are fixed here),
    /// so everything that reaches the page is still escaped by libcmark.
    @discardableResult
    static func replaceRawHTML(in document: OpaquePointer) -> [String] {
        var blocks: [OpaquePointer] = []
        var inlineParents: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_BLOCK {
                blocks.append(node)
            } else if type == CMARK_NODE_HTML_INLINE, let parent = cmark_node_parent(node), !inlineParents.contains(parent) {
                inlineParents.append(parent)
            }
        }
        cmark_iter_free(iterator)
        guard !blocks.isEmpty || !inlineParents.isEmpty else { return [] }

        var emitter = RawHTMLEmitter()
        for block in blocks {
            let literal = cmark_node_get_literal(block).map { String(cString: $0) } ?? ""
            let parsed = HTMLAllowlist.parse(literal)
            emitter.note(parsed.removed)
            for node in emitter.blocks(parsed.nodes) {
                cmark_node_insert_before(block, node)
            }
            cmark_node_free(block)
        }
        for parent in inlineParents {
            emitter.rebuildInlines(of: parent)
        }
        return emitter.removed
    }
}

/// Turns allowlisted HTML into libcmark nodes. Every node made here is either
/// linked into the document or freed.
private struct RawHTMLEmitter {
    private(set) var removed: [String] = []

    mutating func note(_ items: [String]) {
        for item in items where !removed.contains(item) { removed.append(item) }
    }

    private func make(_ type: cmark_node_type) -> OpaquePointer { cmark_node_new(type)! }

    private func text(_ literal: String, type: cmark_node_type = CMARK_NODE_TEXT) -> OpaquePointer {
        let node = make(type)
        cmark_node_set_literal(node, literal)
        return node
    }

    private func custom(_ enter: String, _ exit: String) -> OpaquePointer {
        let node = make(CMARK_NODE_CUSTOM_BLOCK)
        cmark_node_set_on_enter(node, enter)
        cmark_node_set_on_exit(node, exit)
        return node
    }

    private static func collapse(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for character in text {
            if character.isWhitespace && character != "\u{A0}" {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.append(character)
                lastWasSpace = false
            }
        }
        return result
    }

    private static func textContent(_ nodes: [HTMLAllowlist.Node]) -> String {
        nodes.map { node in
            switch node {
            case .text(let text): text
            case .element("br", _, _): "\n"
            case .element(_, _, let children): textContent(children)
            }
        }.joined()
    }

    private static func isBlock(_ node: HTMLAllowlist.Node) -> Bool {
        if case .element(let name, _, _) = node { return HTMLAllowlist.blocks.contains(name) }
        return false
    }

    // MARK: Blocks

    func blocks(_ nodes: [HTMLAllowlist.Node]) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var run: [HTMLAllowlist.Node] = []
        func flush() {
            if let paragraph = paragraph(run) { result.append(paragraph) }
            run = []
        }
        for node in nodes {
            guard Self.isBlock(node), case .element(let name, _, let children) = node else {
                run.append(node)
                continue
            }
            flush()
            result.append(contentsOf: block(name, children))
        }
        flush()
        return result
    }

    private func block(_ name: String, _ children: [HTMLAllowlist.Node]) -> [OpaquePointer] {
        switch name {
        case "p", "dt", "dd":
            return paragraph(children).map { [$0] } ?? []
        case "h1", "h2", "h3", "h4", "h5", "h6":
            guard let heading = paragraph(children, type: CMARK_NODE_HEADING) else { return [] }
            cmark_node_set_heading_level(heading, Int32(String(name.dropFirst()))!)
            return [heading]
        case "ul", "ol":
            let list = make(CMARK_NODE_LIST)
            cmark_node_set_list_type(list, name == "ol" ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
            if name == "ol" { cmark_node_set_list_start(list, 1) }
            cmark_node_set_list_tight(list, 1)
            var loose: [HTMLAllowlist.Node] = []
            func addItem(_ content: [HTMLAllowlist.Node]) {
                let item = make(CMARK_NODE_ITEM)
                for child in blocks(content) { cmark_node_append_child(item, child) }
                cmark_node_append_child(list, item)
            }
            for child in children {
                if case .element("li", _, let content) = child {
                    if !loose.isEmpty { addItem(loose); loose = [] }
                    addItem(content)
                } else if case .text(let text) = child, text.trimmedWhitespace.isEmpty {
                    continue
                } else {
                    loose.append(child)
                }
            }
            if !loose.isEmpty { addItem(loose) }
            guard cmark_node_first_child(list) != nil else {
                cmark_node_free(list)
                return []
            }
            return [list]
        case "blockquote":
            let quote = make(CMARK_NODE_BLOCK_QUOTE)
            for child in blocks(children) { cmark_node_append_child(quote, child) }
            return [quote]
        case "pre":
            var literal = Self.textContent(children)
            if !literal.hasSuffix("\n") { literal += "\n" }
            return [text(literal, type: CMARK_NODE_CODE_BLOCK)]
        case "hr":
            return [make(CMARK_NODE_THEMATIC_BREAK)]
        case "table":
            let table = custom("<table>", "</table>")
            for part in tableParts(children) { cmark_node_append_child(table, part) }
            return [table]
        default:
            // div, dl, li/tr/td outside their list or table: their content stands on its own.
            return blocks(children)
        }
    }

    private func tableParts(_ children: [HTMLAllowlist.Node]) -> [OpaquePointer] {
        var parts: [OpaquePointer] = []
        for child in children {
            guard case .element(let name, _, let content) = child else { continue }
            switch name {
            case "thead", "tbody", "tfoot":
                let section = custom("<\(name)>", "</\(name)>")
                for row in tableParts(content) { cmark_node_append_child(section, row) }
                parts.append(section)
            case "tr":
                let row = custom("<tr>", "</tr>")
                for cell in content {
                    guard case .element(let cellName, _, let cellContent) = cell, cellName == "td" || cellName == "th" else { continue }
                    let node = custom("<\(cellName)>", "</\(cellName)>")
                    for block in blocks(cellContent) { cmark_node_append_child(node, block) }
                    cmark_node_append_child(row, node)
                }
                parts.append(row)
            default:
                continue
            }
        }
        return parts
    }

    /// Inline content as one paragraph (or heading); nil when it holds no text.
    private func paragraph(_ nodes: [HTMLAllowlist.Node], type: cmark_node_type = CMARK_NODE_PARAGRAPH) -> OpaquePointer? {
        let paragraph = make(type)
        for node in nodes { inline(node, into: paragraph) }
        Self.trimEnds(of: paragraph)
        guard cmark_node_first_child(paragraph) != nil else {
            cmark_node_free(paragraph)
            return nil
        }
        return paragraph
    }

    /// HTML's whitespace at the edges of a block is not text.
    private static func trimEnds(of paragraph: OpaquePointer) {
        while let first = cmark_node_first_child(paragraph) {
            let type = cmark_node_get_type(first)
            if type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_SOFTBREAK { cmark_node_free(first); continue }
            guard type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(first) else { break }
            let text = String(String(cString: literal).drop { $0 == " " })
            if text.isEmpty { cmark_node_free(first); continue }
            cmark_node_set_literal(first, text)
            break
        }
        while let last = cmark_node_last_child(paragraph) {
            let type = cmark_node_get_type(last)
            if type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_SOFTBREAK { cmark_node_free(last); continue }
            guard type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(last) else { break }
            var text = String(cString: literal)
            while text.hasSuffix(" ") { text.removeLast() }
            if text.isEmpty { cmark_node_free(last); continue }
            cmark_node_set_literal(last, text)
            break
        }
    }

    // MARK: Inlines

    private func inline(_ node: HTMLAllowlist.Node, into parent: OpaquePointer) {
        switch node {
        case .text(let raw):
            let collapsed = Self.collapse(raw)
            if collapsed.isEmpty { return }
            // Two collapsed runs side by side (`a <span> b`) must not give two spaces.
            if collapsed.hasPrefix(" "), let last = cmark_node_last_child(parent), cmark_node_get_type(last) == CMARK_NODE_TEXT,
               let literal = cmark_node_get_literal(last), String(cString: literal).hasSuffix(" ") {
                let rest = String(collapsed.dropFirst())
                if !rest.isEmpty { cmark_node_append_child(parent, text(rest)) }
                return
            }
            cmark_node_append_child(parent, text(collapsed))
        case .element(let name, let href, let children):
            switch name {
            case "strong", "b", "em", "i":
                let container = make(name == "strong" || name == "b" ? CMARK_NODE_STRONG : CMARK_NODE_EMPH)
                for child in children { inline(child, into: container) }
                if cmark_node_first_child(container) != nil { cmark_node_append_child(parent, container) } else { cmark_node_free(container) }
            case "code":
                let literal = Self.collapse(Self.textContent(children))
                if !literal.isEmpty { cmark_node_append_child(parent, text(literal, type: CMARK_NODE_CODE)) }
            case "br":
                cmark_node_append_child(parent, make(CMARK_NODE_LINEBREAK))
            case "a":
                guard let href else {
                    for child in children { inline(child, into: parent) }
                    return
                }
                let link = make(CMARK_NODE_LINK)
                cmark_node_set_url(link, href)
                for child in children { inline(child, into: link) }
                if cmark_node_first_child(link) == nil { cmark_node_append_child(link, text(href)) }
                cmark_node_append_child(parent, link)
            default:
                // A block inside inline content (a <p> in an <a>): its text, set apart by spaces.
                let block = HTMLAllowlist.blocks.contains(name)
                if block { inline(.text(" "), into: parent) }
                for child in children { inline(child, into: parent) }
                if block { inline(.text(" "), into: parent) }
            }
        }
    }

    /// Raw inline tags inside Markdown text (`这是<b>重点</b>`): the allowed
    /// ones become the nodes they stand for, wrapping what lies between them;
    /// an element left open closes with its paragraph, so the page stays balanced.
    mutating func rebuildInlines(of parent: OpaquePointer) {
        var children: [OpaquePointer] = []
        var child = cmark_node_first_child(parent)
        while let current = child {
            child = cmark_node_next(current)
            cmark_node_unlink(current)
            children.append(current)
        }
        struct Frame {
            var name: String
            var node: OpaquePointer?
        }
        var frames = [Frame(name: "#parent", node: parent)]
        for node in children {
            let discarding = frames.last!.node == nil
            guard cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE else {
                if discarding { cmark_node_free(node) } else { cmark_node_append_child(frames.last!.node!, node) }
                continue
            }
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            cmark_node_free(node)
            switch HTMLAllowlist.tag(literal) {
            case .start(let name, let attributes, let selfClosing)?:
                let void = HTMLAllowlist.void.contains(name) || selfClosing
                if discarding {
                    if !void { frames.append(Frame(name: name, node: nil)) }
                    continue
                }
                if HTMLAllowlist.droppedWithContent.contains(name) {
                    note(["<\(name)>"])
                    if !void { frames.append(Frame(name: name, node: nil)) }
                    continue
                }
                note(HTMLAllowlist.attributeRemovals(name, attributes))
                let top = frames.last!.node!
                switch name {
                case "br":
                    cmark_node_append_child(top, make(CMARK_NODE_LINEBREAK))
                case "strong", "b", "em", "i":
                    let container = make(name == "strong" || name == "b" ? CMARK_NODE_STRONG : CMARK_NODE_EMPH)
                    cmark_node_append_child(top, container)
                    if !void { frames.append(Frame(name: name, node: container)) }
                case "a":
                    if let href = attributes.first(where: { $0.0 == "href" })?.1, HTMLAllowlist.allowedHref(href), !void {
                        let link = make(CMARK_NODE_LINK)
                        cmark_node_set_url(link, href)
                        cmark_node_append_child(top, link)
                        frames.append(Frame(name: name, node: link))
                    }
                case "img":
                    note(["<img>"])
                    if let alt = attributes.first(where: { $0.0 == "alt" })?.1, !alt.isEmpty { cmark_node_append_child(top, text(alt)) }
                default:
                    if !HTMLAllowlist.inlines.contains(name) && !HTMLAllowlist.silentlyUnwrapped.contains(name) { note(["<\(name)>"]) }
                }
            case .end(let name)?:
                if let position = frames.lastIndex(where: { $0.name == name }), position > 0 {
                    frames.removeSubrange(position...)
                }
            case .text?, nil:
                continue   // a comment or a declaration: nothing to show
            }
        }
        // Emphasis or a link opened and never given text renders as nothing.
        Self.removeEmptyContainers(in: parent)
    }

    private static func removeEmptyContainers(in parent: OpaquePointer) {
        var child = cmark_node_first_child(parent)
        while let current = child {
            child = cmark_node_next(current)
            let type = cmark_node_get_type(current)
            guard type == CMARK_NODE_STRONG || type == CMARK_NODE_EMPH || type == CMARK_NODE_LINK else { continue }
            removeEmptyContainers(in: current)
            if cmark_node_first_child(current) == nil { cmark_node_free(current) }
        }
    }
}
