import BallastCore

/// Trend following on two simple moving averages of the close (kind `sma_cross`).
///
/// At bar `i`, with both averages defined at `i − 1` and `i`:
/// - the fast SMA crosses above the slow one (`fast[i] > slow[i]` and `fast[i−1] <= slow[i−1]`):
///   `.enterLong`;
/// - it crosses below (`fast[i] < slow[i]` and `fast[i−1] >= slow[i−1]`): `.enterShort` when
///   `allowShort` (the engine reverses a long), otherwise `.exit`.
///
/// Tie rule: equality is neither above nor below. A touch emits nothing, and leaving a touch is a
/// cross: (below, equal, above) emits `.enterLong` at the third bar, and so does (above, equal,
/// above), which re-enters a position the engine stopped out meanwhile.
///
/// Warm-up: no signal before bar `slow` (the slow SMA is defined from `slow − 1`, and a cross
/// needs the bar before). Indicator columns: `sma_fast`, `sma_slow` (NaN during their warm-up).
/// Invariant: `1 ≤ fast < slow`.
public struct SMACrossStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "sma_cross"
    /// The fast SMA's period in bars (≥ 1).
    public let fast: Int
    /// The slow SMA's period in bars (> `fast`).
    public let slow: Int
    /// Whether a down-cross enters a short (true) or only exits (false).
    public let allowShort: Bool
    /// The two averages and their previous values.
    private var state: CrossState<RunningSMA>

    /// A strategy with the given periods. Precondition: `1 ≤ fast < slow` (`StrategyCatalog`
    /// reports violations as configuration issues instead).
    public init(fast: Int = 10, slow: Int = 30, allowShort: Bool = false) {
        precondition(fast >= 1 && slow > fast, "SMACrossStrategy needs 1 ≤ fast < slow")
        self.fast = fast
        self.slow = slow
        self.allowShort = allowShort
        state = CrossState(fast: fast, slow: slow)
    }

    /// `sma_cross`.
    public var kind: String { Self.kind }

}

extension SMACrossStrategy: MovingAverageCross {
    /// `sma_fast`, `sma_slow`.
    public var valueNames: [String] { ["sma_fast", "sma_slow"] }

    /// Feeds one bar: both averages of the close step once, then the crossover rule applies.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        state.step(close: bar.close, allowShort: allowShort, values: &values)
    }
}
