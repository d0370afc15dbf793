/// Codes defined by national standards, checked the way the standards say.
public enum CatalogueCodes {
    static let creditCodeCharacters = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let creditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The check character of a unified social credit code (GB 32100-2015)
    /// for its first 17 characters; nil if one of them is not allowed.
    public static func creditCodeCheckCharacter(_ first17: some StringProtocol) -> Character? {
        var sum = 0
        for (character, weight) in zip(first17, creditCodeWeights) {
            guard let value = creditCodeCharacters.firstIndex(of: character) else { return nil }
            sum += value * weight
        }
        let check = (31 - sum % 31) % 31
        return creditCodeCharacters[check]
    }

    public static func isValidCreditCode(_ code: String) -> Bool {
        let characters = Array(code.uppercased())
        guard characters.count == 18, let check = creditCodeCheckCharacter(String(characters[0..<17])) else { return false }
        return characters[17] == check
    }

    static func checkCreditCode(_ code: String, at location: SourceLocation) -> [Diagnostic] {
        let characters = Array(code.uppercased())
        if characters.count != 18 {
            return [.warning(at: location, "code \"\(code)\" is not an 18-character unified social credit code",
                             code: "department.code", hint: "统一社会信用代码 has 18 characters, e.g. 11370000MB2858386F")]
        }
        guard let check = creditCodeCheckCharacter(String(characters[0..<17])) else {
            return [.error(at: location, "code \"\(code)\" contains characters a unified social credit code cannot have",
                           code: "department.code", hint: "allowed: digits and the letters ABCDEFGHJKLMNPQRTUWXY (no I, O, S, V, Z)")]
        }
        if characters[17] != check {
            return [.error(at: location, "code \"\(code)\" fails the GB 32100 check (the last character should be \(check))",
                           code: "department.code", hint: "copy the code again from the department's registration certificate")]
        }
        return []
    }

    /// A resource code in the form of the national catalogue guideline
    /// (政务信息资源目录编制指南): the classification code — 类 (1 digit: 1
    /// 基础, 2 主题, 3 部门), 项 (2 digits), 目 (3 digits), then 细目 of any
    /// length — a `/`, and the resource's sequence number. Nil when `id` does
    /// not look like such a code at all (portals may use their own scheme).
    static func nationalResourceCodeProblem(_ id: String) -> String? {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let classification = parts.first, let sequence = parts.last,
              !classification.isEmpty, classification.allSatisfy(\.isASCIIDigitCharacter),
              sequence.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        if !["1", "2", "3"].contains(classification.prefix(1)) {
            return "its class (first digit) must be 1 (基础), 2 (主题) or 3 (部门), not \(classification.prefix(1))"
        }
        if classification.count < 6 {
            return "its classification code needs at least 6 digits (类 1, 项 2, 目 3), it has \(classification.count)"
        }
        if sequence.isEmpty || sequence.allSatisfy({ $0 == "0" }) {
            return "its sequence number after the / is missing or zero"
        }
        return nil
    }

    /// Whether `id` follows the national form at all (digits, `/`, digits).
    static func looksLikeNationalResourceCode(_ id: String) -> Bool {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
