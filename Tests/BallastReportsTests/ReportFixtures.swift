import BallastCore
import BallastReports

/// Helpers shared by the BallastReports tests.
enum ReportFixtures {
    /// A UTC time; traps on an invalid date (a test bug).
    static func time(_ year: Int64, _ month: Int64, _ day: Int64, _ hour: Int64 = 0, _ minute: Int64 = 0)
        -> Timestamp
    {
        Timestamp(year: year, month: month, day: day, hour: hour, minute: minute)!
    }

    /// A curve recorded from (time, equity, inMarket) bars.
    static func curve(initial: Double, bars: [(Timestamp, Double, Bool)]) -> EquityCurve {
        var recorder = EquityCurveRecorder(initialEquity: initial)
        for (time, equity, inMarket) in bars {
            recorder.record(time: time, equity: equity, inMarket: inMarket)
        }
        return recorder.curve
    }

    /// One bar a day at 00:00 UTC from 2024-01-01 on, with these equities, all in the market.
    static func dailyCurve(initial: Double, equities: [Double]) -> EquityCurve {
        let start = time(2024, 1, 1)
        return curve(
            initial: initial,
            bars: equities.enumerated().map { index, equity in
                (start.adding(seconds: Int64(index) * Timestamp.secondsPerDay), equity, true)
            })
    }

    /// A long trade of `notional` (price 100) with this net P&L.
    static func trade(pnl: Double, notional: Double, reason: ExitReason = .signal) -> TradeOutcome {
        TradeOutcome(
            entryTime: time(2024, 1, 1), exitTime: time(2024, 1, 2), side: .long, entryPrice: 100,
            exitPrice: 100 + pnl / (notional / 100), quantity: notional / 100, pnl: pnl, exitReason: reason)
    }

    /// True when `actual` is within `tolerance` of `expected`, relative to max(1, |expected|).
    static func close(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-12) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= tolerance * max(1, abs(expected))
    }
}
