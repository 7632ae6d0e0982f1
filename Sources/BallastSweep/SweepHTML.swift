import BallastHTMLReport
import BallastReports
import Foundation

/// A sweep as one self-contained HTML page (`ballast sweep … --html FILE`): the ranked table and a
/// heatmap of the objective over two axes, drawn as inline SVG (no script, no network).
///
/// Heatmap: the first axis down, the second across, each in its listed order; a cell is the best
/// objective value among the variants with that pair (other axes vary), coloured from the lowest
/// (red) through the middle (white) to the highest (green) value; a pair with no finished variant is
/// grey. Every text that comes from a file is HTML-escaped.
///
/// With a walk-forward, its section follows (`WalkForwardReport.html`): the windows table and the
/// stitched out-of-sample equity as the report's time chart, with the report's style sheet and
/// script inline (hover and zoom; still nothing fetched).
public struct SweepHTML: Sendable {
    public var ranking: SweepRanking
    public var plan: SweepPlan
    /// The indices of the two axes of the heatmap (rows, columns).
    public var axes: (Int, Int)
    /// The sweep's walk-forward, shown after the variants; nil for none.
    public var walkForward: WalkForwardReport?

    public init(
        ranking: SweepRanking, plan: SweepPlan, axes: (Int, Int) = (0, 1), walkForward: WalkForwardReport? = nil
    ) {
        self.ranking = ranking
        self.plan = plan
        self.axes = axes
        self.walkForward = walkForward
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The page.
    public func render() -> String {
        let title = "Sweep \(ranking.sweepID)"
        let chartStyle = walkForward == nil ? "" : "<style>\(ReportCharts.style)</style>\n"
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.escaped(title))</title>
            \(chartStyle)<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
            td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td.t,th.t{text-align:left}
            svg text{font:11px system-ui,sans-serif}</style></head><body>
            <h1>\(Self.escaped(title))</h1>
            <p>Objective: <strong>\(Self.escaped(ranking.objective.name))</strong> (maximised). \(ranking.entries.count) variants.</p>

            """
        if plan.axes.count >= 2 { html += heatmap() }
        html += table()
        if let walkForward {
            html += walkForward.html(objective: ranking.objective)
            html += "<script>\(ReportCharts.script)</script>\n"
        }
        html += "</body></html>\n"
        return html
    }

    private func heatmap() -> String {
        let (rowAxis, columnAxis) = axes
        let rows = plan.axes[rowAxis].values
        let columns = plan.axes[columnAxis].values
        var best: [SweepValue: [SweepValue: Double]] = [:]
        for entry in ranking.entries {
            guard let value = entry.record.objectiveValue else { continue }
            let row = entry.params[rowAxis].value
            let column = entry.params[columnAxis].value
            best[row, default: [:]][column] = max(best[row]?[column] ?? -.infinity, value)
        }
        let values = best.values.flatMap(\.values)
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let cell = 44
        let left = 90
        let top = 40
        let width = left + cell * columns.count + 10
        let height = top + cell * rows.count + 10
        var svg =
            "<h2>Heatmap: \(Self.escaped(plan.axes[rowAxis].key)) × \(Self.escaped(plan.axes[columnAxis].key))</h2>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\">\n"
        for (index, column) in columns.enumerated() {
            svg += "<text x=\"\(left + index * cell + cell / 2)\" y=\"\(top - 8)\" text-anchor=\"middle\">"
            svg += "\(Self.escaped(column.description))</text>\n"
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = top + rowIndex * cell
            svg +=
                "<text x=\"\(left - 8)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"end\">\(Self.escaped(row.description))</text>\n"
            for (columnIndex, column) in columns.enumerated() {
                let x = left + columnIndex * cell
                let value = best[row]?[column]
                svg +=
                    "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(Self.colour(value, low, high))\">"
                svg +=
                    "<title>\(Self.escaped("\(row), \(column): \(value.map { "\($0)" } ?? "no finished variant")"))</title></rect>\n"
                if let value {
                    svg += "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 4)\" text-anchor=\"middle\">"
                    svg += "\(TableFormatter.fixed(value, digits: 2))</text>\n"
                }
            }
        }
        return svg + "</svg>\n"
    }

    /// Red (lowest) → white (middle) → green (highest); grey for no value.
    static func colour(_ value: Double?, _ low: Double, _ high: Double) -> String {
        guard let value else { return "#cccccc" }
        let t = high > low ? (value - low) / (high - low) : 0.5
        let (r, g, b): (Double, Double, Double) =
            t < 0.5
            ? (230, 80 + 175 * (t * 2), 80 + 175 * (t * 2))
            : (255 - 175 * ((t - 0.5) * 2), 255 - 55 * ((t - 0.5) * 2), 255 - 175 * ((t - 0.5) * 2))
        return String(format: "#%02x%02x%02x", Int(r.rounded()), Int(g.rounded()), Int(b.rounded()))
    }

    private func table() -> String {
        var html = "<h2>Variants, best first</h2>\n<table><tr><th>rank</th>"
        for axis in plan.axes { html += "<th>\(Self.escaped(axis.key))</th>" }
        html += "<th class=\"t\">status</th><th>\(Self.escaped(ranking.objective.name))</th>"
        html += "<th>return %</th><th>max dd %</th><th>sharpe</th><th>trades</th><th class=\"t\">reason</th></tr>\n"
        for (rank, entry) in ranking.entries.enumerated() {
            let metrics = entry.record.metrics
            html += "<tr><td>\(rank + 1)</td>"
            for param in entry.params { html += "<td>\(Self.escaped(param.value.description))</td>" }
            html += "<td class=\"t\">\(Self.escaped(entry.record.status))</td>"
            html += "<td>\(TableFormatter.fixed(entry.record.objectiveValue, digits: 4))</td>"
            html += "<td>\(TableFormatter.fixed(metrics?.totalReturnPct, digits: 2))</td>"
            html += "<td>\(TableFormatter.fixed(metrics?.maxDrawdownPct, digits: 2))</td>"
            html += "<td>\(TableFormatter.fixed(metrics?.sharpe, digits: 3))</td>"
            html += "<td>\(metrics.map { "\($0.trades)" } ?? "")</td>"
            html += "<td class=\"t\">\(Self.escaped(entry.record.reason ?? ""))</td></tr>\n"
        }
        return html + "</table>\n"
    }
}
