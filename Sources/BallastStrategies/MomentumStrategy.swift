import BallastCore

/// Time-series momentum on the close (kind `momentum`), with a confidence column for sizers.
///
/// The momentum at bar `i` is the simple return over `window` bars (the `lookback` parameter):
/// `r[i] = close[i] / close[i − window] − 1`, defined from bar `window`. With `r` defined at bars
/// `i − 1` and `i`:
/// - `r` crosses above `threshold` (`r[i] > threshold` and `r[i−1] <= threshold`): `.enterLong`;
/// - `r` crosses below zero (`r[i] < 0` and `r[i−1] >= 0`): `.exit`: the move that justified the
///   entry has fully reversed, so the strategy stands aside rather than waiting for `−threshold`.
///
/// Equality is not a cross. The two events cannot fall on one bar because `threshold ≥ 0`.
/// Long-only; the first possible signal is at bar `window + 1`.
///
/// Indicator columns, NaN before bar `window`:
/// - `momentum`: `r[i]`;
/// - `prediction_confidence` in [0, 1]: `min(1, |r[i]| / (2 σ[i] √window))`, where `σ[i]` is the
///   sample standard deviation of the last `window` one-bar simple returns (those of bars
///   `(i − window + 1)...i`, the same bars `r[i]` spans). So a move of two standard errors or more
///   is full confidence. When `σ[i] == 0` it is 0 if `r[i] == 0` and 1 otherwise.
///
/// Invariants: `window ≥ 2` (σ needs two returns), `threshold ≥ 0`.
public struct MomentumStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "momentum"
    /// The column name of the confidence indicator (the default `confidence_key` of SPEC §3).
    public static let confidenceColumn = "prediction_confidence"
    /// The number of bars the momentum return spans (the `lookback` parameter; ≥ 2).
    public let window: Int
    /// The return an entry crosses above (≥ 0).
    public let threshold: Double

    /// A strategy over `lookback` bars. Precondition: `lookback ≥ 2`, `threshold ≥ 0` and finite
    /// (`StrategyCatalog` reports violations as configuration issues instead).
    public init(lookback: Int = 20, threshold: Double = 0) {
        precondition(lookback >= 2, "MomentumStrategy needs lookback ≥ 2")
        precondition(threshold >= 0 && threshold.isFinite, "MomentumStrategy needs a finite threshold ≥ 0")
        window = lookback
        self.threshold = threshold
    }

    /// `momentum`.
    public var kind: String { Self.kind }

    /// `window + 2`: the first possible signal is at bar `window + 1` (the protocol's bar count,
    /// not the `lookback` parameter, which is `window`).
    public var lookback: Int { window + 2 }

    /// Signals and the `momentum` and `prediction_confidence` columns for every bar, in O(n).
    public func signals(for series: BarSeries) -> SignalSeries {
        let close = series.close
        let count = close.count
        var signals = [Signal](repeating: .none, count: count)
        var momentum = [Double](repeating: .nan, count: count)
        var confidence = [Double](repeating: .nan, count: count)
        guard count > window else {
            return SignalSeries(
                signals: signals, indicators: ["momentum": momentum, Self.confidenceColumn: confidence])
        }
        // The confidence column first holds the one-bar returns (0 at bar 0, never read for a
        // defined value), so sigma[i] covers the returns of bars (i − window + 1)...i.
        confidence[0] = 0
        for index in 1..<count { confidence[index] = close[index] / close[index - 1] - 1 }
        let sigma = Indicators.rollingStandardDeviation(confidence, window: window)
        for index in 0..<window { confidence[index] = .nan }
        let scale = 2 * Double(window).squareRoot()
        var previous = Double.nan
        for index in window..<count {
            let current = close[index] / close[index - window] - 1
            momentum[index] = current
            // min(1, |r| / (2σ√window)), with 0 when r is 0 and 1 when σ is 0 but r is not.
            let magnitude = abs(current)
            let bound = scale * sigma[index]
            confidence[index] = current == 0 ? 0 : (magnitude >= bound ? 1 : magnitude / bound)
            if Crossover.crossesAbove(from: previous, to: current, threshold) {
                signals[index] = .enterLong
            } else if Crossover.crossesBelow(from: previous, to: current, 0) {
                signals[index] = .exit
            }
            previous = current
        }
        return SignalSeries(signals: signals, indicators: ["momentum": momentum, Self.confidenceColumn: confidence])
    }
}

extension MomentumStrategy: BuiltInStrategy {
    static let parameterNames = ["lookback", "threshold"]

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let lookback = parameters.period("lookback", default: 20, minimum: 2, &issues)
        let threshold = parameters.number("threshold", default: 0, in: 0...10, &issues)
        guard issues.count == before else { return nil }
        return Self(lookback: lookback, threshold: threshold)
    }
}
