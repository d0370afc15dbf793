import Foundation

/// A chart of a published CSV file, drawn at build time (no script, no
/// other host): a line for a time series (a year, month or date column and
/// up to three numeric columns, one row per period), bars for categories
/// (the latest period's values per category, or a category column and a
/// numeric one). Chosen from the header and the values; nil when the file
/// has no such shape. The same numbers are given as a table beside it.
struct DataChart {
    enum Kind { case line, bar }

    var kind: Kind
    /// The x column's name and the category or period labels, in order.
    var xName: String
    var labels: [String]
    /// Each plotted column: its name and one value per label.
    var series: [(name: String, values: [Double])]
    /// The period the bars show (bars of the latest period of a time series).
    var period: String?

    static let maxBytes = 2 * 1024 * 1024
    static let maxBars = 30
    static let maxRows = 2000

    static func read(_ file: URL, separator: Character) -> DataChart? {
        guard let table = table(file, separator: separator), table.count >= 3 else { return nil }
        return make(header: table[0], rows: Array(table.dropFirst()))
    }

    /// Why a `views:` chart draws nothing.
    struct Unfit: Error, Equatable {
        var reason: String
    }

    /// The chart a `views:` entry asks for (line or bar of the named columns).
    static func read(_ file: URL, separator: Character, view: ResourceView) -> Result<DataChart, Unfit> {
        guard let table = table(file, separator: separator), let header = table.first else {
            return .failure(Unfit(reason: "the file is not UTF-8 CSV of at most \(ContentLimits.bytes(maxBytes))"))
        }
        return make(header: header, rows: Array(table.dropFirst()), view: view)
    }

    /// The file's cells, trimmed: the header and at most `maxRows` rows.
    static func table(_ file: URL, separator: Character) -> [[String]]? {
        guard let data = try? Data(contentsOf: file), data.count <= maxBytes,
              var text = String(data: data, encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if separator != "," { text = text.replacingOccurrences(of: String(separator), with: ",") }
        guard case .success(let rows) = CSVReader.parse(text) else { return nil }
        return rows.prefix(maxRows + 1).map { $0.cells.map { $0.value.trimmingCharacters(in: .whitespaces) } }
    }

    /// The chart of the columns a view names. A line keeps the file's order,
    /// or period order when every x is a year, month or date; rows whose y
    /// cells are not all numbers are left out. Bars are one per row.
    static func make(header: [String], rows: [[String]], view: ResourceView) -> Result<DataChart, Unfit> {
        guard view.isChart, let xName = view.x, let x = header.firstIndex(of: xName) else {
            return .failure(Unfit(reason: "x column \"\(view.x ?? "")\" is not in the header"))
        }
        let ys = view.y.compactMap { name in header.firstIndex(of: name) }
        guard !ys.isEmpty, ys.count == view.y.count else { return .failure(Unfit(reason: "a y column is not in the header")) }
        var kept = rows.filter { row in row.count == header.count && ys.allSatisfy { number(row[$0]) != nil } }
        guard kept.count >= 2 else {
            return .failure(Unfit(reason: "fewer than two rows have numbers in \(view.y.joined(separator: ", "))"))
        }
        let series = { (rows: [[String]]) in ys.map { y in (header[y], rows.map { number($0[y])! }) } }
        switch view.kind {
        case .bar:
            guard kept.count <= maxBars else {
                return .failure(Unfit(reason: "a bar view draws at most \(maxBars) bars, and the file has \(kept.count) rows"))
            }
            return .success(DataChart(kind: .bar, xName: xName, labels: kept.map { $0[x] }, series: series(kept), period: nil))
        default:
            if kept.allSatisfy({ isPeriod($0[x]) }) { kept.sort { $0[x] < $1[x] } }
            return .success(DataChart(kind: .line, xName: xName, labels: kept.map { $0[x] }, series: series(kept), period: nil))
        }
    }

    static func number(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "%", with: "")
        guard !cleaned.isEmpty, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    static func isPeriod(_ text: String) -> Bool {
        text.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil
    }

    static let notMeasures = ["代码", "编号", "序号", "编码", "邮编", "电话", "经度", "纬度", "坐标", "年份", "年度", "月份", "日期"]
    static let periodNames = ["年份", "年度", "月份", "日期", "时间", "年月", "year", "date", "month"]

    static func make(header: [String], rows: [[String]]) -> DataChart? {
        let rows = rows.filter { $0.count == header.count }
        guard rows.count >= 2 else { return nil }
        func column(_ index: Int) -> [String] { rows.map { $0[index] } }
        let time = header.indices.first { index in
            let values = column(index).filter { !$0.isEmpty }
            let named = periodNames.contains { header[index].lowercased().contains($0) }
            return !values.isEmpty && values.allSatisfy(isPeriod) && (named || values.allSatisfy { $0.count > 4 })
        }
        let measures = header.indices.filter { index in
            index != time && !notMeasures.contains { header[index].lowercased().contains($0) }
                && header[index].lowercased() != "id" && column(index).allSatisfy { number($0) != nil }
        }
        guard let first = measures.first else { return nil }
        let category = header.indices.first { index in
            guard index != time, !measures.contains(index), !notMeasures.contains(where: { header[index].contains($0) }) else { return false }
            let distinct = Set(column(index))
            return distinct.count >= 2 && distinct.count <= maxBars
        }
        if let time {
            let periods = column(time)
            if Set(periods).count == periods.count {
                // One row per period: a line of up to three measures, oldest first.
                let order = rows.indices.sorted { periods[$0] < periods[$1] }
                return DataChart(kind: .line, xName: header[time], labels: order.map { periods[$0] },
                                 series: measures.prefix(3).map { m in (header[m], order.map { number(rows[$0][m])! }) }, period: nil)
            }
            // Several rows per period: the latest period's values per category.
            guard let category, let latest = periods.max() else { return nil }
            let picked = rows.filter { $0[time] == latest }
            guard picked.count >= 2, picked.count <= maxBars, Set(picked.map { $0[category] }).count == picked.count else { return nil }
            return DataChart(kind: .bar, xName: header[category], labels: picked.map { $0[category] },
                             series: [(header[first], picked.map { number($0[first])! })], period: latest)
        }
        guard let category, rows.count <= maxBars, Set(column(category)).count == rows.count else { return nil }
        return DataChart(kind: .bar, xName: header[category], labels: column(category),
                         series: [(header[first], rows.map { number($0[first])! })], period: nil)
    }

    // MARK: Drawing

    static let colors = ["#0b5cad", "#b3261e", "#1e6b3a"]
    static let dashes = ["", "6 4", "2 3"]

    static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// Rounded axis bounds and ticks covering the values.
    static func axis(_ values: [Double], fromZero: Bool) -> (Double, Double, [Double]) {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if fromZero { low = min(0, low); high = max(0, high) }
        if high == low { high = low + 1 }
        let raw = (high - low) / 4
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        let start = floor(low / step) * step, end = ceil(high / step) * step
        let ticks = stride(from: start, through: end + step / 2, by: step).map { $0 }
        return (start, end, ticks)
    }

    func svg(id: String, title: String, description: String) -> String {
        var out = ""
        let head = { (width: Int, height: Int) in
            "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" xmlns=\"http://www.w3.org/2000/svg\">"
                + "<title id=\"\(id)-title\">\(Self.escape(title))</title><desc id=\"\(id)-desc\">\(Self.escape(description))</desc>"
        }
        switch kind {
        case .line:
            let width = 480, height = 280, left = 48.0, right = 20.0, top = 16.0, bottom = 56.0
            let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
            let (low, high, ticks) = Self.axis(series.flatMap(\.values), fromZero: false)
            let x = { (i: Int) in left + (labels.count > 1 ? Double(i) / Double(labels.count - 1) * plotWidth : plotWidth / 2) }
            let y = { (v: Double) in top + (high - v) / (high - low) * plotHeight }
            out += head(width, height)
            for tick in ticks {
                out += "<line x1=\"\(left)\" x2=\"\(Double(width) - right)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" stroke=\"#d9e2ec\"/>"
                out += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(Self.format(tick))</text>"
            }
            let every = max(1, Int((Double(labels.count) / 4).rounded(.up)))
            for (i, label) in labels.enumerated() where i % every == 0 || i == labels.count - 1 {
                out += "<text x=\"\(x(i))\" y=\"\(Double(height) - bottom + 18)\" text-anchor=\"middle\">\(Self.escape(label))</text>"
            }
            for (s, serie) in series.enumerated() {
                let points = serie.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
                let dash = Self.dashes[s].isEmpty ? "" : " stroke-dasharray=\"\(Self.dashes[s])\""
                out += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(Self.colors[s])\" stroke-width=\"2.5\"\(dash)/>"
                for (i, value) in serie.values.enumerated() {
                    out += "<circle cx=\"\(x(i))\" cy=\"\(y(value))\" r=\"3\" fill=\"\(Self.colors[s])\" data-value=\"\(Self.format(value))\"/>"
                }
                // Legend under the axis labels.
                let lx = left + Double(s) * 140
                out += "<line x1=\"\(lx)\" x2=\"\(lx + 24)\" y1=\"\(Double(height) - 14)\" y2=\"\(Double(height) - 14)\" stroke=\"\(Self.colors[s])\" stroke-width=\"2.5\"\(dash)/>"
                out += "<text x=\"\(lx + 30)\" y=\"\(Double(height) - 10)\">\(Self.escape(serie.name))</text>"
            }
        case .bar:
            let values = series[0].values
            let left = 120.0, right = 70.0, row = 24.0, top = 8.0
            let width = 640, height = Int(top * 2 + row * Double(labels.count))
            let (low, high, _) = Self.axis(values, fromZero: true)
            let scale = (Double(width) - left - right) / (high - low)
            let zero = left + (0 - low) * scale
            out += head(width, height)
            for (i, label) in labels.enumerated() {
                let v = values[i], yy = top + Double(i) * row
                let x0 = min(zero, zero + v * scale), w = abs(v * scale)
                // Long names are cut here; the table below has them whole.
                let short = label.count > 8 ? String(label.prefix(7)) + "…" : label
                out += "<text x=\"\(left - 6)\" y=\"\(yy + 16)\" text-anchor=\"end\">\(Self.escape(short))</text>"
                out += "<rect x=\"\(x0)\" y=\"\(yy + 4)\" width=\"\(w)\" height=\"\(row - 8)\" fill=\"\(Self.colors[0])\" data-value=\"\(Self.format(v))\"/>"
                out += "<text x=\"\(max(zero, zero + v * scale) + 4)\" y=\"\(yy + 16)\">\(Self.format(v))</text>"
            }
        }
        return out + "</svg>"
    }
}

extension DataChart {
    /// The dataset page's view of the chart: SVG, caption and the numbers as a
    /// table. A `views:` entry's title replaces the generated one, and its
    /// description opens the SVG's description.
    func view(number: Int, label: (String) -> String, id given: String? = nil, title givenTitle: String? = nil,
              description givenDescription: String? = nil) -> MustacheObject {
        func fill(_ key: String, _ values: [String: String]) -> String { Formatting.fill(label(key), values) }
        let names = series.map(\.name).joined(separator: label("text.list_separator"))
        var title: String
        var parts: [String] = []
        switch kind {
        case .line:
            title = fill("chart.line_title", ["y": names, "x": xName])
            for serie in series {
                let values = serie.values
                let high = values.indices.max { values[$0] < values[$1] }!, low = values.indices.min { values[$0] < values[$1] }!
                parts.append(fill("chart.series", [
                    "name": serie.name, "first": Self.format(values[0]), "first_label": labels[0],
                    "last": Self.format(values[values.count - 1]), "last_label": labels[labels.count - 1],
                    "max": Self.format(values[high]), "max_label": labels[high],
                    "min": Self.format(values[low]), "min_label": labels[low],
                ]))
            }
        case .bar:
            title = fill("chart.bar_title", ["y": names, "x": xName]) + (period.map { fill("chart.bar_period", ["period": $0]) } ?? "")
            let values = series[0].values
            let high = values.indices.max { values[$0] < values[$1] }!, low = values.indices.min { values[$0] < values[$1] }!
            parts.append(fill("chart.bar_desc", ["max": Self.format(values[high]), "max_label": labels[high],
                                                 "min": Self.format(values[low]), "min_label": labels[low]]))
        }
        if let givenTitle { title = givenTitle }
        let description = (givenDescription.map { $0 + " " } ?? "") + parts.joined(separator: label("text.clause_separator")) + label("text.sentence_end") + label("chart.see_table")
        let id = given ?? "chart-\(number)"
        return [
            "chart_id": .string(id),
            "chart_svg": .string(svg(id: id, title: title, description: description)),
            "chart_title": .string(title),
            "chart_kind": kind == .line ? "line" : "bar",
            "chart_description": .string(givenDescription ?? ""),
            "chart_header": .objects(([xName] + series.map(\.name)).map { ["chart_head": .string($0)] }),
            "chart_rows": .objects(labels.indices.map { i in
                ["chart_label": .string(labels[i]), "chart_cells": .objects(series.map { ["chart_value": .string(Self.format($0.values[i]))] })]
            }),
        ]
    }
}
