import BallastCore
import PropertyBased
import Testing

/// Naive O(n × period) recomputations of each indicator, written straight from the definitions.
enum NaiveIndicators {
    static func sma(_ values: [Double], period: Int) -> [Double?] {
        values.indices.map { index in
            guard index >= period - 1 else { return nil }
            var sum = 0.0
            for back in (index - period + 1)...index { sum += values[back] }
            return sum / Double(period)
        }
    }

    static func deviation(_ values: [Double], window: Int) -> [Double?] {
        values.indices.map { index in
            guard index >= window - 1 else { return nil }
            let slice = values[(index - window + 1)...index]
            let mean = slice.reduce(0, +) / Double(window)
            let squares = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (squares / Double(window - 1)).squareRoot()
        }
    }

    static func atr(high: [Double], low: [Double], close: [Double], period: Int) -> [Double?] {
        let ranges = high.indices.map { index in
            index == 0
                ? high[0] - low[0]
                : max(high[index] - low[index], abs(high[index] - close[index - 1]), abs(low[index] - close[index - 1]))
        }
        return sma(ranges, period: period)
    }

    static func ema(_ values: [Double], period: Int) -> [Double?] {
        values.indices.map { index in
            guard index >= period - 1 else { return nil }
            var value = values[0..<period].reduce(0, +) / Double(period)
            let alpha = 2.0 / Double(period + 1)
            for step in stride(from: period, through: index, by: 1) {
                value = alpha * values[step] + (1 - alpha) * value
            }
            return value
        }
    }

    static func rsi(_ values: [Double], period: Int) -> [Double?] {
        values.indices.map { index in
            guard index >= period else { return nil }
            var gain = 0.0
            var loss = 0.0
            for step in 1...period {
                let change = values[step] - values[step - 1]
                gain += max(change, 0) / Double(period)
                loss += max(-change, 0) / Double(period)
            }
            for step in stride(from: period + 1, through: index, by: 1) {
                let change = values[step] - values[step - 1]
                gain = (gain * Double(period - 1) + max(change, 0)) / Double(period)
                loss = (loss * Double(period - 1) + max(-change, 0)) / Double(period)
            }
            if loss == 0 { return gain == 0 ? 50 : 100 }
            return 100 - 100 / (1 + gain / loss)
        }
    }
}

/// Prices around `level`: a random walk of relative steps up to ±1%, from generated steps.
private func walk(level: Double, steps: [Double]) -> [Double] {
    var price = level
    return steps.map { step in
        price *= 1 + step / 100
        return price
    }
}

@Suite("Indicators: O(n) versions equal naive recomputation (relative 1e-9)")
struct IndicatorsPropertyTests {
    static let steps = Gen.double(in: -1...1).array(of: 1...300)
    static let level = Gen.element(of: [1.0, 100, 1e5, 1.2e5])

    @Test("SMA and rolling standard deviation")
    func rolling() async {
        await propertyCheck(count: 200, input: Self.steps, Self.level, Gen.int(in: 2...40)) { steps, level, period in
            let values = walk(level: level!, steps: steps)
            #expect(
                indicatorMatches(
                    Indicators.sma(values, period: period), NaiveIndicators.sma(values, period: period), tolerance: 1e-9
                ))
            #expect(
                indicatorMatches(
                    Indicators.rollingStandardDeviation(values, window: period),
                    NaiveIndicators.deviation(values, window: period), tolerance: 1e-9))
        }
    }

    /// A spike of 10,032 at 120,000 summed with steps of about 1e-4 (window 4 sums afresh at index 4),
    /// then leaving: the sums' roundings at the spike's scale were most of what was left.
    @Test("a spike that leaves a nearly flat window keeps the deviation's digits")
    func spikeLeavesFlatWindow() {
        let values =
            [120_000.1, 120_000.1, 130_032.123_456_7, 120_000.100_123, 120_000.100_234, 120_000.099_987]
            + [120_000.100_311, 120_000.100_052]
        #expect(
            indicatorMatches(
                Indicators.rollingStandardDeviation(values, window: 4), NaiveIndicators.deviation(values, window: 4),
                tolerance: 1e-9))
    }

    @Test("ATR from random candles")
    func atr() async {
        await propertyCheck(
            count: 200, input: Self.steps, Self.level, Gen.int(in: 1...30), Gen.double(in: 0...0.02).array(of: 300)
        ) { steps, level, period, wicks in
            let close = walk(level: level!, steps: steps)
            let high = close.indices.map { close[$0] * (1 + wicks[$0]) }
            let low = close.indices.map { close[$0] * (1 - wicks[299 - $0] / 2) }
            #expect(
                indicatorMatches(
                    Indicators.atr(high: high, low: low, close: close, period: period),
                    NaiveIndicators.atr(high: high, low: low, close: close, period: period), tolerance: 1e-9))
        }
    }

    @Test("EMA and RSI")
    func smoothed() async {
        await propertyCheck(count: 100, input: Self.steps, Self.level, Gen.int(in: 1...30)) { steps, level, period in
            let values = walk(level: level!, steps: steps)
            #expect(
                indicatorMatches(
                    Indicators.ema(values, period: period), NaiveIndicators.ema(values, period: period), tolerance: 1e-9
                ))
            #expect(
                indicatorMatches(
                    Indicators.rsi(values, period: period), NaiveIndicators.rsi(values, period: period), tolerance: 1e-9
                ))
        }
    }
}
