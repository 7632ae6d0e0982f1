import BallastCore

/// What `sma_cross` and `ema_cross` share: two moving averages of the close and the crossover
/// rule of `Crossover.signals`; they differ only in the average.
protocol MovingAverageCross: BuiltInStrategy {
    /// The indicator-column prefix and kind stem (`sma`, `ema`).
    static var averageName: String { get }
    /// The moving average over whole columns, NaN during its warm-up.
    static func average(_ values: [Double], period: Int) -> [Double]
    var fast: Int { get }
    var slow: Int { get }
    var allowShort: Bool { get }
    init(fast: Int, slow: Int, allowShort: Bool)
}

extension MovingAverageCross {
    static var parameterNames: [String] { ["fast", "slow", "allow_short"] }

    /// `slow + 1`: the first possible signal is at bar `slow`.
    public var lookback: Int { slow + 1 }

    /// Signals for every bar in O(n), with the two averages as indicator columns
    /// (`<average>_fast`, `<average>_slow`).
    public func signals(for series: BarSeries) -> SignalSeries {
        let fastValues = Self.average(series.close, period: fast)
        let slowValues = Self.average(series.close, period: slow)
        return SignalSeries(
            signals: Crossover.signals(fast: fastValues, slow: slowValues, allowShort: allowShort),
            indicators: ["\(Self.averageName)_fast": fastValues, "\(Self.averageName)_slow": slowValues])
    }

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let periods = parameters.fastSlowPeriods(&issues)
        let allowShort = parameters.bool("allow_short", default: false, &issues)
        guard issues.count == before else { return nil }
        return Self(fast: periods.fast, slow: periods.slow, allowShort: allowShort)
    }
}
