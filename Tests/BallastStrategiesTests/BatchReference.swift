import BallastCore
import BallastStrategies

/// The built-in strategies' batch implementations as they were before strategies became state
/// machines (main at a5e06f3, `signals(for:)` over a whole series, verbatim but for the receiver):
/// the oracle the stepped strategies must equal bar for bar, bit for bit.
enum BatchReference {
    static func signals(_ strategy: any Strategy, _ series: BarSeries) -> SignalSeries {
        switch strategy {
        case let s as SMACrossStrategy:
            return crossSignals(
                Indicators.sma(series.close, period: s.fast), Indicators.sma(series.close, period: s.slow), "sma",
                s.allowShort)
        case let s as EMACrossStrategy:
            return crossSignals(
                Indicators.ema(series.close, period: s.fast), Indicators.ema(series.close, period: s.slow), "ema",
                s.allowShort)
        case let s as RSIReversionStrategy: return rsi(s, series)
        case let s as DonchianBreakoutStrategy: return donchian(s, series)
        case let s as MomentumStrategy: return momentum(s, series)
        case is BuyAndHoldStrategy:
            var signals = SignalSeries(count: series.count)
            if !signals.signals.isEmpty { signals.signals[0] = .enterLong }
            return signals
        case let s as RandomEntryStrategy: return randomEntry(s, series)
        default: preconditionFailure("no batch reference for \(strategy.kind)")
        }
    }

    static func crossSignals(_ fastValues: [Double], _ slowValues: [Double], _ name: String, _ allowShort: Bool)
        -> SignalSeries
    {
        SignalSeries(
            signals: crossover(fast: fastValues, slow: slowValues, allowShort: allowShort),
            indicators: ["\(name)_fast": fastValues, "\(name)_slow": slowValues])
    }

    static func crossover(fast: [Double], slow: [Double], allowShort: Bool) -> [Signal] {
        precondition(fast.count == slow.count, "crossover columns must have equal lengths")
        let count = fast.count
        var result = [Signal](repeating: .none, count: count)
        guard count >= 2 else { return result }
        let downSignal: Signal = allowShort ? .enterShort : .exit
        var previousFast = fast[0]
        var previousSlow = slow[0]
        for index in 1..<count {
            let currentFast = fast[index]
            let currentSlow = slow[index]
            if currentFast > currentSlow && previousFast <= previousSlow {
                result[index] = .enterLong
            } else if currentFast < currentSlow && previousFast >= previousSlow {
                result[index] = downSignal
            }
            previousFast = currentFast
            previousSlow = currentSlow
        }
        return result
    }

    static func rsi(_ strategy: RSIReversionStrategy, _ series: BarSeries) -> SignalSeries {
        let rsi = Indicators.rsi(series.close, period: strategy.period)
        var signals = [Signal](repeating: .none, count: rsi.count)
        var index = strategy.period + 1
        while index < rsi.count {
            let previous = rsi[index - 1]
            let current = rsi[index]
            if (current < strategy.lower && previous >= strategy.lower) {
                signals[index] = .enterLong
            } else if (current > strategy.upper && previous <= strategy.upper) {
                signals[index] = .exit
            }
            index += 1
        }
        return SignalSeries(signals: signals, indicators: ["rsi": rsi])
    }

    static func donchian(_ strategy: DonchianBreakoutStrategy, _ series: BarSeries) -> SignalSeries {
        let count = series.count
        var signals = [Signal](repeating: .none, count: count)
        let start = max(strategy.entry, strategy.exit)
        guard count > start else { return SignalSeries(signals: signals) }
        let close = series.close
        // One scratch column serves the four channels in turn; slot `i − window` of a channel
        // covers bars (i − window)..<i. Entries first, then exits, which follow the most recent
        // entry before their bar (exits never change the direction).
        var channel = [Double](repeating: 0, count: count)
        ReferenceRollingExtremes.maxima(series.high, window: strategy.entry, into: &channel)
        for index in start..<count where close[index] > channel[index - strategy.entry] {
            signals[index] = .enterLong
        }
        if strategy.allowShort {
            ReferenceRollingExtremes.minima(series.low, window: strategy.entry, into: &channel)
            for index in start..<count where close[index] < channel[index - strategy.entry] {
                signals[index] = .enterShort
            }
        }
        ReferenceRollingExtremes.minima(series.low, window: strategy.exit, into: &channel)
        var direction: Signal = strategy.allowShort ? .none : .enterLong
        for index in start..<count {
            let signal = signals[index]
            if signal != .none {
                direction = signal
            } else if direction == .enterLong && close[index] < channel[index - strategy.exit] {
                signals[index] = .exit
            }
        }
        if strategy.allowShort {
            ReferenceRollingExtremes.maxima(series.high, window: strategy.exit, into: &channel)
            direction = .none
            for index in start..<count {
                let signal = signals[index]
                if signal == .enterLong || signal == .enterShort {
                    direction = signal
                } else if signal == .none && direction == .enterShort && close[index] > channel[index - strategy.exit] {
                    signals[index] = .exit
                }
            }
        }
        return SignalSeries(signals: signals)
    }

    static func momentum(_ strategy: MomentumStrategy, _ series: BarSeries) -> SignalSeries {
        let close = series.close
        let count = close.count
        var signals = [Signal](repeating: .none, count: count)
        var momentum = [Double](repeating: .nan, count: count)
        var confidence = [Double](repeating: .nan, count: count)
        guard count > strategy.window else {
            return SignalSeries(
                signals: signals, indicators: ["momentum": momentum, MomentumStrategy.confidenceColumn: confidence])
        }
        // The confidence column first holds the one-bar returns (0 at bar 0, never read for a
        // defined value), so sigma[i] covers the returns of bars (i − window + 1)...i.
        confidence[0] = 0
        for index in 1..<count { confidence[index] = close[index] / close[index - 1] - 1 }
        let sigma = Indicators.rollingStandardDeviation(confidence, window: strategy.window)
        for index in 0..<strategy.window { confidence[index] = .nan }
        let scale = 2 * Double(strategy.window).squareRoot()
        var previous = Double.nan
        for index in strategy.window..<count {
            let current = close[index] / close[index - strategy.window] - 1
            momentum[index] = current
            // min(1, |r| / (2σ√window)), with 0 when r is 0 and 1 when σ is 0 but r is not.
            let magnitude = abs(current)
            let bound = scale * sigma[index]
            confidence[index] = current == 0 ? 0 : (magnitude >= bound ? 1 : magnitude / bound)
            if (current > strategy.threshold && previous <= strategy.threshold) {
                signals[index] = .enterLong
            } else if (current < 0 && previous >= 0) {
                signals[index] = .exit
            }
            previous = current
        }
        return SignalSeries(
            signals: signals, indicators: ["momentum": momentum, MomentumStrategy.confidenceColumn: confidence])
    }

    static func randomEntry(_ strategy: RandomEntryStrategy, _ series: BarSeries) -> SignalSeries {
        let count = series.count
        var signals = [Signal](repeating: .none, count: count)
        var generator = SplitMix64(seed: strategy.seed)
        let shortFrom = strategy.allowShort ? strategy.probability / 2 : strategy.probability
        var index = 0
        while index < count {
            let draw = generator.nextUnit()
            guard draw < strategy.probability else {
                index += 1
                continue
            }
            signals[index] = draw < shortFrom ? .enterLong : .enterShort
            guard strategy.holdBars < count - index else { break }
            signals[index + strategy.holdBars] = .exit
            index += strategy.holdBars + 1
        }
        return SignalSeries(signals: signals)
    }

}

/// Sliding-window maxima and minima in O(n) by the van Herk / Gil–Werman method.
///
/// The column is cut into blocks of `window` values. Any window of that length is a suffix of one
/// block plus a prefix of the next, so its extreme combines a suffix extreme (one backward pass)
/// with a prefix extreme (kept running in the forward pass): three comparisons per value,
/// whatever the window, without branches or a deque, written in place into a caller's buffer so
/// one allocation serves several channels. It is exact (no rounding), so the extreme of a window
/// depends on the values inside it only.
enum ReferenceRollingExtremes {
    /// Sets `result[j]` to the largest of `values[j..<(j + window)]` (the window that *starts* at
    /// `j`) for every `j ≤ values.count − window`; later slots are unspecified. The channel of the
    /// `window` bars before bar `i` is then `result[i − window]`.
    /// Preconditions: `window ≥ 1`; `result.count == values.count`; no value is NaN.
    static func maxima(_ values: [Double], window: Int, into result: inout [Double]) {
        fill(&result, values, window, Highest.self)
    }

    /// Sets `result[j]` to the smallest of `values[j..<(j + window)]` for every
    /// `j ≤ values.count − window`; later slots are unspecified. Preconditions as for `maxima`.
    static func minima(_ values: [Double], window: Int, into result: inout [Double]) {
        fill(&result, values, window, Lowest.self)
    }

    private protocol Order {
        static func pick(_ first: Double, _ second: Double) -> Double
    }

    private enum Highest: Order {
        @inline(__always)
        static func pick(_ first: Double, _ second: Double) -> Double { first > second ? first : second }
    }

    private enum Lowest: Order {
        @inline(__always)
        static func pick(_ first: Double, _ second: Double) -> Double { first < second ? first : second }
    }

    private static func fill<O: Order>(_ result: inout [Double], _ values: [Double], _ window: Int, _: O.Type) {
        precondition(window >= 1, "window must be at least 1")
        precondition(result.count == values.count, "result must be as long as values")
        let count = values.count
        guard count >= window else { return }
        // Backward pass: result[k] = extreme of values[k...end of k's block].
        var blockStart = 0
        while blockStart < count {
            let blockEnd = min(blockStart + window, count)
            var running = values[blockEnd - 1]
            result[blockEnd - 1] = running
            var index = blockEnd - 2
            while index >= blockStart {
                running = O.pick(running, values[index])
                result[index] = running
                index -= 1
            }
            blockStart = blockEnd
        }
        // Forward pass: the window ending at `end` is the suffix stored at its start combined with
        // the running prefix of `end`'s block; it is stored at the start, a slot no later window reads.
        var prefix = values[0]
        var offset = 0
        for end in 0..<count {
            prefix = offset == 0 ? values[end] : O.pick(prefix, values[end])
            offset = offset == window - 1 ? 0 : offset + 1
            if end >= window - 1 {
                let start = end - window + 1
                result[start] = O.pick(result[start], prefix)
            }
        }
    }
}
