import BallastCore

/// Channel breakout in the style of the Turtle rules (kind `donchian_breakout`).
///
/// The channels at bar `i` are built from the bars *before* it, never bar `i` itself:
/// `entryHigh` / `entryLow` = the highest high / lowest low of bars `(i − entry)..<i`, and
/// `exitHigh` / `exitLow` likewise over bars `(i − exit)..<i`. Then at bar `i`:
/// - `close[i] > entryHigh`: `.enterLong`;
/// - with `allowShort`, `close[i] < entryLow`: `.enterShort`;
/// - otherwise an exit against the most recent entry's direction: a long exits (`.exit`) when
///   `close[i] < exitLow`, a short when `close[i] > exitHigh`. Long-only, the direction is always
///   long, so every close below `exitLow` emits `.exit`; with `allowShort` no exit is emitted
///   before the first entry signal.
///
/// Entries win over exits on one bar (the engine reverses), and a long and a short entry cannot
/// coincide. Breakouts are strict: a close equal to a channel bound emits nothing. An entry is
/// emitted on every breakout bar, so a position the engine stopped out is re-entered on the next one.
/// With `allowShort` and `exit ≥ entry` no exit ever fires: the opposite entry channel is broken
/// first, which makes the strategy a stop-and-reverse system.
///
/// Warm-up: no signal before bar `max(entry, exit)`. The channels come from `RollingExtremes`
/// (van Herk / Gil–Werman): O(n) whatever the windows, one scratch column reused for all of them.
/// No indicator columns. Invariants: `entry ≥ 1`, `exit ≥ 1`.
public struct DonchianBreakoutStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "donchian_breakout"
    /// The entry channel's length in bars (≥ 1).
    public let entry: Int
    /// The exit channel's length in bars (≥ 1).
    public let exit: Int
    /// Whether a downside breakout enters a short.
    public let allowShort: Bool

    /// A strategy with the given channel lengths. Precondition: `entry ≥ 1`, `exit ≥ 1`
    /// (`StrategyCatalog` reports violations as configuration issues instead).
    public init(entry: Int = 20, exit: Int = 10, allowShort: Bool = false) {
        precondition(entry >= 1 && exit >= 1, "DonchianBreakoutStrategy needs entry ≥ 1 and exit ≥ 1")
        self.entry = entry
        self.exit = exit
        self.allowShort = allowShort
    }

    /// `donchian_breakout`.
    public var kind: String { Self.kind }

    /// `max(entry, exit) + 1`: the first possible signal is at bar `max(entry, exit)`.
    public var lookback: Int { max(entry, exit) + 1 }

    /// Signals for every bar, in O(n).
    public func signals(for series: BarSeries) -> SignalSeries {
        let count = series.count
        var signals = [Signal](repeating: .none, count: count)
        let start = max(entry, exit)
        guard count > start else { return SignalSeries(signals: signals) }
        let close = series.close
        // One scratch column serves the four channels in turn; slot `i − window` of a channel
        // covers bars (i − window)..<i. Entries first, then exits, which follow the most recent
        // entry before their bar (exits never change the direction).
        var channel = [Double](repeating: 0, count: count)
        RollingExtremes.maxima(series.high, window: entry, into: &channel)
        for index in start..<count where close[index] > channel[index - entry] {
            signals[index] = .enterLong
        }
        if allowShort {
            RollingExtremes.minima(series.low, window: entry, into: &channel)
            for index in start..<count where close[index] < channel[index - entry] {
                signals[index] = .enterShort
            }
        }
        RollingExtremes.minima(series.low, window: exit, into: &channel)
        var direction: Signal = allowShort ? .none : .enterLong
        for index in start..<count {
            let signal = signals[index]
            if signal != .none {
                direction = signal
            } else if direction == .enterLong && close[index] < channel[index - exit] {
                signals[index] = .exit
            }
        }
        if allowShort {
            RollingExtremes.maxima(series.high, window: exit, into: &channel)
            direction = .none
            for index in start..<count {
                let signal = signals[index]
                if signal == .enterLong || signal == .enterShort {
                    direction = signal
                } else if signal == .none && direction == .enterShort && close[index] > channel[index - exit] {
                    signals[index] = .exit
                }
            }
        }
        return SignalSeries(signals: signals)
    }
}

extension DonchianBreakoutStrategy: BuiltInStrategy {
    static let parameterNames = ["entry", "exit", "allow_short"]

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> Self? {
        let before = issues.count
        let entry = parameters.period("entry", default: 20, &issues)
        let exit = parameters.period("exit", default: 10, &issues)
        let allowShort = parameters.bool("allow_short", default: false, &issues)
        guard issues.count == before else { return nil }
        return Self(entry: entry, exit: exit, allowShort: allowShort)
    }
}
