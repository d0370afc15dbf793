import CCmark
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CommonMark through libcmark, always in safe mode: raw HTML is reduced to an
/// allowlisted structure made of ordinary nodes (`Markdown+RawHTML`), and
/// `javascript:`, `vbscript:`, `file:` and `data:` links are emptied, so
/// nothing a publisher writes can run script on the portal. The only type
/// that touches libcmark's C API; every C allocation is freed here.
public enum Markdown {
    /// Rendered HTML whose site-root links (`/pages/about/`) are completed with
    /// the way back to the root of the page that shows it: the same text is
    /// shown at several depths (a department's description on its first and
    /// its tenth page), and is rendered once.
    public struct RelocatableHTML: Sendable, Equatable {
        /// The HTML cut where the way to the root goes.
        let pieces: [String]

        public init(_ html: String = "") { pieces = [html] }

        init(pieces: [String]) { self.pieces = pieces }

        /// The HTML for a page whose way back to the site root is `root` (`../../`).
        public func html(root: String) -> String {
            pieces.count == 1 ? pieces[0] : pieces.joined(separator: root)
        }
    }

    /// Put where the root goes while rendering; libcmark percent-encodes
    /// the control characters in link targets, so it is found by its encoded form.
    static let rootMarker = "\u{1}kaifang-root\u{1}"
    static let encodedRootMarker = "%01kaifang-root%01"

    /// Renders once for every depth: see `RelocatableHTML`.
    public static func renderRelocatable(_ markdown: String, headingOffset: Int = 0) -> (html: RelocatableHTML, rendered: Rendered) {
        let rendered = render(markdown, rootPrefix: rootMarker, headingOffset: headingOffset)
        return (RelocatableHTML(pieces: cut(rendered.html, at: encodedRootMarker)), rendered)
    }

    /// `components(separatedBy:)` for an ASCII marker, on the UTF-8 bytes
    /// (Foundation's copies the page through UTF-16; it showed in profiles).
    static func cut(_ text: String, at marker: String) -> [String] {
        let marker = Array(marker.utf8)
        var text = text
        return text.withUTF8 { bytes in
            var pieces: [String] = [], start = 0, index = 0
            while index + marker.count <= bytes.count {
                if bytes[index] == marker[0], marker.indices.allSatisfy({ bytes[index + $0] == marker[$0] }) {
                    pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    index += marker.count
                    start = index
                } else {
                    index += 1
                }
            }
            pieces.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return pieces
        }
    }

    public struct Rendered: Sendable {
        public var html: String
        /// The text without markup, for search, summaries and DCAT descriptions.
        public var plainText: String
        /// The start of the text outside headings (a few hundred characters), for summaries in lists.
        public var summary: String = ""
    }

    /// - Parameter rootPrefix: prepended to links that start with `/` (site-root
    ///   links such as `/pages/terms/`), so they work under any base URL.
    ///   - headingOffset: added to every heading level (capped at 6), so a
    ///   description's `##` nests under the page's own section headings.
    public static func render(_ markdown: String, rootPrefix: String? = nil, headingOffset: Int = 0) -> Rendered {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        // Asterisks may need the CJK emphasis pass (Markdown+CJKEmphasis).
        let protected = markdown.utf8.contains(UInt8(ascii: "*")) ? protectEscapedAsterisks(markdown) : nil
        var source = protected ?? markdown
        let document: OpaquePointer? = source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, options) }
        }
        guard let document else { return Rendered(html: "", plainText: "") }
        defer { cmark_node_free(document) }
        if protected != nil { applyCJKEmphasis(in: document) }
        replaceRawHTML(in: document)

        var plain = ""
        var summary = ""
        var headingDepth = 0
        func addToSummary(_ text: String) {
            if headingDepth == 0 && summary.utf8.count < 1200 { summary += text }
        }
        if let iterator = cmark_iter_new(document) {
            defer { cmark_iter_free(iterator) }
            while true {
                let event = cmark_iter_next(iterator)
                if event == CMARK_EVENT_DONE { break }
                guard let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                if event == CMARK_EVENT_ENTER {
                    switch type {
                    case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                        if let literal = cmark_node_get_literal(node) {
                            let text = String(cString: literal)
                            plain += text
                            addToSummary(text)
                        }
                    case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                        plain += " "
                        addToSummary(" ")
                    case CMARK_NODE_HEADING:
                        headingDepth += 1
                        if headingOffset != 0 {
                            _ = cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + Int32(headingOffset)))
                        }
                    case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                        if let rootPrefix, let url = cmark_node_get_url(node) {
                            let target = String(cString: url)
                            if target.hasPrefix("/") && !target.hasPrefix("//") {
                                _ = cmark_node_set_url(node, rootPrefix + target.dropFirst())
                            }
                        }
                    default: break
                    }
                } else if event == CMARK_EVENT_EXIT {
                    switch type {
                    case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM, CMARK_NODE_CODE_BLOCK, CMARK_NODE_CUSTOM_BLOCK:
                        if type == CMARK_NODE_HEADING { headingDepth -= 1 }
                        if !plain.isEmpty && !plain.hasSuffix("\n") { plain += "\n" }
                        if !summary.isEmpty && !summary.hasSuffix(" ") { addToSummary(" ") }
                    default: break
                    }
                }
                if event == CMARK_EVENT_ENTER && type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node) {
                    plain += String(cString: literal)
                }
            }
        }
        guard let rendered = cmark_render_html(document, options) else { return Rendered(html: "", plainText: plain) }
        defer { free(rendered) }
        return Rendered(html: String(cString: rendered), plainText: plain.trimmingWhitespaceAndNewlines,
                        summary: summary.trimmingWhitespaceAndNewlines)
    }
}

