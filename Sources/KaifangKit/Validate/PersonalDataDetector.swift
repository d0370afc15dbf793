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

/// Recognises personal numbers in a stream of normalised characters (see
/// `PrivacyNormalizer`: full-width digits, exotic spaces and dashes are
/// already ASCII) without keeping the stream: it sees one digit at a time
/// with the three characters on either side, and remembers only the digit
/// run being read and the runs just before it that single separators join
/// (`139 1234 5678`, `6222-0212-…`, `110105.19900101.0010`, `139_1234_5678`).
///
/// A number counts only when it stands alone: a longer digit run, an ASCII
/// letter, a `*` (masked: `139****8912`) or a decimal point with digits
/// (`36.13912345678`, a coordinate) next to it make it part of something else.
/// Two exceptions are the ways numbers are really written: the prefix `ID`
/// (`ID110105…`) and a spreadsheet's float export (`13912345678.0`).
struct PersonalDataDetector {
    let today: Day

    // The digit run being read, as a number and a length: no pattern is
    // longer than 19 digits, which fit a UInt64, and integers cost nothing
    // to reset on the millions of short runs a large file has.
    private var runValue: UInt64 = 0
    private var runLength = 0
    private var runStart = ScanPosition(line: 1, column: 1, field: 0)
    private var runBefore: Context = (0, 0, 0)

    // Runs joined by single separators, read as one spaced-out number: the
    // digits as a number, and the group lengths packed four bits each.
    private var chainValue: UInt64 = 0
    private var chainDigitCount = 0
    private var chainGroups: UInt32 = 0
    private var chainGroupCount = 0
    private var chainStart = ScanPosition(line: 1, column: 1, field: 0)
    private var chainBefore: Context = (0, 0, 0)
    private var chainTooLong = false

    /// Three characters before or after a digit, nearest first (0 beyond the text).
    typealias Context = (UInt8, UInt8, UInt8)

    static let maxDigits = 19
    /// `0086 139 1234 5678` has four groups, `6222 0212 3456 7890 123` five.
    static let maxChainGroups = 5
    /// The longest group of a spaced-out number: the birth date of `110105 19900101 0010`.
    static let maxGroupLength = 8

    init(today: Day) {
        self.today = today
    }

    /// Feeds one ASCII digit. `before` are the three characters that precede it and
    /// `after` the three that follow (0 beyond either end of the text).
    /// Returns what the digit completes, if anything.
    mutating func digit(_ byte: UInt8, at position: ScanPosition,
                        before: Context, after: Context) -> PersonalDataFinding? {
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

    private mutating func endRun(after: Context) -> PersonalDataFinding? {
        var finding: PersonalDataFinding?
        if !Self.isGluedBefore(runBefore) {
            if !Self.isGluedAfter(after) {
                finding = singleRunFinding()
            } else if runLength == 17, Self.isCheckX(after) {
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
            if finding == nil, !chainTooLong, chainGroupCount > 1, !Self.isGluedBefore(chainBefore) {
                if !Self.isGluedAfter(after) {
                    finding = chainFinding()
                } else if chainDigitCount == 17, Self.isCheckX(after) {
                    finding = chainIdentityFinding(checkX: true)
                }
            }
            chainGroupCount = 0
        }
        return finding
    }

    /// An X (or x) right after the digits that ends the token: an identity number's check character.
    static func isCheckX(_ after: Context) -> Bool {
        after.0 | 0x20 == UInt8(ascii: "x") && !isGluedAfter((after.1, after.2, 0)) && !PersonalDataPatterns.isDigit(after.1)
    }

    private func singleRunFinding() -> PersonalDataFinding? {
        switch runLength {
        case 11, 13, 15, 16...19: break
        default: return nil
        }
        let digits = Self.digits(runValue, count: runLength)
        switch runLength {
        case 11 where PersonalDataPatterns.isMobileNumber(digits[...]):
            return found(.mobileNumber, digits, at: runStart)
        case 13 where digits.starts(with: [0x38, 0x36]) && PersonalDataPatterns.isMobileNumber(digits.dropFirst(2)):
            // 86 and the number, as written for callers from abroad.
            return found(.mobileNumber, digits.dropFirst(2), at: runStart)
        case 15 where digits.starts(with: [0x30, 0x30, 0x38, 0x36]) && PersonalDataPatterns.isMobileNumber(digits.dropFirst(4)):
            // 0086 and the number, the international prefix dialled from a landline.
            return found(.mobileNumber, digits.dropFirst(4), at: runStart)
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
        if chainTooLong || runLength > Self.maxGroupLength || chainGroupCount == Self.maxChainGroups
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
    static let mobileGroupsAfter0086 = packed([4, 3, 4, 4])
    /// How identity numbers are grouped when they are spaced out: area, birth date, sequence;
    /// or in fours as cards are. With the check character X the last group is one shorter.
    static let identityGroups: Set<UInt32> = [packed([6, 8, 4]), packed([6, 4, 4, 4]), packed([3, 3, 4, 4, 4]), packed([4, 4, 4, 4, 2])]
    static let identityGroupsBeforeX: Set<UInt32> = [packed([6, 8, 3]), packed([6, 4, 4, 3]), packed([3, 3, 4, 4, 3]), packed([4, 4, 4, 4, 1])]
    static let cardGroups: Set<UInt32> = [packed([4, 4, 4, 4]), packed([4, 4, 4, 4, 1]), packed([4, 4, 4, 4, 2]), packed([4, 4, 4, 4, 3])]

    private func chainIdentityFinding(checkX: Bool) -> PersonalDataFinding? {
        guard (checkX ? Self.identityGroupsBeforeX : Self.identityGroups).contains(chainGroups) else { return nil }
        let characters = Self.digits(chainValue, count: chainDigitCount) + (checkX ? [UInt8(ascii: "X")] : [])
        guard PersonalDataPatterns.isResidentIdentityNumber(characters, today: today) else { return nil }
        return found(.residentIdentityNumber, characters, at: chainStart)
    }

    private func chainFinding() -> PersonalDataFinding? {
        // Most chains are dates, times, coordinates and landlines: decided by their length alone.
        guard chainDigitCount == 11 || chainDigitCount == 13 || chainDigitCount == 15 || (16...19).contains(chainDigitCount) else {
            return nil
        }
        if chainDigitCount == 18, let identity = chainIdentityFinding(checkX: false) { return identity }
        let digits = Self.digits(chainValue, count: chainDigitCount)
        if chainGroups == Self.mobileGroupsAfter0086 && digits.starts(with: [0x30, 0x30, 0x38, 0x36])
            && PersonalDataPatterns.isMobileNumber(digits.dropFirst(4)) {
            return found(.mobileNumber, digits.dropFirst(4), at: chainStart)
        }
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

    /// What may stand between the groups of one number: space, hyphen, dot, slash, underscore
    /// (the normaliser has turned NBSP, U+3000, full-width and typographic forms into these).
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "_")
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }

    /// Whether the characters before a digit run (nearest first) make the
    /// run part of a longer token: a word, a masked value or a decimal
    /// number. The prefix `ID` (with nothing alphanumeric before it) does not.
    static func isGluedBefore(_ bytes: Context) -> Bool {
        if isASCIILetter(bytes.0) {
            let isIDPrefix = bytes.0 | 0x20 == UInt8(ascii: "d") && bytes.1 | 0x20 == UInt8(ascii: "i")
                && !isASCIILetter(bytes.2) && !PersonalDataPatterns.isDigit(bytes.2)
            return !isIDPrefix
        }
        return bytes.0 == UInt8(ascii: "*") || (bytes.0 == UInt8(ascii: ".") && PersonalDataPatterns.isDigit(bytes.1))
    }

    /// Whether the characters after a digit run make it part of a longer
    /// token; a spreadsheet's float export (`13912345678.0`) does not.
    static func isGluedAfter(_ bytes: Context) -> Bool {
        if isASCIILetter(bytes.0) || bytes.0 == UInt8(ascii: "*") { return true }
        if bytes.0 == UInt8(ascii: "."), PersonalDataPatterns.isDigit(bytes.1) {
            let floatExport = bytes.1 == UInt8(ascii: "0") && !PersonalDataPatterns.isDigit(bytes.2)
                && !isASCIILetter(bytes.2) && bytes.2 != UInt8(ascii: ".")
            return !floatExport
        }
        return false
    }
}
