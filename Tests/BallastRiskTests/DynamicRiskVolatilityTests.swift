import BallastCore
import BallastRisk
import Foundation
import Testing

@Suite struct DynamicRiskVolatilityTests {
    typealias F = DynamicRiskFixtures

    static func window(closes: [Double], windowDays: Int = 30) -> DailyVolatilityWindow {
        var window = DailyVolatilityWindow(windowDays: windowDays)
        for (day, close) in closes.enumerated() { window.record(time: F.time(day: day), close: close) }
        return window
    }

    /// Log returns 0.01, 0.02, …, 0.10: sample std = 0.01 × √(55 / 6) ≈ 0.030277 (> 0.03, high).
    @Test func knownStandardDeviationOfTenReturns() throws {
        let returns = (1...10).map { Double($0) / 100 }
        let window = Self.window(closes: F.closes(logReturns: returns))
        #expect(window.returnCount == 10)
        let volatility = try #require(window.volatility)
        #expect(abs(volatility - 0.01 * (55.0 / 6).squareRoot()) < 1e-12)
    }

    /// ±a alternating over 10 returns: mean 0, sample std = a × √(10 / 9).
    @Test(arguments: [
        (0.04, AdjustmentReason.highVolatility, 0.7),
        (0.02, AdjustmentReason.normal, 1.0),
        (0.005, AdjustmentReason.lowVolatility, 1.3),
    ])
    func alternatingReturnsSetTheReason(size: Double, reason: AdjustmentReason, factor: Double) throws {
        var manager = DynamicRiskManager(config: DynamicRiskConfig(), initialEquity: 10_000)
        F.feedDaily(&manager, closes: F.closes(logReturns: F.alternating(size, count: 10)))
        let volatility = try #require(manager.adjustments.inputs.volatility)
        #expect(abs(volatility - size * (10.0 / 9).squareRoot()) < 1e-12)
        #expect(manager.adjustments.primaryReason == reason)
        #expect(manager.adjustments.positionSizeFactor == factor)
        #expect(manager.adjustments.stopLossTightening == 1.0)
        #expect(manager.adjustments.dailyRiskFactor == 1.0)
    }

    @Test func nineReturnsAreNotEnough() {
        let window = Self.window(closes: F.closes(logReturns: F.alternating(0.04, count: 9)))
        #expect(window.returnCount == 9)
        #expect(window.volatility == nil)
    }

    /// Several bars a day: only the last close of a day counts, and the current day's close is the latest one.
    @Test func intradayBarsAreResampledToDays() throws {
        let returns = (1...10).map { Double($0) / 100 }
        let closes = F.closes(logReturns: returns)
        var window = DailyVolatilityWindow(windowDays: 30)
        for (day, close) in closes.enumerated() {
            window.record(time: F.time(day: day, hour: 1), close: close * 1.5)
            window.record(time: F.time(day: day, hour: 13), close: close * 0.7)
            window.record(time: F.time(day: day, hour: 23), close: close)
        }
        #expect(abs(try #require(window.volatility) - 0.01 * (55.0 / 6).squareRoot()) < 1e-12)

        // Mid-day on day 11, the day's return so far is ln(close / close of day 10).
        let midDayClose = closes[10] * exp(0.11)
        window.record(time: F.time(day: 11, hour: 2), close: midDayClose)
        let expected = (1...11).map { Double($0) / 100 }
        #expect(window.returnCount == 11)
        let volatility = try #require(window.volatility)
        #expect(abs(volatility - (Indicators.sampleStandardDeviation(expected) ?? 0)) < 1e-12)
    }

    /// Only returns of days `currentDay − 30 < d ≤ currentDay` count: ten huge early returns drop out.
    @Test func returnsOlderThanTheWindowDropOut() throws {
        let returns = F.alternating(0.2, count: 10) + F.alternating(0.005, count: 30)
        let window = Self.window(closes: F.closes(logReturns: returns))
        #expect(window.returnCount == 30)
        let volatility = try #require(window.volatility)
        #expect(abs(volatility - 0.005 * (30.0 / 29).squareRoot()) < 1e-12)
    }

    /// Days without bars are absent: bars every other day give 15 returns in a 30-day window, each from
    /// the previous day that had bars.
    @Test func daysWithoutBarsAreAbsent() throws {
        var window = DailyVolatilityWindow(windowDays: 30)
        let closes = F.closes(logReturns: F.alternating(0.02, count: 24))
        for (index, close) in closes.enumerated() { window.record(time: F.time(day: 2 * index), close: close) }
        #expect(window.returnCount == 15)
        let expected = try #require(Indicators.sampleStandardDeviation(F.alternating(0.02, count: 24)[9...]))
        #expect(abs(try #require(window.volatility) - expected) < 1e-12)
    }

    @Test func aLongGapEmptiesTheWindow() {
        var window = Self.window(closes: F.closes(logReturns: F.alternating(0.02, count: 12)))
        #expect(window.volatility != nil)
        window.record(time: F.time(day: 100), close: 100)
        #expect(window.returnCount == 1)
        #expect(window.volatility == nil)
    }

    @Test func invalidClosesAndEarlierDaysAreIgnored() {
        var window = Self.window(closes: F.closes(logReturns: F.alternating(0.02, count: 12)))
        let before = window.returns
        window.record(time: F.time(day: 13), close: .nan)
        window.record(time: F.time(day: 13), close: 0)
        window.record(time: F.time(day: 13), close: -5)
        window.record(time: F.time(day: 3), close: 1)
        #expect(window.returns == before)
    }

    @Test func disabledVolatilityHasNoOpinion() {
        var manager = DynamicRiskManager(
            config: F.config { $0.volatilityAdjustmentEnabled = false }, initialEquity: 10_000)
        let events = F.feedDaily(&manager, closes: F.closes(logReturns: F.alternating(0.005, count: 20)))
        #expect(events.isEmpty)
        #expect(manager.adjustments.inputs.volatility == nil)
        #expect(manager.adjustments.positionSizeFactor == 1.0)
    }
}
