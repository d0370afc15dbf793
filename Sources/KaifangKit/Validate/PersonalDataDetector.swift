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

    // The digit run being read; only the first digits are kept, since no
    // pattern is longer than 19.
    private var run: [UInt8] = []
    private var runLength = 0
    private var runStart = ScanPosition(line: 1, column: 1, field: 0)
    private var runBefore: (UInt8, UInt8) = (0, 0)

    // Runs joined by single separators, read as one spaced-out number.
    private var chainDigits: [UInt8] = []
    private var chainGroups: [Int] = []
    private var chainStart = ScanPosition(line: 1, column: 1, field: 0)
    private var chainBefore: (UInt8, UInt8) = (0, 0)
    private var chainTooLong = false

    static let keptDigits = 20
    /// `+86 139 1234 5678` has four groups, `6222 0212 3456 7890 123` five.
    static let maxChainGroups = 5

    init(today: Day) {
        self.today = today
        run.reserveCapacity(Self.keptDigits)
        chainDigits.reserveCapacity(Self.keptDigits)
    }

    /// Feeds one ASCII digit. `before` are the two bytes that precede it and
    /// `after` the two that follow (0 beyond either end of the file).
    /// Returns what the digit completes, if anything.
    mutating func digit(_ byte: UInt8, at position: ScanPosition,
                        before: (UInt8, UInt8), after: (UInt8, UInt8)) -> PersonalDataFinding? {
        if runLength == 0 {
            run.removeAll(keepingCapacity: true)
            runStart = position
            runBefore = before
        }
        runLength += 1
        if runLength <= Self.keptDigits { run.append(byte) }
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
                let characters = run + [UInt8(ascii: "X")]
                if PersonalDataPatterns.isResidentIdentityNumber(characters, today: today) {
                    finding = found(.residentIdentityNumber, characters, at: runStart)
                }
            }
        }
        extendChain()
        let chainGoesOn = Self.isSeparator(after.0) && PersonalDataPatterns.isDigit(after.1)
        if !chainGoesOn {
            if finding == nil, !chainTooLong, chainGroups.count > 1, !Self.isGlued(chainBefore), !Self.isGlued(after) {
                finding = chainFinding()
            }
            chainGroups.removeAll(keepingCapacity: true)
            chainDigits.removeAll(keepingCapacity: true)
            chainTooLong = false
        }
        return finding
    }

    private func singleRunFinding() -> PersonalDataFinding? {
        let digits = run[...]
        switch runLength {
        case 11 where PersonalDataPatterns.isMobileNumber(digits):
            return found(.mobileNumber, digits, at: runStart)
        case 13 where digits.starts(with: [0x38, 0x36]) && PersonalDataPatterns.isMobileNumber(digits.dropFirst(2)):
            // 86 and the number, as written for callers from abroad.
            return found(.mobileNumber, digits.dropFirst(2), at: runStart)
        case 18 where PersonalDataPatterns.isResidentIdentityNumber(run, today: today):
            return found(.residentIdentityNumber, digits, at: runStart)
        case 16...19 where PersonalDataPatterns.isBankCardNumber(digits):
            return found(.bankCardNumber, digits, at: runStart)
        default:
            return nil
        }
    }

    private mutating func extendChain() {
        let joinsChain = !chainGroups.isEmpty && Self.isSeparator(runBefore.0) && PersonalDataPatterns.isDigit(runBefore.1)
        if !joinsChain {
            chainGroups.removeAll(keepingCapacity: true)
            chainDigits.removeAll(keepingCapacity: true)
            chainTooLong = false
            chainStart = runStart
            chainBefore = runBefore
        }
        // Spaced-out numbers are written in short groups; a long run or many
        // groups is a list of numbers, not one number.
        if chainTooLong || runLength > 4 || chainGroups.count == Self.maxChainGroups {
            chainTooLong = true
            return
        }
        chainGroups.append(runLength)
        chainDigits.append(contentsOf: run)
    }

    private func chainFinding() -> PersonalDataFinding? {
        let digits = chainDigits[...]
        switch chainGroups {
        case [3, 4, 4] where PersonalDataPatterns.isMobileNumber(digits):
            return found(.mobileNumber, digits, at: chainStart)
        case [2, 3, 4, 4] where digits.starts(with: [0x38, 0x36]) && PersonalDataPatterns.isMobileNumber(digits.dropFirst(2)):
            return found(.mobileNumber, digits.dropFirst(2), at: chainStart)
        case [4, 4, 4, 4], [4, 4, 4, 4, 1], [4, 4, 4, 4, 2], [4, 4, 4, 4, 3]:
            return PersonalDataPatterns.isBankCardNumber(digits) ? found(.bankCardNumber, digits, at: chainStart) : nil
        default:
            return nil
        }
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
