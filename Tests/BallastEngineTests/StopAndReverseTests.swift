import BallastCore
import BallastEngine
import BallastRisk
import BallastStrategies
import BallastTestKit
import Testing

/// A stop-and-reverse strategy as a new user would try it: `sma_cross` with `allow_short`, all-in,
/// `max_correlated_exposure = 1`. Every cross is a reversal, and every reversal it signals is made.
@Suite("Stop and reverse: every reversal a strategy signals is made")
struct StopAndReverseTests {
    static let strategy = SMACrossStrategy(fast: 5, slow: 20, allowShort: true)

    static func series(seed: UInt64) -> BarSeries {
        RandomWalkBars(
            symbol: "SYN", timeframe: .oneDay, start: Timestamp(year: 2020, month: 1, day: 1)!, seed: seed,
            volatility: 0.02
        ).series(count: 400)
    }

    static func setup(_ series: BarSeries) -> PortfolioSetup {
        var risk = RiskParameters()
        risk.maxPositionSize = 1
        risk.maxDailyRisk = nil
        risk.maxDrawdown = 1
        risk.maxCorrelatedExposure = 1
        var profile = RiskProfile()
        profile.baseFraction = 1
        profile.maxFraction = 1
        profile.stopLoss = .none
        profile.takeProfit = .none
        profile.dynamicRisk.enabled = false
        return PortfolioSetup(
            name: "reverse", initialBalance: 10_000, risk: risk, series: [series],
            strategies: [
                StrategySetup(
                    id: "reverse", symbol: series.symbol, seriesIndex: 0, capital: 1, quantityStep: nil,
                    profile: profile, strategy: strategy)
            ])
    }

    @Test(
        "sma_cross allow_short all-in: one approved entry per signal, every later one a reversal",
        arguments: [1, 2, 3] as [UInt64])
    func everyReversalIsMade(seed: UInt64) async throws {
        let series = Self.series(seed: seed)
        let signals = Self.strategy.signals(for: series).signals
        // An entry signalled on the last bar has no next open to fill at.
        let entries = signals.dropLast().filter { $0 == .enterLong || $0 == .enterShort }.count
        try #require(entries >= 5)
        let result = try await EngineFixtures.run(Self.setup(series))
        #expect(result.decisions.count == entries)
        // Every entry is approved whole (the closing position's notional back as buying power may
        // round to one unit in the last place below 1, then binding `cash` by that unit).
        for decision in result.decisions where decision.approvedFraction < 1 - 1e-12 {
            Issue.record("\(decision.barTime): \(decision.bindingLimit) \(decision.trace)")
        }
        let trades = try #require(result.strategies.first?.trades)
        // Each entry opened a position; all but the last were closed by the next entry's reversal.
        #expect(trades.count == entries)
        #expect(trades.dropLast().allSatisfy { $0.exitReason == .reversal })
        // All-in: each position holds (nearly) the whole sleeve, not the sliver left beside the old one.
        for (trade, decision) in zip(trades, result.decisions) {
            #expect(trade.entryNotional > 0.9 * decision.sleeveEquity)
        }
    }
}
