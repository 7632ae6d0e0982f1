import BallastCore

/// Long-only mean reversion on the relative strength index of the close (kind `rsi_reversion`).
///
/// With the RSI (Wilder's smoothing, `Indicators.rsi`) defined at bars `i − 1` and `i`:
/// - it crosses below `lower` (`rsi[i] < lower` and `rsi[i−1] >= lower`): `.enterLong` (oversold);
/// - it crosses above `upper` (`rsi[i] > upper` and `rsi[i−1] <= upper`): `.exit` (overbought).
///
/// Equality with a level is not a cross (a touch emits nothing). The two events cannot fall on one
/// bar because `lower < upper`. The strategy never shorts.
///
/// Warm-up: the RSI is defined from bar `period`, so the first possible signal is at `period + 1`.
/// The RSI is recursive (seeded by the first `period` changes) and stepped by `RunningRSI`, bit for
/// bit `Indicators.rsi`. Named value: `rsi`. Invariants: `period ≥ 1`, `0 < lower < upper < 100`.
public struct RSIReversionStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "rsi_reversion"
    /// The RSI period in bars (≥ 1).
    public let period: Int
    /// The oversold level an entry crosses below, in (0, `upper`).
    public let lower: Double
    /// The overbought level an exit crosses above, in (`lower`, 100).
    public let upper: Double
    /// The running RSI and its value at the previous bar (NaN before it is defined).
    private var rsi: RunningRSI
    private var previous = PreviousValue()

    /// A strategy with the given RSI period and levels. Precondition: `period ≥ 1` and
    /// `0 < lower < upper < 100` (`StrategyCatalog` reports violations as configuration issues).
    public init(period: Int = 14, lower: Double = 30, upper: Double = 70) {
        precondition(period >= 1, "RSIReversionStrategy needs period ≥ 1")
        precondition(0 < lower && lower < upper && upper < 100, "RSIReversionStrategy needs 0 < lower < upper < 100")
        self.period = period
        self.lower = lower
        self.upper = upper
        rsi = RunningRSI(period: period)
    }

    /// `rsi_reversion`.
    public var kind: String { Self.kind }

    /// `period + 2`: the first possible signal is at bar `period + 1`.
    public var lookback: Int { period + 2 }

    /// `rsi`.
    public var valueNames: [String] { ["rsi"] }

    /// Feeds one bar: the RSI steps once, then the level crossings apply.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let current = rsi.next(bar.close)
        values[0] = current
        defer { previous.value = current }
        if Crossover.crossesBelow(from: previous.value, to: current, lower) { return .enterLong }
        if Crossover.crossesAbove(from: previous.value, to: current, upper) { return .exit }
        return .none
    }
}

extension RSIReversionStrategy: BuiltInStrategy {
    static let parameterNames = ["period", "lower", "upper"]

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let period = parameters.period("period", default: 14, &issues)
        let lower = parameters.number("lower", default: 30, in: 0...100, &issues)
        let upper = parameters.number("upper", default: 70, in: 0...100, &issues)
        if issues.count == before {
            if lower <= 0 {
                issues.append(
                    ConfigIssue(keyPath: parameters.keyPath("lower"), reason: "must be above 0, got \(lower)"))
            }
            if upper >= 100 {
                issues.append(
                    ConfigIssue(keyPath: parameters.keyPath("upper"), reason: "must be below 100, got \(upper)"))
            } else if lower > 0 && upper <= lower {
                issues.append(
                    ConfigIssue(
                        keyPath: parameters.keyPath("upper"),
                        reason: "must be greater than lower (\(lower)), got \(upper)"))
            }
        }
        guard issues.count == before else { return nil }
        return Self(period: period, lower: lower, upper: upper)
    }
}
