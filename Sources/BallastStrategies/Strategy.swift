import BallastCore
import BallastRisk

/// A signal generator for one symbol and timeframe. Implement it in your own package to run your
/// own logic under Ballast's shared risk layer.
///
/// Contract: `signals(for:)` is a pure function of the bars it is given, and signal `i` uses
/// bars `0...i` only. It is called once over a whole series in a backtest (so it can be O(n)
/// vectorised), and over a trailing window of at least `lookback` bars in a live run.
public protocol Strategy: Sendable {
    /// The kind name used in portfolio files (`sma_cross`, …).
    var kind: String { get }
    /// How many bars the strategy needs before its first meaningful signal.
    var lookback: Int { get }
    /// Signals and indicator columns for every bar of `series`.
    func signals(for series: BarSeries) -> SignalSeries
    /// The override-profile hook (the seed's `get_risk_overrides()`): given the profile from the
    /// portfolio file, return the profile this strategy trades with. The default returns it unchanged.
    func riskOverrides(_ profile: RiskProfile) -> RiskProfile
}

extension Strategy {
    public func riskOverrides(_ profile: RiskProfile) -> RiskProfile { profile }
}
