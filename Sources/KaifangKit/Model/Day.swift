import Foundation

/// A calendar date as the catalogue writes it (`2024-03-15`), without time zones.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, and a trailing time which is dropped); checks the day exists.
    public init?(iso text: String) {
        let trimmed = text.trimmedWhitespace
        let datePart = trimmed.prefix { $0 != "T" && $0 != " " }
        let parts = datePart.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `printf`'s `%04d-%02d-%02d`, without Foundation's formatter: every
    /// page, record and RDF literal prints several dates.
    public var description: String {
        var text = ""
        text.reserveCapacity(10)
        Self.appendZeroPadded(year, width: 4, to: &text)
        text.append("-")
        Self.appendZeroPadded(month, width: 2, to: &text)
        text.append("-")
        Self.appendZeroPadded(day, width: 2, to: &text)
        return text
    }

    /// `%0<width>d`: the sign counts in the width, as in C.
    static func appendZeroPadded(_ number: Int, width: Int, to text: inout String) {
        let digits = String(number.magnitude)
        if number < 0 { text.append("-") }
        let padding = width - digits.count - (number < 0 ? 1 : 0)
        if padding > 0 { text.append(String(repeating: "0", count: padding)) }
        text.append(digits)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
