/// A secrecy marking (密级标志) found in a text or file.
struct SecrecyFinding: Sendable, Hashable {
    /// The marking as matched (spaces and joining punctuation removed).
    var marking: String
    var position: ScanPosition
}

/// Recognises the markings that say a document is classified or internal,
/// in a stream of characters, keeping only the last few.
///
/// Government prose talks about secrets all the time (`涉及国家秘密的数据不予开放`,
/// `依法保护国家秘密、商业秘密`, `保密措施`), so words alone never count; the
/// *forms of a marking* do. What counts:
///
/// 1. a level with the star, as GB/T 7156 and the state-secrets rules mark
///    documents (`秘密★1年`, `机密★长期`, `绝密★启用前`): `绝密★`, `机密★`,
///    `秘密★`, with `☆`, `*`, `＊` taken for the star and spaces ignored;
/// 2. a classification field: `密级：秘密`, `密级: 机密`, `密级 绝密`;
/// 3. a level or `涉密` standing as a label by itself: the whole line, field
///    or cell (`涉密`), or in brackets (`【涉密】`, `（机密）`, `[秘密级]`):
///    `绝密`, `机密`, `秘密`, `涉密` and `绝密级`, `机密级`, `秘密级`;
/// 4. the internal-material notice: `内部资料` followed by `注意保存`,
///    `妥善保存`, `请勿外传`, `不得外传`, `严禁外传` or `禁止外传`, with any
///    spaces or punctuation between (`内部资料，注意保存`).
///
/// Not counted: the same words inside a sentence (`本数据不涉密`,
/// `分为绝密级、机密级、秘密级`, `商业秘密`), `国家秘密` and `工作秘密` (they name
/// kinds of secret in policy text, they do not mark one), `保密`, `内部资料` alone.
struct SecrecyMarkings {
    /// The diagnostic code of a marking, wherever it is found.
    static let code = "secrecy.marking"

    private static let levels: [[Unicode.Scalar]] = ["绝密", "机密", "秘密"].map { Array($0.unicodeScalars) }
    private static let labels: [[Unicode.Scalar]] = ["绝密级", "机密级", "秘密级", "绝密", "机密", "秘密", "涉密"].map { Array($0.unicodeScalars) }
    private static let notices: [[Unicode.Scalar]] = ["注意保存", "妥善保存", "请勿外传", "不得外传", "严禁外传", "禁止外传"]
        .map { Array(("内部资料" + $0).unicodeScalars) }
    private static let field: [Unicode.Scalar] = Array("密级".unicodeScalars)
    static let window = 16

    /// Characters since the last boundary or ASCII text, spaces left out.
    private var recent: [(Unicode.Scalar, ScanPosition)] = []
    /// Whether what came just before `recent` was a boundary (or the start of the text).
    private var boundaryBefore = true
    /// A label that stood after a boundary, waiting to see a boundary after it too.
    private var pendingLabel: SecrecyFinding?

    /// Whether nothing is remembered: then an ASCII character only needs `noteASCII`.
    /// Stored, not computed: it is asked for every character of every file.
    private(set) var isIdle = true

    private mutating func updateIdle() { isIdle = recent.isEmpty && pendingLabel == nil }

    // The ASCII boundaries as bit masks (values 0–63 and 64–127).
    private static let lowBoundaries: UInt64 = [0x09, 0x0A, 0x0D, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x3B, 0x3C, 0x3E]
        .reduce(0) { $0 | 1 << UInt64($1) }
    private static let highBoundaries: UInt64 = [0x5B, 0x5D, 0x7C].reduce(0) { $0 | 1 << UInt64($1 - 64) }

    /// An ASCII character while nothing is remembered: it only decides whether a label may follow.
    mutating func noteASCII(_ scalar: Unicode.Scalar) {
        let value = UInt64(scalar.value)
        if value == 0x20 { return }
        boundaryBefore = value < 64 ? Self.lowBoundaries >> value & 1 == 1 : Self.highBoundaries >> (value & 63) & 1 == 1
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0xA0, 0x3000, 0x2000...0x200B, 0x202F, 0xFEFF: true
        default: false
        }
    }

    /// What ends a label: line and cell ends, quotes and brackets.
    static func isBoundary(_ scalar: Unicode.Scalar) -> Bool {
        // By value: a switch over scalar literals costs a comparison call per case in debug builds,
        // and this runs for every character of every file.
        switch scalar.value {
        case 0x0A, 0x0D, 0x09, 0x2C, 0x3B, 0x7C, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0x3C, 0x3E:
            // \n \r \t , ; | " ' ( ) [ ] < >
            true
        case 0xFF08, 0xFF09, 0x3010, 0x3011, 0x3014, 0x3015, 0xFF3B, 0xFF3D, 0x300A, 0x300B, 0x300C, 0x300D, 0x300E, 0x300F, 0x3016, 0x3017:
            // （ ） 【 】 〔 〕 ［ ］ 《 》 「 」 『 』 〖 〗
            true
        default:
            false
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "，", "、", "：", ":", "；", "。", ",", ";", "·", "-", "—", "－": true
        default: false
        }
    }

    static func canonical(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2606, 0x2A, 0xFF0A, 0x2731, 0x2729, 0x272D, 0x2B50: "★"  // ☆ * ＊ ✱ ✩ ✭ ⭐
        default: scalar
        }
    }

    mutating func push(_ scalar: Unicode.Scalar, at position: ScanPosition) -> SecrecyFinding? {
        defer { updateIdle() }
        if Self.isSpace(scalar) { return nil }
        let boundary = Self.isBoundary(scalar)
        var found: SecrecyFinding?
        if let label = pendingLabel {
            pendingLabel = nil
            if boundary { found = label }
        }
        // ASCII text other than a star or a colon ends whatever was being read.
        if boundary || (scalar.value < 0x80 && scalar != "*" && scalar != ":") {
            if !recent.isEmpty { recent.removeAll(keepingCapacity: true) }
            boundaryBefore = boundary
            return found
        }
        if recent.count == Self.window {
            recent.removeFirst()
            boundaryBefore = false
        }
        recent.append((Self.canonical(scalar), position))
        if found == nil { found = match() }
        if found != nil {
            // One marking is reported once.
            recent.removeAll(keepingCapacity: true)
            boundaryBefore = false
        }
        return found
    }

    /// The end of the text is a boundary too.
    mutating func finish() -> SecrecyFinding? {
        defer {
            pendingLabel = nil
            recent.removeAll()
            boundaryBefore = true
            isIdle = true
        }
        return pendingLabel
    }

    private func ends(with pattern: [Unicode.Scalar], dropping: Int = 0) -> Int? {
        let count = recent.count - dropping
        guard pattern.count <= count else { return nil }
        let start = count - pattern.count
        for (offset, scalar) in pattern.enumerated() where recent[start + offset].0 != scalar { return nil }
        return start
    }

    private func finding(_ start: Int, _ end: Int) -> SecrecyFinding {
        SecrecyFinding(marking: String(String.UnicodeScalarView(recent[start..<end].map(\.0))), position: recent[start].1)
    }

    private mutating func match() -> SecrecyFinding? {
        let last = recent[recent.count - 1].0
        // Every form ends in one of these: most characters need no comparison at all.
        switch last.value {
        case 0x2605, 0x5BC6, 0x7EA7, 0x5B58, 0x4F20: break  // ★ 密 级 存 传
        default: return nil
        }
        // 1. Level and star.
        if last == "★" {
            for level in Self.levels {
                if let start = ends(with: level, dropping: 1) { return finding(start, recent.count) }
            }
            return nil
        }
        // 2. 密级：level.
        for level in Self.levels {
            guard let start = ends(with: level) else { continue }
            var before = start
            // Only a colon (or the spaces, already left out) between the field name and its value.
            if before > 0 && (recent[before - 1].0 == "：" || recent[before - 1].0 == ":") { before -= 1 }
            if before >= 2 && recent[before - 2].0 == Self.field[0] && recent[before - 1].0 == Self.field[1] {
                return finding(before - 2, recent.count)
            }
        }
        // 4. The internal-material notice, punctuation between its parts ignored.
        if last != "：" && last != ":" {
            let letters = recent.filter { !Self.isPunctuation($0.0) }
            for notice in Self.notices where notice.last == last && letters.count >= notice.count {
                let tail = letters.suffix(notice.count)
                if tail.map(\.0).elementsEqual(notice), let first = tail.first {
                    return SecrecyFinding(marking: String(String.UnicodeScalarView(notice)), position: first.1)
                }
            }
        }
        // 3. A label after a boundary waits for a boundary after it.
        for label in Self.labels {
            if let start = ends(with: label), start == 0, boundaryBefore {
                pendingLabel = finding(start, recent.count)
                break
            }
        }
        return nil
    }
}
