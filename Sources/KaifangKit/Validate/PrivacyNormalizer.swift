/// One character of a scanned text as the privacy checks see it.
struct NormalizedCharacter: Sendable, Equatable {
    /// The character after JSON `\uXXXX` escapes are decoded: what the secrecy markings are matched against.
    var scalar: Unicode.Scalar
    /// What the number detector sees: an ASCII digit, letter, separator or
    /// sign, or 0x80 for any other character.
    var byte: UInt8
    /// Where the character (or the escape that spelled it) starts in the original text.
    var position: ScanPosition
}

/// The one layer between a decoded text and the detectors: it maps every way
/// of writing the same digits to what `PersonalDataDetector` understands, and
/// keeps each character's original position for the diagnostics.
///
/// - full-width digits and letters (`１３９`, `Ｘ`) → ASCII;
/// - spaces that are not ASCII (NBSP U+00A0, U+3000, the U+2000 spaces, U+202F) → space;
/// - dashes, full-width `－．／＿＋＊（）` → their ASCII forms (a full-width `＊` still masks);
/// - zero-width characters and soft hyphens inside a number are dropped;
/// - JSON escapes `\u0031` (also of full-width digits) → the character they spell.
///
/// Everything else (Chinese text, punctuation) becomes a neutral 0x80 that
/// neither glues to a number nor separates its groups.
struct PrivacyNormalizer {
    /// A backslash and what followed it, while it may still be a `\uXXXX` escape.
    private var pending: [(Unicode.Scalar, ScanPosition)] = []

    /// Whether nothing is held back: a character other than a backslash can skip `push`.
    var isIdle: Bool { pending.isEmpty }

    /// Normalises one character; `emit` receives zero, one or (when an escape
    /// turns out not to be one) several characters.
    mutating func push(_ scalar: Unicode.Scalar, at position: ScanPosition, _ emit: (NormalizedCharacter) -> Void) {
        if pending.isEmpty {
            if scalar == "\\" {
                pending.append((scalar, position))
            } else {
                Self.emit(scalar, at: position, emit)
            }
            return
        }
        let index = pending.count
        let fits = index == 1 ? (scalar == "u" || scalar == "U") : Self.hexValue(scalar) != nil
        guard fits else {
            flush(emit)
            push(scalar, at: position, emit)
            return
        }
        pending.append((scalar, position))
        if pending.count == 6 {
            let value = pending[2...].reduce(UInt32(0)) { $0 << 4 | Self.hexValue($1.0)! }
            let start = pending[0].1
            pending.removeAll(keepingCapacity: true)
            // A surrogate half (an emoji spelled as two escapes) is no digit: neutral.
            Self.emit(Unicode.Scalar(value) ?? "\u{FFFD}", at: start, emit)
        }
    }

    /// Emits what is held back at the end of the text.
    mutating func finish(_ emit: (NormalizedCharacter) -> Void) {
        flush(emit)
    }

    private mutating func flush(_ emit: (NormalizedCharacter) -> Void) {
        let held = pending
        pending.removeAll(keepingCapacity: true)
        for (scalar, position) in held { Self.emit(scalar, at: position, emit) }
    }

    private static func emit(_ scalar: Unicode.Scalar, at position: ScanPosition, _ emit: (NormalizedCharacter) -> Void) {
        guard let byte = byte(for: scalar) else { return }
        emit(NormalizedCharacter(scalar: scalar, byte: byte, position: position))
    }

    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: scalar.value - 0x30
        case 0x41...0x46: scalar.value - 0x41 + 10
        case 0x61...0x66: scalar.value - 0x61 + 10
        default: nil
        }
    }

    /// The detector's view of a character; nil for characters that are dropped.
    static func byte(for scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if value < 0x80 { return UInt8(value) }
        switch value {
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            // Full-width digits and Latin letters: the full-width block is ASCII shifted by 0xFEE0.
            return UInt8(value - 0xFEE0)
        case 0xFF0B, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF3F, 0xFF0A, 0xFF08, 0xFF09:
            // ＋ － ． ／ ＿ ＊ （ ）
            return UInt8(value - 0xFEE0)
        case 0x00A0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return UInt8(ascii: " ")
        case 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:
            return UInt8(ascii: "-")
        case 0x00AD, 0x200B...0x200D, 0x2060, 0xFEFF:
            // Soft hyphen, zero-width space and joiners, word joiner, BOM: invisible, so dropped.
            return nil
        case 0x2217, 0x2731, 0xFE61:
            // Asterisk operator, heavy asterisk, small asterisk: masks too.
            return UInt8(ascii: "*")
        default:
            return 0x80
        }
    }
}
