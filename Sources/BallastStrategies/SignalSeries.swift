/// A strategy's output over a whole bar series: one signal per bar and optional indicator columns
/// (such as `prediction_confidence`) that sizers read at the decision bar.
///
/// Invariants: `signals.count` equals the bar count; every indicator column has that length too;
/// value `i` of anything here depends on bars `0...i` only (no look-ahead).
public struct SignalSeries: Sendable, Equatable {
    /// One signal per bar, at the bar's close.
    public var signals: [Signal]
    /// Named indicator columns aligned with the bars; NaN where undefined.
    public var indicators: [String: [Double]]

    /// Signals with optional indicator columns. The caller keeps every column as long as `signals`.
    public init(signals: [Signal], indicators: [String: [Double]] = [:]) {
        self.signals = signals
        self.indicators = indicators
    }

    /// A series of `count` bars with no signals.
    public init(count: Int) {
        self.init(signals: [Signal](repeating: .none, count: count))
    }
}
