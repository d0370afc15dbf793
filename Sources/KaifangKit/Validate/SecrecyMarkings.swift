/// A secrecy marking (密级标志) found in a text or file.
struct SecrecyFinding: Sendable, Hashable {
    /// The marking as matched (spaces and punctuation between its parts removed).
    var marking: String
    var position: ScanPosition
}

/// Recognises the markings that say a document is classified or internal,
/// in a stream of characters, keeping only the last few.
///
/// What counts (GB/T 7156 and the state-secrets rules write the level, a
/// star and the term: `秘密★1年`, `机密★长期`, `绝密★启用前`):
///
/// - a level with the star: `绝密★`, `机密★`, `秘密★` (also `☆`, `*`, `＊` for the star);
/// - a level with 级: `绝密级`, `机密级`, `秘密级`;
/// - `涉密`, `国家秘密`, `工作秘密`;
/// - `内部资料` followed by `注意保存`, `妥善保存`, `请勿外传`, `不得外传`, `严禁外传`, `禁止外传`;
///
/// spaces and the punctuation `，,、：:` between the parts are ignored
/// (`内部资料，注意保存`, `秘 密 ★`). Deliberately not counted, so that
/// ordinary prose passes: `秘密`, `绝密`, `机密` alone (`商业秘密`, a dataset
/// about 保密 rules), `保密` (`保密措施`), `内部资料` alone; and the words of the
/// third group when a negation stands in the four characters before them
/// (`不涉密`, `本数据不涉及国家秘密`, `非涉密`) or when they name the law
/// (`保守国家秘密法`). A star form is never excused: nobody writes `秘密★` by chance.
struct SecrecyMarkings {
    /// The diagnostic code of a marking, wherever it is found.
    static let code = "secrecy.marking"

    private struct Pattern {
        var text: [Unicode.Scalar]
        /// Words that appear in prose too, excused after a negation.
        var excusable: Bool
    }

    private static let patterns: [Pattern] = {
        var patterns: [Pattern] = []
        for level in ["绝密", "机密", "秘密"] {
            patterns.append(Pattern(text: Array((level + "★").unicodeScalars), excusable: false))
            patterns.append(Pattern(text: Array((level + "级").unicodeScalars), excusable: true))
        }
        for word in ["涉密", "国家秘密", "工作秘密"] {
            patterns.append(Pattern(text: Array(word.unicodeScalars), excusable: true))
        }
        for tail in ["注意保存", "妥善保存", "请勿外传", "不得外传", "严禁外传", "禁止外传"] {
            patterns.append(Pattern(text: Array(("内部资料" + tail).unicodeScalars), excusable: false))
        }
        return patterns
    }()

    /// The last character of some pattern: only these start a comparison.
    private static let finals: Set<Unicode.Scalar> = Set(patterns.compactMap(\.text.last))
    private static let negations: Set<Unicode.Scalar> = ["不", "非", "无", "未", "没", "免", "無"]
    static let window = 16

    private var recent: [(Unicode.Scalar, ScanPosition)] = []

    /// Whether no character is remembered: an ASCII character then changes nothing.
    var isIdle: Bool { recent.isEmpty }

    /// Whether the character is left out when matching (spaces, joining punctuation).
    static func isSkipped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x3000, 0x2000...0x200B, 0x202F, 0xFEFF,
             0x2C, 0xFF0C, 0x3001, 0x3A, 0xFF1A:
            return true
        default:
            return false
        }
    }

    static func canonical(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "☆", "*", "＊", "✱", "✩", "✭": "★"
        default: scalar
        }
    }

    mutating func push(_ scalar: Unicode.Scalar, at position: ScanPosition) -> SecrecyFinding? {
        if scalar.value < 0x80 && scalar != "*" {
            // ASCII ends any marking except by the star or joining punctuation and spaces.
            if Self.isSkipped(scalar) { return nil }
            if !recent.isEmpty { recent.removeAll(keepingCapacity: true) }
            return nil
        }
        if Self.isSkipped(scalar) { return nil }
        let character = Self.canonical(scalar)
        if recent.count == Self.window { recent.removeFirst() }
        recent.append((character, position))
        guard Self.finals.contains(character) else { return nil }
        for pattern in Self.patterns where pattern.text.count <= recent.count {
            let start = recent.count - pattern.text.count
            guard recent[start...].map(\.0).elementsEqual(pattern.text) else { continue }
            if pattern.excusable && excused(before: start) { continue }
            return SecrecyFinding(marking: String(String.UnicodeScalarView(pattern.text)), position: recent[start].1)
        }
        return nil
    }

    private func excused(before start: Int) -> Bool {
        let before = recent[max(0, start - 4)..<start].map(\.0)
        if before.contains(where: Self.negations.contains) { return true }
        return before.suffix(2).elementsEqual(["保", "守"] as [Unicode.Scalar])
    }

    /// Every marking in a whole text (metadata fields), in order.
    static func find(in text: String) -> [SecrecyFinding] {
        var matcher = SecrecyMarkings()
        var found: [SecrecyFinding] = []
        var line = 1, column = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1; column = 0; continue }
            column += 1
            if let finding = matcher.push(scalar, at: ScanPosition(line: line, column: column, field: 0)) { found.append(finding) }
        }
        return found
    }
}
