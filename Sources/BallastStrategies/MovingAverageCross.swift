import BallastCore

/// A moving average fed one close at a time (`RunningSMA`, `RunningEMA`).
protocol RunningAverage: Sendable, Equatable {
    init(period: Int)
    mutating func next(_ value: Double) -> Double
}

extension RunningSMA: RunningAverage {}
extension RunningEMA: RunningAverage {}

/// The state of a moving-average cross: two averages of the close and their values at the
/// previous bar (NaN before the first), stepped by the crossover rule of `Crossover.signal`.
struct CrossState<Average: RunningAverage>: Sendable, Equatable {
    var fast: Average
    var slow: Average
    var previousFast = PreviousValue()
    var previousSlow = PreviousValue()

    init(fast: Int, slow: Int) {
        self.fast = Average(period: fast)
        self.slow = Average(period: slow)
    }

    /// Feeds one close; writes the two averages into `values[0]`, `values[1]`.
    @inline(__always)
    mutating func step(close: Double, allowShort: Bool, values: inout [Double]) -> Signal {
        let currentFast = fast.next(close)
        let currentSlow = slow.next(close)
        values[0] = currentFast
        values[1] = currentSlow
        let signal = Crossover.signal(
            previousFast: previousFast.value, previousSlow: previousSlow.value, fast: currentFast, slow: currentSlow,
            allowShort: allowShort)
        previousFast.value = currentFast
        previousSlow.value = currentSlow
        return signal
    }
}

/// What `sma_cross` and `ema_cross` share: the parameters and the configuration reader; they
/// differ only in the average.
protocol MovingAverageCross: BuiltInStrategy {
    var fast: Int { get }
    var slow: Int { get }
    var allowShort: Bool { get }
    init(fast: Int, slow: Int, allowShort: Bool)
}

extension MovingAverageCross {
    static var parameterNames: [String] { ["fast", "slow", "allow_short"] }

    /// `slow + 1`: the first possible signal is at bar `slow`.
    public var lookback: Int { slow + 1 }

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let periods = parameters.fastSlowPeriods(&issues)
        let allowShort = parameters.bool("allow_short", default: false, &issues)
        guard issues.count == before else { return nil }
        return Self(fast: periods.fast, slow: periods.slow, allowShort: allowShort)
    }
}
