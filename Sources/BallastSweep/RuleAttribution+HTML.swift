import BallastReports
import Foundation

extension RuleAttribution {
    /// The attribution as one self-contained HTML page (`ballast attribute PORTFOLIO --html FILE`):
    /// a summary of the portfolio's effect of every rule, then one table per rule with a row for the
    /// portfolio and one per strategy: decisions shaped and changed, and return, max drawdown and
    /// Sharpe with the rule, without it and the difference (with − without), green where the rule
    /// helped (higher return or Sharpe, lower drawdown) and red where it hurt. No script, nothing
    /// fetched; strategy ids and the run id are HTML-escaped.
    public func html() -> String {
        let escaped = SweepHTML.escaped
        let title = "Risk-rule attribution of \(runID)"
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escaped(title))</title>
            <style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}
            td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td.t,th.t{text-align:left}
            td.pos{color:#1a7f37}td.neg{color:#c0392b}tr.portfolio td{font-weight:600}</style></head><body>
            <h1>\(escaped(title))</h1>
            <p>Each risk rule switched off in turn, everything else held. <em>shaped</em>: decisions of the
            run as it is that the rule was the binding limit of (or whose size it set); <em>changed</em>:
            decisions that differ without it. Δ = with − without, green where the rule helped (higher return
            or Sharpe, lower drawdown), red where it hurt.</p>

            """
        html += "<h2>Portfolio, every rule</h2>\n<table id=\"attribution-summary\">" + Self.header(scope: "rule")
        for result in rules {
            html += Self.row(result.effects[0], label: result.rule.rawValue, className: "rule")
        }
        html += "</table>\n"
        for result in rules {
            let rule = result.rule.rawValue
            html += "<section class=\"rule\" id=\"rule-\(escaped(rule))\">\n<h2>\(escaped(rule))</h2>\n"
            html += "<table>" + Self.header(scope: "scope")
            for (index, effect) in result.effects.enumerated() {
                html += Self.row(effect, label: effect.scope, className: index == 0 ? "portfolio" : "strategy")
            }
            html += "</table>\n</section>\n"
        }
        return html + "</body></html>\n"
    }

    private static func header(scope: String) -> String {
        var html = "<tr><th class=\"t\">\(scope)</th><th>shaped</th><th>changed</th>"
        for measure in ["return %", "max dd %", "sharpe"] {
            html += "<th>\(measure) with</th><th>without</th><th>Δ</th>"
        }
        return html + "</tr>\n"
    }

    private static func row(_ effect: Effect, label: String, className: String) -> String {
        var html = "<tr class=\"\(className)\"><td class=\"t\">\(SweepHTML.escaped(label))</td>"
        html += "<td>\(effect.shaped)</td><td>\(effect.changed)</td>"
        let measures: [(Double?, Double?, Int, Bool)] = [
            (effect.with.totalReturnPct, effect.without.totalReturnPct, 2, true),
            (effect.with.maxDrawdownPct, effect.without.maxDrawdownPct, 2, false),
            (effect.with.sharpe, effect.without.sharpe, 3, true),
        ]
        for (with, without, digits, higherIsBetter) in measures {
            html += "<td>\(TableFormatter.fixed(with, digits: digits))</td>"
            html += "<td>\(TableFormatter.fixed(without, digits: digits))</td>"
            if let with, let without {
                let delta = with - without
                let better = higherIsBetter ? delta > 0 : delta < 0
                let worse = higherIsBetter ? delta < 0 : delta > 0
                let className = better ? " class=\"pos\"" : worse ? " class=\"neg\"" : ""
                html += "<td\(className)>\(TableFormatter.fixed(delta, digits: digits))</td>"
            } else {
                html += "<td></td>"
            }
        }
        return html + "</tr>\n"
    }
}
