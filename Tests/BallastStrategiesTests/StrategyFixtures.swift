import BallastCore
import BallastStrategies

/// Builders that keep strategy tests about the closes and the bar indices that matter.
enum StrategyFixtures {
    /// Daily bars from 2024-01-01 with open = close, high = close × 1.01 and low = close × 0.99,
    /// unless `high` and `low` are given.
    static func series(closes: [Double], high: [Double]? = nil, low: [Double]? = nil) -> BarSeries {
        let times = closes.indices.map { 1_704_067_200 + Int64($0) * 86_400 }
        return BarSeries(
            symbol: "TEST", timeframe: .oneDay, times: times, open: closes, high: high ?? closes.map { $0 * 1.01 },
            low: low ?? closes.map { $0 * 0.99 }, close: closes, volume: closes.map { _ in 1000 })
    }

    /// The bars that carry a signal other than `.none`, by index.
    static func events(_ output: SignalSeries) -> [Int: Signal] {
        var events: [Int: Signal] = [:]
        for (index, signal) in output.signals.enumerated() where signal != .none { events[index] = signal }
        return events
    }

    /// The events of `strategy` over `closes` (default highs and lows).
    static func events(_ strategy: some Strategy, closes: [Double]) -> [Int: Signal] {
        events(strategy.signals(for: series(closes: closes)))
    }

    /// True when both columns have the same length and agree element by element, NaN matching NaN.
    static func sameColumn(_ left: ArraySlice<Double>, _ right: ArraySlice<Double>) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
