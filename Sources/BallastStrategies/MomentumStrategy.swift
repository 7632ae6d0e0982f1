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
    /// `2 √window`, the confidence's scale.
    private let scale: Double
    /// The closes of the last `window` bars, the previous close, the deviation of one-bar returns
    /// and the momentum at the previous bar (NaN before it is defined).
    private var closes: LaggedValues
    private var lastClose = 0.0
    private var deviation: RunningStandardDeviation
    private var previous = PreviousValue()

    /// A strategy over `lookback` bars. Precondition: `lookback ≥ 2`, `threshold ≥ 0` and finite
    /// (`StrategyCatalog` reports violations as configuration issues instead).
    public init(lookback: Int = 20, threshold: Double = 0) {
        precondition(lookback >= 2, "MomentumStrategy needs lookback ≥ 2")
        precondition(threshold >= 0 && threshold.isFinite, "MomentumStrategy needs a finite threshold ≥ 0")
        window = lookback
        self.threshold = threshold
        scale = 2 * Double(lookback).squareRoot()
        closes = LaggedValues(lag: lookback)
        deviation = RunningStandardDeviation(window: lookback)
    }

    /// `momentum`.
    public var kind: String { Self.kind }

    /// `window + 2`: the first possible signal is at bar `window + 1` (the protocol's bar count,
    /// not the `lookback` parameter, which is `window`).
    public var lookback: Int { window + 2 }

    /// `momentum`, `prediction_confidence`.
    public var valueNames: [String] { ["momentum", Self.confidenceColumn] }

    /// Feeds one bar: the window of closes and the deviation of one-bar returns step once.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let close = bar.close
        let index = closes.count
        // The one-bar return (0 at the first bar), whose deviation σ covers bars (i − window + 1)...i.
        let sigma = deviation.next(index == 0 ? 0 : close / lastClose - 1)
        lastClose = close
        let windowStart = closes.push(close)
        guard let windowStart else {
            values[0] = .nan
            values[1] = .nan
            return .none
        }
        let current = close / windowStart - 1
        // min(1, |r| / (2σ√window)), with 0 when r is 0 and 1 when σ is 0 but r is not.
        let magnitude = abs(current)
        let bound = scale * sigma
        values[0] = current
        values[1] = current == 0 ? 0 : (magnitude >= bound ? 1 : magnitude / bound)
        defer { previous.value = current }
        if Crossover.crossesAbove(from: previous.value, to: current, threshold) { return .enterLong }
        if Crossover.crossesBelow(from: previous.value, to: current, 0) { return .exit }
        return .none
    }
}

/// The last `window + 1` values fed, to read the one `window` bars back.
struct LaggedValues: Sendable, Equatable {
    private var ring: [Double]
    private var next = 0
    private(set) var count = 0

    init(lag: Int) { ring = [Double](repeating: 0, count: lag) }

    /// Feeds a value; returns the value fed `lag` values earlier, nil before that many.
    mutating func push(_ value: Double) -> Double? {
        let lagged = count >= ring.count ? ring[next] : nil
        ring[next] = value
        next = next + 1 == ring.count ? 0 : next + 1
        count += 1
        return lagged
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
