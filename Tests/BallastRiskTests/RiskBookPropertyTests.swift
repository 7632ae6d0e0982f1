import BallastCore
import BallastRisk
import BallastTestKit
import PropertyBased
import Testing

@Suite("Shared-limit invariants over random request streams")
struct RiskBookPropertyTests {
    typealias F = RiskFixtures

    /// Four strategies with random bases and floors (min_fraction up to 0.2), two sharing a correlated group.
    static func book(bases: [Double], floors: [Double]) -> PortfolioRiskBook {
        var parameters = RiskParameters()
        parameters.maxPositionSize = 0.1
        parameters.maxDailyRisk = 0.06
        parameters.maxCorrelatedExposure = 0.12
        let strategies = (0..<4).map { index in
            var profile = F.profile(base: bases[index % bases.count], min: floors[index % floors.count])
            profile.maxFraction = 1
            if index == 3 { profile.maxDailyRisk = 0.05 }
            return StrategyRiskAccount(
                id: "s\(index)", symbol: ["SPY", "QQQ", "GLD", "SPY"][index], priority: index % 2, capital: 0.25,
                profile: profile)
        }
        return F.book(
            parameters: parameters, strategies: strategies, hook: FixedGroupCorrelationHook(groups: [["SPY", "QQQ"]]))
    }

    @Test("approved fractions: ≤ max_position_size, ≥ min_order or 0, and per UTC day Σ ≤ max_daily_risk")
    func globalLimitsHold() async {
        await propertyCheck(
            count: 200, input: Gen.double(in: 0.0001...0.9).array(of: 4), Gen.double(in: 0...0.2).array(of: 4),
            Gen.int(in: 0...10_000).array(of: 1...80)
        ) { bases, floors, codes in
            var book = Self.book(bases: bases, floors: floors)
            var decisions: [RiskDecision] = []
            for (step, code) in codes.enumerated() {
                let strategy = book.strategies[code % 4]
                let time = F.time(day: Int64(step / 20), hour: Int64(code % 24))
                if code % 7 == 0 {
                    // The engine reports positions closing: exposures vanish, budgets must not come back.
                    _ = book.updateAccount(AccountSnapshot(equity: 10_000, cash: 10_000), at: time)
                }
                decisions.append(
                    book.decide(
                        F.request(
                            strategy.id, symbol: strategy.symbol, side: code % 5 == 0 ? .short : .long, at: time,
                            sleeveEquity: 2_500)))
            }
            for decision in decisions {
                #expect(decision.approvedFraction <= 0.1 + 1e-12)
                #expect(decision.approvedFraction == 0 || decision.approvedFraction >= 1e-4)
                #expect(decision.approvedFraction <= decision.trace.afterCorrelation + 1e-15)
            }
            let perDay = Dictionary(grouping: decisions) { $0.time.utcDay }
            for (_, day) in perDay {
                #expect(day.reduce(0) { $0 + $1.approvedFraction } <= 0.06 + 1e-12)
                let s3 = day.filter { $0.strategyID == "s3" }.reduce(0) { $0 + $1.approvedSleeveFraction }
                #expect(s3 <= 0.05 + 1e-12)
            }
        }
    }

    @Test("min_fraction can lift a request but never past any global limit")
    func minFractionNeverBeatsGlobalLimits() async {
        await propertyCheck(
            count: 200, input: Gen.double(in: 0.0001...0.01).array(of: 4), Gen.double(in: 0.3...1).array(of: 4),
            Gen.int(in: 0...10_000).array(of: 1...40)
        ) { bases, floors, codes in
            var book = Self.book(bases: bases, floors: floors)
            for code in codes {
                let strategy = book.strategies[code % 4]
                let decision = book.decide(
                    F.request(
                        strategy.id, symbol: strategy.symbol, at: F.time(hour: Int64(code % 24)),
                        sleeveEquity: 2_500))
                #expect(decision.trace.bounded >= strategy.profile.minFraction || strategy.id == "s3")
                #expect(decision.approvedFraction <= min(0.1, decision.trace.afterDailyRisk) + 1e-12)
            }
        }
    }

    @Test("the binding limit is a step that actually cut the request, or none/min_fraction/min_order")
    func bindingLimitIsConsistent() async {
        await propertyCheck(
            count: 200, input: Gen.double(in: 0.0001...0.9).array(of: 4), Gen.double(in: 0...0.2).array(of: 4),
            Gen.int(in: 0...10_000).array(of: 1...40)
        ) { bases, floors, codes in
            var book = Self.book(bases: bases, floors: floors)
            for code in codes {
                let strategy = book.strategies[code % 4]
                let decision = book.decide(
                    F.request(
                        strategy.id, symbol: strategy.symbol, at: F.time(hour: Int64(code % 24)),
                        sleeveEquity: 2_500))
                let trace = decision.trace
                switch decision.bindingLimit {
                case .none, .minFraction:
                    #expect(abs(decision.approvedFraction - trace.portfolio) < 1e-12)
                case .maxPositionSize: #expect(trace.afterMaxPosition < trace.portfolio)
                case .maxDailyRisk: #expect(trace.afterDailyRisk < trace.afterMaxPosition)
                case .correlation: #expect(trace.afterCorrelation < trace.afterDailyRisk)
                case .strategyDailyRisk: #expect(trace.strategyDaily < trace.bounded)
                case .cash: #expect(trace.afterCash < trace.afterCorrelation)
                case .maxFraction: #expect(trace.bounded < trace.throttled)
                case .minOrder: #expect(decision.approvedFraction == 0)
                case .portfolioDrawdown, .strategyDrawdown: Issue.record("no drawdown in this scenario")
                }
            }
        }
    }
}
