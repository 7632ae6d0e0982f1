import BallastCore
import BallastRisk
import Foundation

/// Shared builders for the dynamic-risk tests.
enum DynamicRiskFixtures {
    /// 2024-01-01T00:00:00Z.
    static let start = Timestamp(year: 2024, month: 1, day: 1)!

    /// `start` moved by whole days and hours.
    static func time(day: Int, hour: Int = 0) -> Timestamp {
        start.adding(seconds: Int64(day) * Timestamp.secondsPerDay + Int64(hour) * 3600)
    }

    /// The default configuration with changes applied.
    static func config(_ change: (inout DynamicRiskConfig) -> Void = { _ in }) -> DynamicRiskConfig {
        var config = DynamicRiskConfig()
        change(&config)
        return config
    }

    /// Closes `start × exp(cumulative log return)`, one more than there are returns.
    static func closes(logReturns: [Double], start: Double = 100) -> [Double] {
        var result = [start]
        var level = 0.0
        for value in logReturns {
            level += value
            result.append(start * exp(level))
        }
        return result
    }

    /// `count` log returns alternating `+size, −size, …`.
    static func alternating(_ size: Double, count: Int) -> [Double] {
        (0..<count).map { $0 % 2 == 0 ? size : -size }
    }

    /// Feeds one bar per day (at 00:00 UTC of days 0, 1, …) with these closes and a constant equity.
    @discardableResult
    static func feedDaily(
        _ manager: inout DynamicRiskManager, closes: [Double], equity: Double = 10_000, firstDay: Int = 0
    ) -> [RiskAdjustmentEvent] {
        var events: [RiskAdjustmentEvent] = []
        for (offset, close) in closes.enumerated() {
            events += manager.update(barTime: time(day: firstDay + offset), equity: equity, close: close)
        }
        return events
    }

    /// Records `pnls` as trades closed at `time`.
    static func record(_ manager: inout DynamicRiskManager, pnls: [Double], at exitTime: Timestamp) {
        for pnl in pnls { manager.recordClosedTrade(exitTime: exitTime, pnl: pnl) }
    }

    /// A reference volatility computed from scratch: daily closes (last per UTC day), returns labelled by
    /// the day they end, those with `currentDay − window < day ≤ currentDay`, sample standard deviation.
    static func referenceReturns(bars: [(Timestamp, Double)], windowDays: Int) -> [Double] {
        var days: [Int64] = []
        var closes: [Double] = []
        for (time, close) in bars {
            if days.last == time.utcDay {
                closes[closes.count - 1] = close
            } else {
                days.append(time.utcDay)
                closes.append(close)
            }
        }
        guard let current = days.last, days.count >= 2 else { return [] }
        var result: [Double] = []
        for index in 1..<days.count where days[index] > current - Int64(windowDays) {
            result.append(log(closes[index] / closes[index - 1]))
        }
        return result
    }
}
