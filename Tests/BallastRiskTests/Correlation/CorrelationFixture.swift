import BallastCore
import BallastRisk

/// Deterministic synthetic bar series for the correlation tests (no Foundation, no clock).
enum CorrelationFixture {
    /// 2024-01-01, the first bar day of every fixture.
    static let firstDay: Int64 = CivilDate.toDays(year: 2024, month: 1, day: 1)

    /// `count` returns uniform in [−scale, scale).
    static func returns(seed: UInt64, count: Int, scale: Double = 0.02) -> [Double] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (random.nextUnit() * 2 - 1) * scale }
    }

    /// Closes starting at `start`, each the previous one times (1 + return).
    static func closes(returns: [Double], start: Double = 100) -> [Double] {
        var result = [start]
        for value in returns { result.append(result[result.count - 1] * (1 + value)) }
        return result
    }

    /// One daily bar per day of `days` (open time 00:00 UTC) with the given closes.
    static func daily(_ symbol: String, closes: [Double], days: [Int64]) -> BarSeries {
        precondition(closes.count == days.count)
        var bars: [Bar] = []
        for index in closes.indices {
            let open = index == 0 ? closes[0] : closes[index - 1]
            bars.append(
                bar(at: Timestamp(seconds: days[index] * Timestamp.secondsPerDay), open: open, close: closes[index]))
        }
        return BarSeries(symbol: symbol, timeframe: .oneDay, bars: bars)
    }

    /// Daily bars on consecutive days from `startDay`: `returns.count + 1` bars, so one return per day
    /// after the first.
    static func daily(_ symbol: String, returns: [Double], startDay: Int64 = firstDay, start: Double = 100)
        -> BarSeries
    {
        let prices = closes(returns: returns, start: start)
        return daily(symbol, closes: prices, days: prices.indices.map { startDay + Int64($0) })
    }

    /// Hourly bars, 24 per day from `startDay`. The bar opening 23:00 closes at the day's close; the
    /// earlier hours close at prices up to ±30% away from it, so only a resampling by open time that
    /// takes each day's last bar reproduces the daily closes.
    static func hourly(_ symbol: String, dailyCloses: [Double], startDay: Int64 = firstDay, noiseSeed: UInt64)
        -> BarSeries
    {
        var random = SplitMix64(seed: noiseSeed)
        var bars: [Bar] = []
        var previous = dailyCloses[0]
        for (offset, dayClose) in dailyCloses.enumerated() {
            for hour in 0..<24 {
                let close = hour == 23 ? dayClose : dayClose * (1 + 0.3 * (random.nextUnit() * 2 - 1))
                bars.append(
                    bar(at: time(day: startDay + Int64(offset), hour: Int64(hour)), open: previous, close: close))
                previous = close
            }
        }
        return BarSeries(symbol: symbol, timeframe: .oneHour, bars: bars)
    }

    /// A bar with consistent high and low around its open and close.
    static func bar(at time: Timestamp, open: Double, close: Double) -> Bar {
        Bar(time: time, open: open, high: max(open, close) * 1.001, low: min(open, close) * 0.999, close: close)
    }

    /// The close time of the daily bar of `day` (00:00 UTC of the next day): a daily decision time.
    static func closeOfDay(_ day: Int64) -> Timestamp { Timestamp(seconds: (day + 1) * Timestamp.secondsPerDay) }

    /// `hour`:00 UTC of `day`.
    static func time(day: Int64, hour: Int64) -> Timestamp {
        Timestamp(seconds: day * Timestamp.secondsPerDay + hour * 3600)
    }

    /// The returns `base × weight + noise × √(1 − weight²)`: correlated about `weight` with `base`
    /// when both are independent draws of the same scale.
    static func blend(_ base: [Double], weight: Double, noise: [Double]) -> [Double] {
        let rest = (1 - weight * weight).squareRoot()
        return zip(base, noise).map { weight * $0 + rest * $1 }
    }
}

/// A portfolio universe over 61 daily bars (60 returns): SPY; QQQ = 1.5 × SPY (correlation 1);
/// GLD independent; SH = −SPY (−1); NEG about −0.9 with SPY; MIX about 0.7 with SPY.
enum CorrelationUniverse {
    static let spy = CorrelationFixture.returns(seed: 1, count: 60)
    static let lastDay = CorrelationFixture.firstDay + 60
    /// The close of the last daily bar: every symbol's whole history is visible.
    static let decision = CorrelationFixture.closeOfDay(lastDay)

    static let series: [BarSeries] = [
        CorrelationFixture.daily("SPY", returns: spy),
        CorrelationFixture.daily("QQQ", returns: spy.map { 1.5 * $0 }, start: 300),
        CorrelationFixture.daily("GLD", returns: CorrelationFixture.returns(seed: 2, count: 60), start: 180),
        CorrelationFixture.daily("SH", returns: spy.map { -$0 }, start: 40),
        CorrelationFixture.daily(
            "NEG",
            returns: CorrelationFixture.blend(spy, weight: -0.9, noise: CorrelationFixture.returns(seed: 3, count: 60))),
        CorrelationFixture.daily(
            "MIX",
            returns: CorrelationFixture.blend(spy, weight: 0.7, noise: CorrelationFixture.returns(seed: 4, count: 60))),
    ]

    static let hook = PearsonCorrelationHook(series: series)

    static func position(_ strategy: String, _ symbol: String, _ fraction: Double) -> OpenExposure {
        OpenExposure(strategyID: strategy, symbol: symbol, portfolioFraction: fraction)
    }
}
