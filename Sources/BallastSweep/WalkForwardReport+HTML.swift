import BallastCore
import BallastHTMLReport
import BallastReports
import Foundation

extension WalkForwardReport {
    /// The walk-forward as a section of the sweep's page (`ballast sweep … --html`): one row per
    /// window with its choice and its in- and out-of-sample objective, return, max drawdown and
    /// Sharpe; the stitched out-of-sample metrics; and the stitched out-of-sample equity as the
    /// report's inline SVG time chart, each test window's start marked. Every text from a file (axis
    /// keys, values) is HTML-escaped.
    public func html(objective: SweepObjective) -> String {
        let escaped = SweepHTML.escaped
        var html = "<section id=\"walk-forward\">\n<h2>Walk-forward: train \(escaped(walkForward.train.description)), "
        html += "test \(escaped(walkForward.test.description)), step \(escaped(walkForward.step.description))</h2>\n"
        html += "<table id=\"walk-forward-windows\"><tr><th>window</th><th class=\"t\">train from</th>"
        html += "<th class=\"t\">test from</th><th class=\"t\">test to</th><th class=\"t\">choice</th>"
        html += "<th>finished</th><th>skipped</th>"
        for sample in ["IS", "OOS"] {
            html += "<th>\(sample) \(escaped(objective.name))</th><th>\(sample) return %</th>"
            html += "<th>\(sample) max dd %</th><th>\(sample) sharpe</th>"
        }
        html += "</tr>\n"
        for (index, result) in run.windows.enumerated() {
            let day = { (time: Timestamp) in String(time.iso8601.prefix(10)) }
            let choice =
                result.choice.map { $0.map { "\($0.key) = \($0.value.description)" }.joined(separator: ", ") }
                ?? "none (no variant finished)"
            html += "<tr class=\"window\"><td>\(index + 1)</td><td class=\"t\">\(day(result.window.trainStart))</td>"
            html +=
                "<td class=\"t\">\(day(result.window.testStart))</td><td class=\"t\">\(day(result.window.testEnd))</td>"
            html +=
                "<td class=\"t choice\">\(escaped(choice))</td><td>\(result.finished)</td><td>\(result.skipped)</td>"
            for metrics in [result.inSample, result.outOfSample] {
                html += "<td>\(TableFormatter.fixed(metrics.flatMap(objective.value(of:)), digits: 4))</td>"
                html += "<td>\(TableFormatter.fixed(metrics?.totalReturnPct, digits: 2))</td>"
                html += "<td>\(TableFormatter.fixed(metrics?.maxDrawdownPct, digits: 2))</td>"
                html += "<td>\(TableFormatter.fixed(metrics?.sharpe, digits: 3))</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n"
        if let stitched = run.stitched {
            html += "<p id=\"walk-forward-stitched\">Out of sample, stitched: return "
            html += "\(TableFormatter.fixed(stitched.totalReturnPct, digits: 2)) %, "
            html += "CAGR \(TableFormatter.fixed(stitched.cagrPct, digits: 2)) %, "
            html += "max drawdown \(TableFormatter.fixed(stitched.maxDrawdownPct, digits: 2)) %, "
            html += "Sharpe \(TableFormatter.fixed(stitched.sharpe, digits: 3)), trades \(stitched.trades), "
            html += "final equity \(TableFormatter.fixed(stitched.finalEquity, digits: 2))</p>\n"
        }
        if let first = run.stitchedEquity.first, let last = run.stitchedEquity.last {
            let chart = TimeChart(
                id: "chart-walk-forward-equity", title: "Stitched out-of-sample equity", unit: .money,
                series: [
                    .init(
                        name: "out-of-sample equity", color: 0,
                        points: run.stitchedEquity.map { .init(time: Double($0.time.seconds), value: $0.equity) })
                ],
                markers: run.windows.enumerated().map { index, result in
                    .init(
                        time: Double(result.window.testStart.seconds),
                        label: "window \(index + 1): test from \(result.window.testStart.iso8601.prefix(10))")
                }, includesZero: false)
            html += ReportCharts.render(chart, start: Double(first.time.seconds), end: Double(last.time.seconds))
        }
        return html + "</section>\n"
    }
}
