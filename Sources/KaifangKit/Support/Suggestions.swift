/// "Did you mean …?" for misspelt field names and slugs.
public enum Suggestions {
    public static func closest(to word: String, in candidates: [String], maxDistance: Int? = nil) -> String? {
        let length = word.unicodeScalars.count
        let limit = maxDistance ?? Swift.max(1, length / 3)
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            // The distance is at least the difference in length: a value of
            // megabytes is never compared letter by letter with a field name.
            guard abs(candidate.unicodeScalars.count - length) <= limit else { continue }
            let distance = editDistance(lowered, candidate.lowercased())
            if distance <= limit, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
