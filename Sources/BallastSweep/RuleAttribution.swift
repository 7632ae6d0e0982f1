import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import Foundation

/// Risk-rule attribution (SPEC §17, `ballast attribute`): the portfolio run as it is (the
/// baseline) and once with each ``RiskRule`` switched off, everything else held; per strategy and
/// for the portfolio, how many decisions the rule shaped and changed, and return, max drawdown and
/// Sharpe with the rule and without it. The runs share the loaded series and run in parallel.
public struct RuleAttribution: Sendable {
    /// Return, max drawdown and Sharpe of one run, for the portfolio or one strategy.
    public struct Outcome: Sendable, Equatable, Encodable {
        public var totalReturnPct: Double
        public var maxDrawdownPct: Double
        public var sharpe: Double?

        init(_ metrics: PerformanceMetrics) {
            totalReturnPct = metrics.totalReturnPct
            maxDrawdownPct = metrics.maxDrawdownPct
            sharpe = metrics.sharpe
        }

        enum CodingKeys: String, CodingKey {
            case sharpe
            case totalReturnPct = "total_return_pct"
            case maxDrawdownPct = "max_drawdown_pct"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(totalReturnPct, forKey: .totalReturnPct)
            try container.encode(maxDrawdownPct, forKey: .maxDrawdownPct)
            try container.encode(sharpe, forKey: .sharpe)
        }
    }

    /// One rule's effect on the portfolio or on one strategy.
    public struct Effect: Sendable, Equatable {
        /// `portfolio` or the strategy's id.
        public var scope: String
        /// Baseline decisions this rule was the binding limit of (or, for a dynamic component, whose
        /// size factor it set).
        public var shaped: Int
        /// Decisions that differ between the two runs: an approved fraction that changed, or a
        /// decision that only one of the runs took (later decisions differ too once equity does).
        public var changed: Int
        public var with: Outcome
        public var without: Outcome
    }

    public struct RuleResult: Sendable {
        public var rule: RiskRule
        /// The portfolio first, then the strategies in file order.
        public var effects: [Effect]
    }

    public var runID: String
    public var rules: [RuleResult]

    /// Runs the baseline and every rule switched off on `jobs` workers.
    public static func run(setup: PortfolioSetup, runID: String, jobs: Int) async throws -> RuleAttribution {
        let variants: [RiskRule?] = [nil] + RiskRule.allCases
        var results = [BacktestResult?](repeating: nil, count: variants.count)
        try await withThrowingTaskGroup(of: (Int, BacktestResult).self) { group in
            var next = 0
            func add(_ index: Int, to group: inout ThrowingTaskGroup<(Int, BacktestResult), any Error>) {
                let rule = variants[index]
                let runSetup = rule.map { $0.switchedOff(in: setup) } ?? setup
                let id = rule.map { "\(runID)/without-\($0.rawValue)" } ?? runID
                group.addTask { (index, try await PortfolioBacktester(setup: runSetup).run(runID: id)) }
            }
            while next < min(max(1, jobs), variants.count) {
                add(next, to: &group)
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < variants.count {
                    add(next, to: &group)
                    next += 1
                }
            }
        }
        let baseline = results[0]!
        let rules = RiskRule.allCases.enumerated().map { offset, rule in
            compare(rule: rule, baseline: baseline, without: results[offset + 1]!)
        }
        return RuleAttribution(runID: runID, rules: rules)
    }

    static func compare(rule: RiskRule, baseline: BacktestResult, without: BacktestResult) -> RuleResult {
        var effects = [
            Effect(
                scope: "portfolio", shaped: baseline.decisions.count { rule.shaped($0) },
                changed: changedDecisions(baseline.decisions, without.decisions),
                with: Outcome(baseline.portfolio), without: Outcome(without.portfolio))
        ]
        for (index, strategy) in baseline.strategies.enumerated() {
            let mine = baseline.decisions.filter { $0.strategyID == strategy.id }
            let theirs = without.decisions.filter { $0.strategyID == strategy.id }
            effects.append(
                Effect(
                    scope: strategy.id, shaped: mine.count { rule.shaped($0) },
                    changed: changedDecisions(mine, theirs), with: Outcome(strategy.metrics),
                    without: Outcome(without.strategies[index].metrics)))
        }
        return RuleResult(rule: rule, effects: effects)
    }

    /// Decisions matched by (bar, strategy, side, occurrence) whose approved fraction differs, plus
    /// the decisions only one run has.
    static func changedDecisions(_ left: [RiskDecision], _ right: [RiskDecision]) -> Int {
        func keyed(_ decisions: [RiskDecision]) -> [String: Double] {
            var seen: [String: Int] = [:]
            var keyed: [String: Double] = [:]
            for decision in decisions {
                let base = "\(decision.barTime.seconds)|\(decision.strategyID)|\(decision.side.rawValue)"
                let occurrence = seen[base, default: 0]
                seen[base] = occurrence + 1
                keyed["\(base)|\(occurrence)"] = decision.approvedFraction
            }
            return keyed
        }
        let (a, b) = (keyed(left), keyed(right))
        let differing = a.count { key, value in b[key].map { abs($0 - value) > 1e-12 } ?? true }
        return differing + b.keys.count { a[$0] == nil }
    }
}
