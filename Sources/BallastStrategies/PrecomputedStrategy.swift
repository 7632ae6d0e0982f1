import BallastCore

/// A strategy whose signals and named values were computed beforehand, by bar time: a signals
/// file (kind `signals`) once joined to its bars, or a process strategy run over a whole series
/// in a backtest. Stepping it is an index: O(1) per bar, no more than a built-in strategy.
///
/// `step` looks the bar up by its time: the next stored bar is checked first, so a series stepped
/// in order from any stored bar costs one comparison a bar; another time is found by binary
/// search. A bar whose time is not stored gets `.none` and NaN values (a signals file read for a
/// live run that outgrows it).
///
/// Invariants: `times` is strictly increasing; `signals` and every value column have its length;
/// the columns are in `valueNames` order.
public struct PrecomputedStrategy: Strategy, Equatable {
    /// The kind it was computed for: `signals`, `process`, ….
    public let kind: String
    public let lookback: Int
    public let valueNames: [String]
    /// The bar times (Unix seconds), strictly increasing.
    public let times: [Int64]
    /// One signal per time.
    public let signals: [Signal]
    /// One column per value name, each one value per time (NaN where undefined).
    public let columns: [[Double]]
    /// The index the next step expects.
    private var cursor = 0

    /// Signals and value columns by bar time. Precondition: the invariants above.
    public init(
        kind: String, lookback: Int = 0, times: [Int64], signals: [Signal], valueNames: [String] = [],
        columns: [[Double]] = []
    ) {
        precondition(signals.count == times.count, "one signal per time")
        precondition(columns.count == valueNames.count && columns.allSatisfy { $0.count == times.count })
        self.kind = kind
        self.lookback = lookback
        self.times = times
        self.signals = signals
        self.valueNames = valueNames
        self.columns = columns
    }

    /// The stored signal at the bar's time, and its values; `.none` and NaN for a time not stored.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let time = bar.time.seconds
        let index: Int
        if cursor < times.count, times[cursor] == time {
            index = cursor
        } else {
            var low = 0
            var high = times.count
            while low < high {
                let middle = (low + high) / 2
                if times[middle] < time { low = middle + 1 } else { high = middle }
            }
            guard low < times.count, times[low] == time else {
                for slot in values.indices { values[slot] = .nan }
                return .none
            }
            index = low
        }
        cursor = index + 1
        for slot in columns.indices where slot < values.count { values[slot] = columns[slot][index] }
        return signals[index]
    }
}

/// A strategy that computes its signals outside Ballast (a process, SPEC §15): before a backtest
/// it is run once over its whole series (all bars written ahead, its answers read as they come)
/// and replaced by the `PrecomputedStrategy` it produced. Stepping it bar by bar (a live run)
/// asks it one bar at a time instead.
public protocol ExternalStrategy: Strategy {
    /// The strategy's id in the portfolio file (for error messages).
    var id: String { get }
    /// Runs the strategy over every bar of `series` from a fresh start and returns its answers.
    ///
    /// - Throws: a `BallastFailure` naming the strategy, the bar and the message when the strategy
    ///   fails (it exits, hangs, answers malformed lines, …).
    func precomputed(over series: BarSeries) async throws -> PrecomputedStrategy
}

/// A strategy that can fail while it is stepped (a process strategy whose process exited, hung or
/// broke the protocol). From the step that failed on it answers `.none`; `failureMessage` says
/// why. A live run halts it (reduce-only, SPEC §15) when it sees the message.
public protocol FallibleStrategy: Strategy {
    /// Why the strategy failed, nil while it works.
    var failureMessage: String? { get }
}
