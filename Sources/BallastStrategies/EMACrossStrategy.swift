import BallastCore

/// Trend following on two exponential moving averages of the close (kind `ema_cross`).
///
/// At bar `i`, with both averages defined at `i − 1` and `i`:
/// - the fast EMA crosses above the slow one (`fast[i] > slow[i]` and `fast[i−1] <= slow[i−1]`):
///   `.enterLong`;
/// - it crosses below (`fast[i] < slow[i]` and `fast[i−1] >= slow[i−1]`): `.enterShort` when
///   `allowShort` (the engine reverses a long), otherwise `.exit`.
///
/// Tie rule: equality is neither above nor below. A touch emits nothing, and leaving a touch is a
/// cross: (below, equal, above) emits `.enterLong` at the third bar, and so does (above, equal,
/// above), which re-enters a position the engine stopped out meanwhile.
///
/// Warm-up: no signal before bar `slow` (the slow EMA is defined from `slow − 1`, and a cross
/// needs the bar before). Indicator columns: `ema_fast`, `ema_slow` (NaN during their warm-up).
/// Each EMA (`α = 2 / (period + 1)`) is seeded with the simple mean of its first `period` closes
/// and stepped by `RunningEMA` (bit for bit `Indicators.ema`), so it depends on where the series
/// starts; a live run steps it from the first bar it holds, as the backtest does.
/// Invariant: `1 ≤ fast < slow`.
public struct EMACrossStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "ema_cross"
    /// The fast EMA's period in bars (≥ 1).
    public let fast: Int
    /// The slow EMA's period in bars (> `fast`).
    public let slow: Int
    /// Whether a down-cross enters a short (true) or only exits (false).
    public let allowShort: Bool
    /// The two averages and their previous values.
    private var state: CrossState<RunningEMA>

    /// A strategy with the given periods. Precondition: `1 ≤ fast < slow` (`StrategyCatalog`
    /// reports violations as configuration issues instead).
    public init(fast: Int = 10, slow: Int = 30, allowShort: Bool = false) {
        precondition(fast >= 1 && slow > fast, "EMACrossStrategy needs 1 ≤ fast < slow")
        self.fast = fast
        self.slow = slow
        self.allowShort = allowShort
        state = CrossState(fast: fast, slow: slow)
    }

    /// `ema_cross`.
    public var kind: String { Self.kind }

}

extension EMACrossStrategy: MovingAverageCross {
    /// `ema_fast`, `ema_slow`.
    public var valueNames: [String] { ["ema_fast", "ema_slow"] }

    /// Feeds one bar: both averages of the close step once, then the crossover rule applies.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        state.step(close: bar.close, allowShort: allowShort, values: &values)
    }
}
