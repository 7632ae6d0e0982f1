import BallastCore
import BallastRisk

/// A signal generator for one symbol and timeframe: a **state machine fed one bar at a time**
/// (SPEC §15). Implement it in your own package to run your own logic under Ballast's shared risk
/// layer.
///
/// Contract: `step(_:values:)` is given the bars of the strategy's series in order, each exactly
/// once, starting from the value as constructed. It updates the strategy's own state and returns
/// the signal at that bar's close; it writes its named values for the bar (`valueNames`, e.g.
/// `prediction_confidence`, which sizers read) into `values`, NaN where undefined. It sees no later
/// bar, so it cannot look ahead. The backtest and the live run drive the same `step` (a live run
/// warms a strategy up on the bars it holds, then steps it once per new bar), so a live run costs
/// the same per bar after a month as after a minute.
///
/// A strategy is a value: copying it copies its state, and a copy stepped on its own is
/// independent. `signals(for:)` steps a copy over a whole series.
public protocol Strategy: Sendable {
    /// The kind name used in portfolio files (`sma_cross`, …).
    var kind: String { get }
    /// How many bars the strategy needs before its first meaningful signal.
    var lookback: Int { get }
    /// The names of the values every step reports, in the order of `step`'s `values` (none by
    /// default). Fixed for the strategy's life.
    var valueNames: [String] { get }
    /// Feeds the next bar of the series: updates the state and returns the signal at the bar's close.
    ///
    /// - Parameter values: one slot per entry of `valueNames` (the caller sizes it); set each to the
    ///   named value at this bar, NaN while undefined. Slots not set keep the previous bar's value.
    mutating func step(_ bar: Bar, values: inout [Double]) -> Signal
    /// Steps the strategy over bars `range` of `series` and collects its signals and the value
    /// columns named in `columns` (all when nil). **Do not implement it**: the default
    /// (`StrategyStepping.swift`) is the one stepping loop every driver uses; it is a requirement
    /// only so that the loop is compiled for each strategy type (a direct call to `step` per bar
    /// instead of a dynamic one).
    mutating func step(over series: BarSeries, bars range: Range<Int>, columns: Set<String>?) -> SignalSeries
    /// The override-profile hook (the seed's `get_risk_overrides()`): given the profile from the
    /// portfolio file, return the profile this strategy trades with. The default returns it unchanged.
    func riskOverrides(_ profile: RiskProfile) -> RiskProfile
}

extension Strategy {
    public var valueNames: [String] { [] }

    public func riskOverrides(_ profile: RiskProfile) -> RiskProfile { profile }
}
