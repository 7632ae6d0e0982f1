import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStrategies
import BallastTestKit
import Foundation
import Testing

@Suite("Joint backtests: shared limits across strategies")
struct JointBacktestTests {
    typealias E = EngineFixtures

    static func strategy(
        _ id: String, series: Int, symbol: String, priority: Int = 0, capital: Double, profile: RiskProfile,
        script: [Int: Signal]
    ) -> StrategySetup {
        StrategySetup(
            id: id, symbol: symbol, seriesIndex: series, priority: priority, capital: capital, quantityStep: nil,
            profile: profile, strategy: ScriptedStrategy(script))
    }

    static func wiggle(_ symbol: String, count: Int, scale: Double = 1) -> BarSeries {
        BarFixtures.wiggle(symbol, count: count, scale: scale)
    }

    @Test("both want the same bar: the lower priority one is cut by max_daily_risk")
    func dailyRiskCutsLowerPriority() async throws {
        var risk = RiskParameters()
        risk.maxDailyRisk = 0.06
        let setup = PortfolioSetup(
            name: "pair", initialBalance: 10_000, risk: risk,
            series: [BarFixtures.flat("AAA", price: 100, count: 5), BarFixtures.flat("BBB", price: 50, count: 5)],
            strategies: [
                Self.strategy(
                    "second", series: 1, symbol: "BBB", priority: 2, capital: 0.5,
                    profile: E.profile(base: 0.1, stop: nil), script: [1: .enterLong]),
                Self.strategy(
                    "first", series: 0, symbol: "AAA", priority: 1, capital: 0.5,
                    profile: E.profile(base: 0.1, stop: nil), script: [1: .enterLong]),
            ])
        let result = try await E.run(setup)
        try #require(result.decisions.count == 2)
        #expect(result.decisions.map(\.strategyID) == ["first", "second"])
        #expect(abs(result.decisions[0].approvedFraction - 0.05) < 1e-12)
        #expect(abs(result.decisions[1].approvedFraction - 0.01) < 1e-12)
        #expect(result.decisions[1].bindingLimit == .maxDailyRisk)
        // 0.01 of 10 000 at 50 × 1.0005 (both fills use the same pre-fill equity).
        let quantity = try #require(result.strategies.first { $0.id == "second" }?.trades.first?.quantity)
        #expect(abs(quantity - 100 / (50 * 1.0005)) < 1e-9)
    }

    @Test("a correlated pair: the second entry is cut to the group's headroom")
    func correlatedPairCutToHeadroom() async throws {
        var risk = RiskParameters()
        risk.maxDailyRisk = 1
        risk.maxCorrelatedExposure = 0.15
        let setup = PortfolioSetup(
            name: "corr", initialBalance: 10_000, risk: risk,
            series: [Self.wiggle("SPY", count: 40), Self.wiggle("QQQ", count: 40, scale: 1.5)],
            strategies: [
                Self.strategy(
                    "spy", series: 0, symbol: "SPY", capital: 0.5, profile: E.profile(base: 0.2, stop: nil),
                    script: [30: .enterLong]),
                Self.strategy(
                    "qqq", series: 1, symbol: "QQQ", capital: 0.5, profile: E.profile(base: 0.2, stop: nil),
                    script: [33: .enterLong]),
            ])
        let result = try await E.run(setup)
        try #require(result.decisions.count == 2)
        let second = result.decisions[1]
        let correlation = try #require(second.correlation)
        #expect(correlation.group == ["QQQ", "SPY"])
        #expect(abs(correlation.groupExposure - 0.1) < 0.01)  // SPY's 0.10 marked to market
        #expect(second.bindingLimit == .correlation)
        #expect(abs(second.approvedFraction - (0.15 - correlation.groupExposure)) < 1e-12)
    }

    @Test("a drawdown tier sizes the next entry down by exactly the tier factor")
    func tierThrottlesNextEntry() async throws {
        var risk = RiskParameters()
        risk.maxDailyRisk = 1
        risk.maxCorrelatedExposure = 1
        var profile = E.profile(base: 0.1, stop: nil)
        profile.dynamicRisk.enabled = true
        profile.dynamicRisk.volatilityAdjustmentEnabled = false
        profile.dynamicRisk.drawdownThresholds = [0.01, 0.02, 0.03]
        // Entry at 100, a 15% fall while holding 0.1 of equity: a 1.5% drawdown, tier 0 (factor 0.8).
        let series = BarFixtures.daily(
            "AAA",
            [
                (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 85, 85), (85, 85, 85, 85), (85, 85, 85, 85),
                (85, 85, 85, 85), (85, 85, 85, 85),
            ])
        let setup = E.single(
            series, script: [0: .enterLong, 2: .exit, 4: .enterLong], profile: profile, step: nil, risk: risk)
        let result = try await E.run(setup)
        try #require(result.decisions.count == 2)
        #expect(result.decisions[0].positionSizeFactor == 1)
        let throttled = result.decisions[1]
        #expect(throttled.positionSizeFactor == 0.8)
        #expect(throttled.primaryReason == .drawdown)
        #expect(throttled.stopLossTightening == 1.2)
        #expect(abs(throttled.trace.throttled - 0.08) < 1e-12)
        #expect(abs(throttled.approvedSleeveFraction - 0.08) < 1e-12)
        let adjustments = result.strategies[0].adjustments
        #expect(adjustments.first?.drawdownTier == 0)
        #expect(result.strategies[0].minPositionSizeFactor == 0.8)
    }

    @Test("a portfolio drawdown past max_drawdown blocks entries but still executes stops")
    func reduceOnlyStillExits() async throws {
        var risk = RiskParameters()
        risk.maxDailyRisk = 1
        risk.maxPositionSize = 1
        risk.maxCorrelatedExposure = 1
        risk.maxDrawdown = 0.05
        let falling = BarFixtures.daily(
            "AAA",
            [
                (100, 100, 100, 100), (100, 100, 100, 100), (100, 100, 88, 88), (88, 88, 88, 88), (88, 88, 60, 70),
                (70, 70, 70, 70),
            ])
        let setup = PortfolioSetup(
            name: "dd", initialBalance: 10_000, risk: risk,
            series: [falling, BarFixtures.flat("BBB", price: 10, count: 6)],
            strategies: [
                Self.strategy(
                    "big", series: 0, symbol: "AAA", priority: 1, capital: 0.5,
                    profile: E.profile(base: 1, stop: 0.3), script: [0: .enterLong]),
                Self.strategy(
                    "late", series: 1, symbol: "BBB", priority: 2, capital: 0.5,
                    profile: E.profile(base: 0.1, stop: nil), script: [3: .enterLong]),
            ])
        let result = try await E.run(setup)
        let entered = try #require(result.reduceOnlyEvents.first)
        #expect(entered.strategyID == nil && entered.entered)
        #expect(entered.drawdown >= 0.05)
        let denied = try #require(result.decisions.first { $0.strategyID == "late" })
        #expect(denied.bindingLimit == .portfolioDrawdown)
        #expect(denied.approvedFraction == 0)
        let stopped = try #require(result.strategies.first { $0.id == "big" }?.trades.first)
        #expect(stopped.exitReason == .stopLoss)
        #expect(result.strategies.first { $0.id == "late" }?.trades.isEmpty == true)
    }

    @Test("two runs give byte-identical JSON, trades and decisions")
    func deterministic() async throws {
        let setup = PortfolioSetup(
            name: "det", initialBalance: 10_000,
            series: [Self.wiggle("SPY", count: 60), Self.wiggle("QQQ", count: 60, scale: 0.5)],
            strategies: (0..<6).map { index in
                Self.strategy(
                    "s\(index)", series: index % 2, symbol: index % 2 == 0 ? "SPY" : "QQQ", priority: index % 3,
                    capital: 1.0 / 6, profile: E.profile(base: 0.3, stop: 0.02),
                    script: [5 + index: .enterLong, 20 + index: .exit, 30 + index: .enterShort])
            })
        let first = try await E.run(setup)
        let second = try await E.run(setup)
        #expect(first.decisions == second.decisions)
        #expect(first.strategies.map(\.trades) == second.strategies.map(\.trades))
        let json = try BacktestSummary(result: first).jsonData()
        #expect(json == (try BacktestSummary(result: second).jsonData()))
        #expect(first.decisions.count == 12)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["run_id"] as? String == "test")
        let strategies = try #require(object["strategies"] as? [[String: Any]])
        #expect(strategies.count == 6)
        let risk = try #require(strategies[0]["risk"] as? [String: Any])
        #expect(Set(risk.keys) == ["adjustments", "decisions", "denied", "min_position_size_factor"])
        #expect(strategies[0]["total_return_pct"] != nil && strategies[0]["id"] as? String == "s0")
    }
}

@Suite("Mixed timeframes")
struct MixedTimeframeTests {
    typealias E = EngineFixtures

    /// Hourly bars at a flat price for `days` days from 2024-01-01.
    static func hourly(_ symbol: String, days: Int) -> BarSeries {
        var series = BarSeries(symbol: symbol, timeframe: .oneHour)
        let start = Timestamp(year: 2024, month: 1, day: 1)!
        for hour in 0..<(days * 24) {
            series.append(
                Bar(time: start.adding(seconds: Int64(hour) * 3_600), open: 50, high: 50, low: 50, close: 50, volume: 1)
            )
        }
        return series
    }

    @Test("a daily bar and the hourly bar 23:00–24:00 close together and resolve by priority")
    func barsClosingTogether() async throws {
        var risk = RiskParameters()
        risk.maxDailyRisk = 0.06
        // Daily bar 1 (2024-01-02) and hourly bar 47 (2024-01-02T23:00) both close at 2024-01-03T00:00.
        let setup = PortfolioSetup(
            name: "mixed", initialBalance: 10_000, risk: risk,
            series: [BarFixtures.flat("DAY", price: 100, count: 4), Self.hourly("HOUR", days: 4)],
            strategies: [
                StrategySetup(
                    id: "hourly", symbol: "HOUR", seriesIndex: 1, priority: 2, capital: 0.5,
                    profile: E.profile(base: 0.1, stop: nil), strategy: ScriptedStrategy([47: .enterLong])),
                StrategySetup(
                    id: "daily", symbol: "DAY", seriesIndex: 0, priority: 1, capital: 0.5,
                    profile: E.profile(base: 0.1, stop: nil), strategy: ScriptedStrategy([1: .enterLong])),
            ])
        let result = try await E.run(setup)
        try #require(result.decisions.count == 2)
        let midnight = Timestamp(year: 2024, month: 1, day: 3)!
        #expect(result.decisions.allSatisfy { $0.time == midnight })
        #expect(result.decisions.map(\.strategyID) == ["daily", "hourly"])
        #expect(abs(result.decisions[0].approvedFraction - 0.05) < 1e-12)
        #expect(abs(result.decisions[1].approvedFraction - 0.01) < 1e-12)
        #expect(result.decisions[1].bindingLimit == .maxDailyRisk)
        // Each fills at its own next open: the daily at 2024-01-03's open, the hourly at 00:00 the same day.
        let daily = try #require(result.strategies.first { $0.id == "daily" }?.trades.first)
        let hourly = try #require(result.strategies.first { $0.id == "hourly" }?.trades.first)
        #expect(daily.entryTime == midnight)
        #expect(hourly.entryTime == midnight)
    }
}
