/// Indicators over whole columns, each in one O(n) pass with no per-bar re-scan.
///
/// Every function returns an array as long as its input. Positions where the indicator is not
/// yet defined (too few bars) hold `Double.nan`; value `i` uses inputs `0...i` only, never later ones.
public enum Indicators {
    /// True range: the first bar's is `high − low`; later bars take the largest of `high − low`,
    /// `|high − previous close|` and `|low − previous close|`.
    public static func trueRange(high: [Double], low: [Double], close: [Double]) -> [Double] {
        let count = close.count
        var result = [Double](repeating: .nan, count: count)
        guard count > 0 else { return result }
        result[0] = high[0] - low[0]
        var index = 1
        while index < count {
            let previous = close[index - 1]
            result[index] = max(high[index] - low[index], abs(high[index] - previous), abs(low[index] - previous))
            index += 1
        }
        return result
    }

    /// Average true range (SPEC §2): the simple rolling mean of the true range over `period` bars,
    /// defined from index `period − 1` on.
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int) -> [Double] {
        sma(trueRange(high: high, low: low, close: close), period: period)
    }

    /// The ATR at one bar (the mean true range of bars `index − period + 1 ... index`), nil until
    /// `period` bars exist. O(period): equal to `atr(…)[index]` without computing the whole column,
    /// for callers that need the ATR at a few decision bars only.
    public static func atr(
        at index: Int, high: [Double], low: [Double], close: [Double], period: Int
    ) -> Double? {
        guard period >= 1, index >= period - 1, index < close.count else { return nil }
        var sum = 0.0
        for bar in (index - period + 1)...index {
            if bar == 0 {
                sum += high[0] - low[0]
            } else {
                let previous = close[bar - 1]
                sum += max(high[bar] - low[bar], abs(high[bar] - previous), abs(low[bar] - previous))
            }
        }
        return sum / Double(period)
    }

    /// ATR of a series.
    public static func atr(_ series: BarSeries, period: Int) -> [Double] {
        atr(high: series.high, low: series.low, close: series.close, period: period)
    }

    /// Simple moving average over `period` values, defined from index `period − 1` on.
    ///
    /// A running sum steps from one window to the next (`sum += values[i] − values[i − period]`),
    /// and at every index that is a multiple of `period` the window is summed again from scratch,
    /// left to right from 0, so rounding error cannot accumulate past one block of `period` steps.
    /// The exact order of these additions is part of the contract: the equivalence check of
    /// `bench/peers` (`common.ballast_sma`) reproduces it bit for bit, since the last bit of an SMA
    /// decides on which side of an exact tie a crossover falls. The loop runs block by block, so no
    /// per-index division decides when to re-sum.
    public static func sma(_ values: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "period must be at least 1")
        let count = values.count
        guard count >= period else { return [Double](repeating: .nan, count: count) }
        let divisor = Double(period)
        return [Double](unsafeUninitializedCapacity: count) { result, initialized in
            values.withUnsafeBufferPointer { input in
                for index in 0..<(period - 1) { result[index] = .nan }
                var sum = 0.0
                for index in 0..<period { sum += input[index] }
                result[period - 1] = sum / divisor
                // Block k starts at k × period (k ≥ 1) with its window summed afresh.
                var start = period
                while start < count {
                    sum = 0
                    for back in (start - period + 1)...start { sum += input[back] }
                    result[start] = sum / divisor
                    let end = min(start + period, count)
                    var index = start + 1
                    while index < end {
                        sum += input[index] - input[index - period]
                        result[index] = sum / divisor
                        index += 1
                    }
                    start = end
                }
            }
            initialized = count
        }
    }

    /// Exponential moving average with `α = 2 / (period + 1)`, seeded with the simple mean of the
    /// first `period` values, so it is defined from index `period − 1` on.
    public static func ema(_ values: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "period must be at least 1")
        let count = values.count
        var result = [Double](repeating: .nan, count: count)
        guard count >= period else { return result }
        var value = 0.0
        for index in 0..<period { value += values[index] }
        value /= Double(period)
        result[period - 1] = value
        let alpha = 2.0 / Double(period + 1)
        var index = period
        while index < count {
            value += alpha * (values[index] - value)
            result[index] = value
            index += 1
        }
        return result
    }

    /// Relative strength index with Wilder's smoothing, defined from index `period` on (it needs
    /// `period` price changes). 100 when there were no losses, 50 when there was no movement at all.
    public static func rsi(_ values: [Double], period: Int) -> [Double] {
        precondition(period >= 1, "period must be at least 1")
        let count = values.count
        var result = [Double](repeating: .nan, count: count)
        guard count > period else { return result }
        var gain = 0.0
        var loss = 0.0
        for index in 1...period {
            let change = values[index] - values[index - 1]
            if change > 0 { gain += change } else { loss -= change }
        }
        gain /= Double(period)
        loss /= Double(period)
        result[period] = rsiValue(gain: gain, loss: loss)
        let weight = Double(period)
        var index = period + 1
        while index < count {
            let change = values[index] - values[index - 1]
            gain = (gain * (weight - 1) + max(change, 0)) / weight
            loss = (loss * (weight - 1) + max(-change, 0)) / weight
            result[index] = rsiValue(gain: gain, loss: loss)
            index += 1
        }
        return result
    }

    private static func rsiValue(gain: Double, loss: Double) -> Double {
        if loss == 0 { return gain == 0 ? 50 : 100 }
        return 100 - 100 / (1 + gain / loss)
    }

    /// Rolling sample standard deviation (divisor `window − 1`) over `window` values, defined from
    /// index `window − 1` on. Sums are taken about a shifted origin and refreshed every `window`
    /// steps, which keeps the result accurate for prices far from zero; they are also refreshed
    /// whenever an update cancels more than four digits (`cancels`), as when the window goes
    /// nearly flat after a jump has entered or left it, so such a window keeps its digits (an
    /// exactly flat one is exactly 0).
    public static func rollingStandardDeviation(_ values: [Double], window: Int) -> [Double] {
        precondition(window >= 2, "window must be at least 2")
        let count = values.count
        var result = [Double](repeating: .nan, count: count)
        guard count >= window else { return result }
        var origin = values[0]
        var sum = 0.0
        var squares = 0.0
        var peak = 0.0
        func refresh(endingAt end: Int) {
            origin = values[end - window + 1]
            sum = 0
            squares = 0
            for index in (end - window + 1)...end {
                let shifted = values[index] - origin
                sum += shifted
                squares += shifted * shifted
            }
            peak = squares
        }
        refresh(endingAt: window - 1)
        let size = Double(window)
        var index = window - 1
        while index < count {
            if index >= window {
                if index % window == 0 {
                    refresh(endingAt: index)
                } else {
                    let incoming = values[index] - origin
                    let outgoing = values[index - window] - origin
                    sum += incoming - outgoing
                    squares += incoming * incoming - outgoing * outgoing
                    peak = max(peak, squares)
                    if cancels(sum: sum, squares: squares, peak: peak, size: size) { refresh(endingAt: index) }
                }
            }
            let variance = max(0, (squares - sum * sum / size) / (size - 1))
            result[index] = variance.squareRoot()
            index += 1
        }
        return result
    }

    /// True when the spread `squares − sum²/size` of sums about a shifted origin has lost more than
    /// four of its digits to cancellation: it is below 10⁻⁴ of `peak`, the largest `squares` since
    /// the sums were last taken afresh (every term and every rounding so far is at most that
    /// large). The rolling deviations then sum their window afresh, so fewer than `window` updates
    /// leave the spread a relative error below about `window` × 10⁻¹². Both implementations apply
    /// the same test, so they stay bit for bit equal.
    @inline(__always)
    static func cancels(sum: Double, squares: Double, peak: Double, size: Double) -> Bool {
        squares - sum * sum / size < peak * 1e-4
    }

    /// Sample standard deviation of a small collection (divisor `n − 1`); nil for fewer than two values.
    public static func sampleStandardDeviation<C: Collection>(_ values: C) -> Double? where C.Element == Double {
        let count = values.count
        guard count >= 2 else { return nil }
        var mean = 0.0
        for value in values { mean += value }
        mean /= Double(count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        return (squares / Double(count - 1)).squareRoot()
    }
}
