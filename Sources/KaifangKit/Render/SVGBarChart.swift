/// A horizontal bar chart drawn as SVG at build time (no JavaScript), with
/// its title and description inside for assistive technology. Every bar
/// segment carries its number in `data-value`, and pages print the same
/// numbers as a table next to it.
struct SVGBarChart {
    struct Row {
        var label: String
        /// One value per series (a stacked bar); one value for a plain bar.
        var values: [Int]
        var total: Int { values.reduce(0, +) }
    }

    var id: String
    var title: String
    var description: String
    var series: [String]
    var colors: [String]
    var rows: [Row]
    /// The value of a full-width bar; nil: the largest row total.
    var maximum: Int? = nil
    /// Each bar as shares of its own total (100% wide).
    var normalized = false
    /// Printed after each bar's total (`%`, `分`).
    var unit = ""

    static let width = 640.0
    static let labelWidth = 190.0
    static let barWidth = 370.0
    static let rowHeight = 26.0

    /// The drawn width of each segment, row by row (what the tests check against the numbers).
    func segmentWidths() -> [[Double]] {
        let scale = Double(max(1, maximum ?? rows.map(\.total).max() ?? 1))
        return rows.map { row in
            let full = normalized ? Double(max(1, row.total)) : scale
            return row.values.map { Self.round(Double($0) / full * Self.barWidth) }
        }
    }

    static func round(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    func svg() -> String {
        let legendHeight = series.count > 1 ? 28.0 : 0
        let height = legendHeight + Double(rows.count) * Self.rowHeight + 8
        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" "
        out += "role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" id=\"\(id)\">"
        out += "<title id=\"\(id)-title\">\(Self.escape(title))</title><desc id=\"\(id)-desc\">\(Self.escape(description))</desc>"
        if series.count > 1 {
            var x = 0.0
            for (index, name) in series.enumerated() {
                out += "<rect x=\"\(x)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(colors[index % colors.count])\" stroke=\"#52606d\" stroke-width=\"0.5\"/>"
                out += "<text x=\"\(x + 16)\" y=\"16\" class=\"chart__legend\">\(Self.escape(name))</text>"
                x += 22 + Double(name.count) * 13
            }
        }
        let widths = segmentWidths()
        for (index, row) in rows.enumerated() {
            let y = legendHeight + Double(index) * Self.rowHeight
            let label = row.label.count > 14 ? String(row.label.prefix(13)) + "…" : row.label
            out += "<g class=\"chart__row\" data-label=\"\(Self.escape(row.label))\" data-total=\"\(row.total)\">"
            out += "<text x=\"\(Self.labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\">\(Self.escape(label))</text>"
            var x = Self.labelWidth
            for (part, value) in row.values.enumerated() {
                let width = widths[index][part]
                out += "<rect x=\"\(Self.round(x))\" y=\"\(y + 4)\" width=\"\(width)\" height=\"18\" fill=\"\(colors[part % colors.count])\" data-value=\"\(value)\"/>"
                x += width
            }
            let text = normalized ? "\(row.total)" : "\(row.total)\(unit)"
            out += "<text x=\"\(Self.round(x + 6))\" y=\"\(y + 17)\">\(Self.escape(text))</text></g>"
        }
        return out + "</svg>"
    }

    /// SVG is XML: the export escaper serves both.
    static func escape(_ text: String) -> String { XMLEscaper.attribute(text) }
}
