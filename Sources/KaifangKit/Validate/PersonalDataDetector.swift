/// Where a byte of a scanned file is, as a diagnostic shows it.
struct ScanPosition: Sendable, Hashable {
    var line: Int
    /// The character on the line (Unicode scalars for UTF-8, characters for GB18030).
    var column: Int
    /// The 1-based CSV column (cell number) in a table; 0 in a text file.
    var field: Int
}

struct PersonalDataFinding: Sendable, Hashable {
    var kind: PersonalDataKind
    /// Safe to print: most digits starred.
    var masked: String
    var position: ScanPosition
}

/// Recognises personal numbers in a stream of bytes without keeping the
/// stream: it sees one digit at a time with the two bytes on either side,
/// and remembers only the digit run being read and the runs just before it
/// that single spaces or hyphens join (`139 1234 5678`, `6222-0212-…`).
///
/// A number counts only when it stands alone: a longer digit run, an ASCII
/// letter, a `*` (masked: `139****8912`) or a decimal point with digits
/// (`36.13912345678`, a coordinate) next to it make it part of something else.
struct PersonalDataDetector {
    let today: Day

    // The digit run being read, as a number and a length: no pattern is
    // longer than 19 digits, which fit a UInt64, and integers cost nothing
    // to reset on the millions of short runs a large file has.
    private var runValue: UInt64 = 0
    private var runLength = 0
    private var runStart = ScanPosition(line: 1, column: 1, field: 0)
    private var runBefore: (UInt8, UInt8) = (0, 0)

    // Runs joined by single separators, read as one spaced-out number: the
    // digits as a number, and the group lengths packed four bits each.
    private var chainValue: UInt64 = 0
    private var chainDigitCount = 0
    private var chainGroups: UInt32 = 0
    private var chainGroupCount = 0
    private var chainStart = ScanPosition(line: 1, column: 1, field: 0)
    private var chainBefore: (UInt8, UInt8) = (0, 0)
    private var chainTooLong = false

    static let maxDigits = 19
    /// `+86 139 1234 5678` has four groups, `6222 0212 3456 7890 123` five.
    static let maxChainGroups = 5

    init(today: Day) {
        self.today = today
    }

    /// Feeds one ASCII digit. `before` are the two bytes that precede it and
    /// `after` the two that follow (0 beyond either end of the file).
    /// Returns what the digit completes, if anything.
    mutating func digit(_ byte: UInt8, at position: ScanPosition,
                        before: (UInt8, UInt8), after: (UInt8, UInt8)) -> PersonalDataFinding? {
        if runLength == 0 {
            runValue = 0
            runStart = position
            runBefore = before
        }
        runLength += 1
        if runLength <= Self.maxDigits { runValue = runValue &* 10 &+ UInt64(byte &- 0x30) }
        guard !PersonalDataPatterns.isDigit(after.0) else { return nil }
        defer { runLength = 0 }
        return endRun(after: after)
    }

    private mutating func endRun(after: (UInt8, UInt8)) -> PersonalDataFinding? {
        var finding: PersonalDataFinding?
        if !Self.isGlued(runBefore) {
            if !Self.isGlued(after) {
                finding = singleRunFinding()
            } else if runLength == 17, after.0 | 0x20 == UInt8(ascii: "x"), !Self.isGlued((after.1, 0)),
                      !PersonalDataPatterns.isDigit(after.1) {
                // 17 digits and the check character X.
                let characters = Self.digits(runValue, count: 17) + [UInt8(ascii: "X")]
                if PersonalDataPatterns.isResidentIdentityNumber(characters, today: today) {
                    finding = found(.residentIdentityNumber, characters, at: runStart)
                }
            }
        }
        extendChain()
        let chainGoesOn = Self.isSeparator(after.0) && PersonalDataPatterns.isDigit(after.1)
        if !chainGoesOn {
            if finding == nil, !chainTooLong, chainGroupCount > 1, !Self.isGlued(chainBefore), !Self.isGlued(after) {
                finding = chainFinding()
            }
            chainGroupCount = 0
        }
        return finding
    }

    private func singleRunFinding() -> PersonalDataFinding? {
        switch runLength {
        case 11, 13, 16...19: break
        default: return nil
        }
        let digits = Self.digits(runValue, count: runLength)
        switch runLength {
        case 11 where PersonalDataPatterns.isMobileNumber(digits[...]):
            return found(.mobileNumber, digits, at: runStart)
        case 13 where digits.starts(with: [0x38, 0x36]) && PersonalDataPatterns.isMobileNumber(digits.dropFirst(2)):
            // 86 and the number, as written for callers from abroad.
            return found(.mobileNumber, digits.dropFirst(2), at: runStart)
        case 18 where PersonalDataPatterns.isResidentIdentityNumber(digits, today: today):
            return found(.residentIdentityNumber, digits, at: runStart)
        case 16...19 where PersonalDataPatterns.isBankCardNumber(digits[...]):
            return found(.bankCardNumber, digits, at: runStart)
        default:
            return nil
        }
    }

    private mutating func extendChain() {
        let joinsChain = chainGroupCount > 0 && Self.isSeparator(runBefore.0) && PersonalDataPatterns.isDigit(runBefore.1)
        if !joinsChain {
            chainValue = 0
            chainDigitCount = 0
            chainGroups = 0
            chainGroupCount = 0
            chainTooLong = false
            chainStart = runStart
            chainBefore = runBefore
        }
        // Spaced-out numbers are written in short groups; a long run or many
        // groups is a list of numbers, not one number.
        if chainTooLong || runLength > 4 || chainGroupCount == Self.maxChainGroups
            || chainDigitCount + runLength > Self.maxDigits {
            chainTooLong = true
            chainGroupCount = max(chainGroupCount, 1)
            return
        }
        var power: UInt64 = 1
        for _ in 0..<runLength { power &*= 10 }
        chainValue = chainValue &* power &+ runValue
        chainDigitCount += runLength
        chainGroups |= UInt32(runLength) << (4 * UInt32(chainGroupCount))
        chainGroupCount += 1
    }

    /// Group lengths packed the way `chainGroups` holds them.
    static func packed(_ lengths: [Int]) -> UInt32 {
        lengths.enumerated().reduce(0) { $0 | UInt32($1.element) << (4 * UInt32($1.offset)) }
    }

    static let mobileGroups = packed([3, 4, 4])
    static let mobileGroupsAfter86 = packed([2, 3, 4, 4])
    static let cardGroups: Set<UInt32> = [packed([4, 4, 4, 4]), packed([4, 4, 4, 4, 1]), packed([4, 4, 4, 4, 2]), packed([4, 4, 4, 4, 3])]

    private func chainFinding() -> PersonalDataFinding? {
        let digits = Self.digits(chainValue, count: chainDigitCount)
        if chainGroups == Self.mobileGroups && PersonalDataPatterns.isMobileNumber(digits[...]) {
            return found(.mobileNumber, digits, at: chainStart)
        }
        if chainGroups == Self.mobileGroupsAfter86 && digits.starts(with: [0x38, 0x36])
            && PersonalDataPatterns.isMobileNumber(digits.dropFirst(2)) {
            return found(.mobileNumber, digits.dropFirst(2), at: chainStart)
        }
        if Self.cardGroups.contains(chainGroups) && PersonalDataPatterns.isBankCardNumber(digits[...]) {
            return found(.bankCardNumber, digits, at: chainStart)
        }
        return nil
    }

    /// The ASCII digits of `value`, with leading zeros up to `count`.
    static func digits(_ value: UInt64, count: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0x30, count: count)
        var rest = value
        var index = count - 1
        while index >= 0 && rest > 0 {
            result[index] = 0x30 + UInt8(rest % 10)
            rest /= 10
            index -= 1
        }
        return result
    }

    private func found(_ kind: PersonalDataKind, _ characters: some Collection<UInt8>, at position: ScanPosition) -> PersonalDataFinding {
        PersonalDataFinding(kind: kind, masked: PersonalDataPatterns.masked(characters, as: kind), position: position)
    }

    static func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    /// Whether the byte next to a digit run (and the one beyond it) make the
    /// run part of a longer token: a word, a masked value or a decimal number.
    static func isGlued(_ bytes: (UInt8, UInt8)) -> Bool {
        isASCIILetter(bytes.0) || bytes.0 == UInt8(ascii: "*")
            || (bytes.0 == UInt8(ascii: ".") && PersonalDataPatterns.isDigit(bytes.1))
    }
}
