import BallastReports
import Foundation

extension RuleAttribution {
    /// `{"run_id", "rules": [{"rule", "portfolio": {effect}, "strategies": [{"id", effect…}]}]}` where
    /// an effect is `{"decisions_shaped", "decisions_changed", "with": {"total_return_pct",
    /// "max_drawdown_pct", "sharpe"}, "without": {…}}`; sorted keys, deterministic.
    public func jsonData() throws -> Data {
        try PerformanceMetrics.jsonEncoder().encode(JSONOutput(attribution: self))
    }

    struct JSONOutput: Encodable {
        var attribution: RuleAttribution

        enum CodingKeys: String, CodingKey {
            case rules
            case runID = "run_id"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(attribution.runID, forKey: .runID)
            try container.encode(attribution.rules.map(JSONRule.init), forKey: .rules)
        }
    }

    struct JSONRule: Encodable {
        var result: RuleResult

        enum CodingKeys: String, CodingKey { case rule, portfolio, strategies }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(result.rule.rawValue, forKey: .rule)
            try container.encode(JSONEffect(effect: result.effects[0], named: false), forKey: .portfolio)
            try container.encode(
                result.effects.dropFirst().map { JSONEffect(effect: $0, named: true) }, forKey: .strategies)
        }
    }

    struct JSONEffect: Encodable {
        var effect: Effect
        var named: Bool

        enum CodingKeys: String, CodingKey {
            case id, with, without
            case shaped = "decisions_shaped"
            case changed = "decisions_changed"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if named { try container.encode(effect.scope, forKey: .id) }
            try container.encode(effect.shaped, forKey: .shaped)
            try container.encode(effect.changed, forKey: .changed)
            try container.encode(effect.with, forKey: .with)
            try container.encode(effect.without, forKey: .without)
        }
    }

    /// One line per rule and scope: decisions shaped and changed, then return, max drawdown and
    /// Sharpe with the rule → without it.
    public func render() -> String {
        let columns: [TableFormatter.Column] = [
            .init(title: "rule", alignment: .left), .init(title: "scope", alignment: .left),
            .init(title: "shaped", alignment: .right), .init(title: "changed", alignment: .right),
            .init(title: "return % with", alignment: .right), .init(title: "without", alignment: .right),
            .init(title: "max dd % with", alignment: .right), .init(title: "without", alignment: .right),
            .init(title: "sharpe with", alignment: .right), .init(title: "without", alignment: .right),
        ]
        var rows: [[String]] = []
        for result in rules {
            for effect in result.effects {
                rows.append([
                    result.rule.rawValue, effect.scope, "\(effect.shaped)", "\(effect.changed)",
                    TableFormatter.fixed(effect.with.totalReturnPct, digits: 2),
                    TableFormatter.fixed(effect.without.totalReturnPct, digits: 2),
                    TableFormatter.fixed(effect.with.maxDrawdownPct, digits: 2),
                    TableFormatter.fixed(effect.without.maxDrawdownPct, digits: 2),
                    TableFormatter.fixed(effect.with.sharpe, digits: 3),
                    TableFormatter.fixed(effect.without.sharpe, digits: 3),
                ])
            }
        }
        return "Risk-rule attribution of \(runID): each rule switched off in turn, everything else held\n"
            + TableFormatter(columns: columns).render(rows: rows)
    }
}
