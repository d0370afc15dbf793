import CCmark
import Foundation

/// Emphasis next to Chinese punctuation, as Chinese publishers write it.
///
/// CommonMark decides whether `**` may open or close emphasis by what is on
/// either side ("flanking"), with rules made for languages that put spaces
/// between words: `这是**“引号”**吗` and `**重要。**下一句` stay literal
/// asterisks, because the delimiter touches punctuation on one side and a
/// letter on the other. The CJK-friendly amendment to CommonMark relaxes
/// that when a CJK character or CJK punctuation is next to the delimiter.
///
/// libcmark has no such option, so this runs over its syntax tree after
/// parsing: asterisk runs that libcmark left as text are paired again with
/// the relaxed rule, and a pair becomes `<em>`/`<strong>` only when one of
/// its delimiters needed the relaxation — text without CJK renders exactly
/// as CommonMark says. A backslash-escaped or entity-written asterisk is
/// never a delimiter: before parsing it becomes a private-use placeholder,
/// put back after the pass (as `*` in text and link targets, as written in
/// code and raw HTML). Only `*` is handled: `_` inside words is never
/// emphasis in CommonMark, and Chinese publishers use `*`.
extension Markdown {
    /// Stands for an escaped asterisk while libcmark parses.
    static let escapedAsterisk: Character = "\u{E000}"
    static let escapedAsteriskScalar: Unicode.Scalar = "\u{E000}"

    /// `\*`, `&#42;`, `&#x2a;` and `&ast;` become the placeholder; nil when
    /// the text already holds the placeholder (the pass is then skipped, and
    /// the text renders as plain CommonMark).
    static func protectEscapedAsterisks(_ markdown: String) -> String? {
        guard markdown.utf8.contains(UInt8(ascii: "*")) else { return markdown }
        // By scalar, not by character: a placeholder followed by a combining mark is still one.
        if markdown.unicodeScalars.contains(escapedAsteriskScalar) { return nil }
        // Only `\` and `&` start an escape: without them the text is unchanged,
        // and the character-by-character walk below was 3 % of a build.
        guard markdown.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") }) else { return markdown }
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var index = markdown.startIndex
        while index < markdown.endIndex {
            let character = markdown[index]
            if character == "\\" {
                let next = markdown.index(after: index)
                if next < markdown.endIndex, markdown[next] == "*" {
                    out.append(escapedAsterisk)
                    index = markdown.index(after: next)
                    continue
                }
                if next < markdown.endIndex, markdown[next] == "\\" {
                    out += "\\\\"
                    index = markdown.index(after: next)
                    continue
                }
            } else if character == "&" {
                let rest = markdown[index...].prefix(8).lowercased()
                if let entity = ["&#42;", "&#x2a;", "&ast;"].first(where: { rest.hasPrefix($0) }) {
                    out.append(escapedAsterisk)
                    index = markdown.index(index, offsetBy: entity.count)
                    continue
                }
            }
            out.append(character)
            index = markdown.index(after: index)
        }
        return out
    }

    /// Pairs the asterisks libcmark left in text, then puts escaped ones back.
    static func applyCJKEmphasis(in document: OpaquePointer) {
        restorePlaceholders(in: document, inText: false)
        cmark_consolidate_text_nodes(document)
        var texts: [OpaquePointer] = []
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                      cmark_node_get_type(node) == CMARK_NODE_TEXT,
                      let literal = cmark_node_get_literal(node), strchr(literal, 0x2A) != nil else { continue }
                texts.append(node)
            }
        }
        for node in texts { emphasize(node) }
        restorePlaceholders(in: document, inText: true)
    }

    /// Text and link targets get `*` (what the escape meant); code, raw
    /// HTML and titles as written get `\*` back (escapes mean nothing there).
    private static func restorePlaceholders(in document: OpaquePointer, inText: Bool) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        let placeholder = String(escapedAsterisk)
        func fix(_ value: UnsafePointer<CChar>?, _ replacement: String, _ set: (String) -> Void) {
            guard let value else { return }
            let text = String(cString: value)
            if text.contains(escapedAsterisk) { set(text.replacingOccurrences(of: placeholder, with: replacement)) }
        }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            switch type {
            case CMARK_NODE_TEXT:
                if inText { fix(cmark_node_get_literal(node), "*") { _ = cmark_node_set_literal(node, $0) } }
            case CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
                if !inText { fix(cmark_node_get_literal(node), "\\*") { _ = cmark_node_set_literal(node, $0) } }
                if !inText, type == CMARK_NODE_CODE_BLOCK { fix(cmark_node_get_fence_info(node), "*") { _ = cmark_node_set_fence_info(node, $0) } }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if !inText {
                    fix(cmark_node_get_url(node), "*") { _ = cmark_node_set_url(node, $0) }
                    fix(cmark_node_get_title(node), "*") { _ = cmark_node_set_title(node, $0) }
                }
            default: break
            }
        }
    }

    // MARK: Pairing

    enum Token: Equatable {
        case text(String)
        /// A run of asterisks and what it may do under each rule.
        case run(count: Int, open: Bool, close: Bool, openStrict: Bool, closeStrict: Bool)
    }

    /// The text split into plain text and asterisk runs, each run judged by
    /// the characters around it (`before`/`after`: what lies outside the
    /// text node, nil for the edge of the paragraph).
    static func tokens(_ text: String, before: Character?, after: Character?) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var plain = ""
        var index = 0
        while index < characters.count {
            guard characters[index] == "*" else {
                plain.append(characters[index])
                index += 1
                continue
            }
            var end = index
            while end < characters.count && characters[end] == "*" { end += 1 }
            if !plain.isEmpty { tokens.append(.text(plain)); plain = "" }
            let previous = index > 0 ? characters[index - 1] : before
            let next = end < characters.count ? characters[end] : after
            let strictOpen = leftFlanking(previous: previous, next: next)
            let strictClose = leftFlanking(previous: next, next: previous)
            let cjk = isCJK(previous) || isCJK(next)
            let nextIsSpace = next.map(isWhitespace) ?? true
            let previousIsSpace = previous.map(isWhitespace) ?? true
            tokens.append(.run(count: end - index, open: strictOpen || (cjk && !nextIsSpace), close: strictClose || (cjk && !previousIsSpace),
                               openStrict: strictOpen, closeStrict: strictClose))
            index = end
        }
        if !plain.isEmpty { tokens.append(.text(plain)) }
        return tokens
    }

    /// CommonMark's left-flanking test; right-flanking is the same with the sides swapped.
    static func leftFlanking(previous: Character?, next: Character?) -> Bool {
        guard let next, !isWhitespace(next) else { return false }
        guard isPunctuation(next) else { return true }
        guard let previous else { return true }
        return isWhitespace(previous) || isPunctuation(previous)
    }

    /// Pairs of token indices (opener, closer) of one or two asterisks,
    /// nearest opener first, where at least one side needed the CJK rule.
    static func pairs(_ tokens: [Token]) -> [Int: Int] {
        var openers: [Int] = []
        var pairs: [Int: Int] = [:]
        for (index, token) in tokens.enumerated() {
            guard case .run(let count, let open, let close, _, let closeStrict) = token, count <= 2 else { continue }
            if close, let position = openers.lastIndex(where: { opener in
                guard case .run(let openerCount, _, _, let openStrict, _) = tokens[opener] else { return false }
                return openerCount == count && !(openStrict && closeStrict)
            }) {
                pairs[openers[position]] = index
                openers.removeSubrange(position...)
                continue
            }
            if open { openers.append(index) }
        }
        return pairs
    }

    /// Replaces a text node by text and emphasis nodes when some of its asterisks pair.
    private static func emphasize(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        let before = cmark_node_previous(node) == nil ? nil : Character("a")
        let after = cmark_node_next(node) == nil ? nil : Character("a")
        let tokens = tokens(text, before: before, after: after)
        let pairs = pairs(tokens)
        guard !pairs.isEmpty else { return }
        for built in build(tokens, pairs, 0..<tokens.count) { cmark_node_insert_before(node, built) }
        cmark_node_free(node)
    }

    private static func build(_ tokens: [Token], _ pairs: [Int: Int], _ range: Range<Int>) -> [OpaquePointer] {
        var nodes: [OpaquePointer] = []
        var pending = ""
        func flush() {
            guard !pending.isEmpty, let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
            _ = cmark_node_set_literal(text, pending)
            nodes.append(text)
            pending = ""
        }
        var index = range.lowerBound
        while index < range.upperBound {
            switch tokens[index] {
            case .text(let text):
                pending += text
            case .run(let count, _, _, _, _):
                if let closer = pairs[index], closer < range.upperBound,
                   let emphasis = cmark_node_new(count == 2 ? CMARK_NODE_STRONG : CMARK_NODE_EMPH) {
                    flush()
                    for child in build(tokens, pairs, (index + 1)..<closer) { cmark_node_append_child(emphasis, child) }
                    nodes.append(emphasis)
                    index = closer
                } else {
                    pending += String(repeating: "*", count: count)
                }
            }
            index += 1
        }
        flush()
        return nodes
    }

    // MARK: Character classes

    static func isWhitespace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .spaceSeparator || [0x09, 0x0A, 0x0C, 0x0D].contains($0.value) }
    }

    /// CommonMark's punctuation: ASCII punctuation and Unicode P* and S* (0.31).
    static func isPunctuation(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Han, kana, hangul, bopomofo, and the CJK and full-width punctuation blocks.
    static func isCJK(_ character: Character?) -> Bool {
        guard let scalar = character?.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x312F, 0x3130...0x318F,
             0x31A0...0x31FF, 0x3200...0x4DBF, 0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF,
             0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            // Quotation marks Chinese text uses around words: “ ” ‘ ’.
            return [0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014].contains(scalar.value)
        }
    }
}
