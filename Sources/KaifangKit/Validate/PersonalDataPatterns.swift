/// The kinds of personal data the privacy guard refuses to publish.
enum PersonalDataKind: Sendable, CaseIterable {
    case residentIdentityNumber
    case mobileNumber
    case bankCardNumber

    /// The stable diagnostic code.
    var code: String {
        switch self {
        case .residentIdentityNumber: "privacy.id-number"
        case .mobileNumber: "privacy.mobile-number"
        case .bankCardNumber: "privacy.bank-card"
        }
    }

    /// What was found, as a message names it.
    var noun: String {
        switch self {
        case .residentIdentityNumber: "resident identity number"
        case .mobileNumber: "mobile number"
        case .bankCardNumber: "bank card number"
        }
    }

    var phrase: String { "a \(noun)" }

    func counted(_ count: Int) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}

/// The checks that tell personal numbers from other long numbers, each the
/// way its standard defines it. Inputs are ASCII bytes (`0`…`9`, `X`), since
/// the scanner works on bytes and never decodes the data files.
enum PersonalDataPatterns {
    // GB 11643-1999: weights of the first 17 digits and the check characters by sum % 11.
    static let identityWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let identityCheckCharacters = Array("10X98765432".utf8)

    /// The first two digits of a resident identity number: the province-level
    /// division of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao; 83 and 91 are
    /// issued to residents of Taiwan and foreign permanent residents).
    static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
        41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91,
    ]

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    static func value(_ byte: UInt8) -> Int { Int(byte &- 0x30) }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.reduce(0) { $0 * 10 + value($1) }
    }

    /// 17 digits and a check character (digit or X) that agree, with a
    /// province that exists and a birth date that is a real day between 1900 and this year.
    static func isResidentIdentityNumber(_ characters: [UInt8], today: Day) -> Bool {
        guard characters.count == 18, characters[0..<17].allSatisfy(isDigit) else { return false }
        let check = characters[17] == UInt8(ascii: "x") ? UInt8(ascii: "X") : characters[17]
        guard isDigit(check) || check == UInt8(ascii: "X") else { return false }
        guard provinceCodes.contains(number(characters[0..<2])) else { return false }
        let year = number(characters[6..<10]), month = number(characters[10..<12]), day = number(characters[12..<14])
        guard (1900...today.year).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return false }
        var sum = 0
        for (character, weight) in zip(characters[0..<17], identityWeights) { sum += value(character) * weight }
        return identityCheckCharacters[sum % 11] == check
    }

    /// 11 digits beginning 13–19: the numbering plan of mainland mobile networks.
    /// Landlines (0531-…), service numbers (400-…, 95xxx) never begin with 1.
    static func isMobileNumber(_ digits: ArraySlice<UInt8>) -> Bool {
        digits.count == 11 && digits.first == UInt8(ascii: "1") && value(digits[digits.startIndex + 1]) >= 3
    }

    static func passesLuhn(_ digits: ArraySlice<UInt8>) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var v = value(digit)
            if offset % 2 == 1 {
                v *= 2
                if v > 9 { v -= 9 }
            }
            sum += v
        }
        return sum % 10 == 0
    }

    /// 16–19 digits passing the Luhn check, with an issuer prefix that card
    /// schemes use in China (UnionPay 62…, 60…, 9…; Visa 4; Mastercard 5 and
    /// 2221–2720; JCB 35). A tenth of all random digit runs pass Luhn, so the
    /// prefix is what keeps timestamps (19…, 20…), serial numbers and codes
    /// beginning with 0, 1, 7 or 8 from being taken for cards.
    static func isBankCardNumber(_ digits: ArraySlice<UInt8>) -> Bool {
        guard (16...19).contains(digits.count), let first = digits.first else { return false }
        switch first {
        case UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6"), UInt8(ascii: "9"):
            break
        case UInt8(ascii: "2"):
            guard (2221...2720).contains(number(digits.prefix(4))) else { return false }
        default:
            return false
        }
        return passesLuhn(digits)
    }

    /// What a message may show: the start and end, everything else starred,
    /// so the report itself never publishes the number.
    static func masked(_ characters: some Collection<UInt8>, as kind: PersonalDataKind) -> String {
        let text = Array(characters)
        let (head, tail): (Int, Int)
        switch kind {
        case .residentIdentityNumber: (head, tail) = (6, 4)
        case .mobileNumber: (head, tail) = (3, 4)
        case .bankCardNumber: (head, tail) = (4, 4)
        }
        guard text.count > head + tail else { return String(repeating: "*", count: text.count) }
        let hidden = [UInt8](repeating: UInt8(ascii: "*"), count: text.count - head - tail)
        return String(decoding: text.prefix(head) + hidden + text.suffix(tail), as: UTF8.self)
    }
}
