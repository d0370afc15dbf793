/// The hint for an `organization` value that names no department: the
/// closest departments by code (the file's slug) and by Chinese name, so
/// `交通厅` finds 山东省交通运输厅 as readily as `jttt` finds `jtt`. A
/// portal with few departments lists them all; a longer list is cut only
/// with its length said.
enum DepartmentHint {
    /// Up to this many departments are always listed in full.
    static let listedInFull = 15
    static let closestShown = 8

    static func hint(for value: String, departments: [(slug: String, name: String)]) -> String {
        let sorted = departments.sorted { $0.slug < $1.slug }
        if sorted.isEmpty {
            return "there are no departments yet: add Content/organizations/<slug>.md with `name:` and name its slug here"
        }
        let close = closest(to: value, in: sorted)
        let named = close.map(describe)
        if sorted.count <= listedInFull {
            let rest = sorted.filter { department in !close.contains { $0.slug == department.slug } }.map(describe)
            let lead = named.isEmpty ? "" : "did you mean \(named.joined(separator: " or "))? "
            let all = rest.isEmpty ? "" : (named.isEmpty ? "the departments are: " : "the others are: ") + rest.joined(separator: ", ")
            return lead + all
        }
        let shown = named.prefix(closestShown)
        let more = named.count > shown.count ? " (and \(named.count - shown.count) more as close)" : ""
        if shown.isEmpty {
            return "no department's code or name is close to \"\(value)\"; the \(sorted.count) departments are the files in "
                + "Content/organizations/ (write the file's name without .md, or the department's `name`)"
        }
        return "did you mean \(shown.joined(separator: " or "))\(more)? write the file's name without .md, or the department's `name`"
    }

    private static func describe(_ department: (slug: String, name: String)) -> String {
        department.name.isEmpty || department.name == department.slug ? department.slug : "\(department.slug) (\(department.name))"
    }

    /// Close by edit distance on the code or the name, or one name holding
    /// the other (`交通运输厅` in `山东省交通运输厅`), best first.
    static func closest(to value: String, in departments: [(slug: String, name: String)]) -> [(slug: String, name: String)] {
        let needle = value.lowercased()
        let length = needle.unicodeScalars.count
        guard length > 0 else { return [] }
        var ranked: [(department: (slug: String, name: String), score: Int)] = []
        for department in departments {
            var score = Int.max
            for candidate in [department.slug, department.name] where !candidate.isEmpty {
                let lowered = candidate.lowercased()
                let limit = max(1, min(length, lowered.unicodeScalars.count) / 3)
                // The distance is at least the difference in length: never compare a long value letter by letter.
                if abs(lowered.unicodeScalars.count - length) <= limit {
                    let distance = Suggestions.editDistance(needle, lowered)
                    if distance <= limit { score = min(score, distance) }
                }
                // A part of the name (at least two characters) counts, after every closer spelling.
                if length >= 2, lowered.unicodeScalars.count >= 2, lowered.contains(needle) || needle.contains(lowered) {
                    score = min(score, limit + 1 + abs(lowered.unicodeScalars.count - length))
                }
            }
            if score != .max { ranked.append((department, score)) }
        }
        return ranked.sorted { ($0.score, $0.department.slug) < ($1.score, $1.department.slug) }.map(\.department)
    }
}
