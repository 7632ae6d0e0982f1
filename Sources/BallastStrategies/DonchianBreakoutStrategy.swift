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
/// Warm-up: no signal before bar `max(entry, exit)`. The channels are `RunningExtreme`s (monotonic
/// deques): O(1) amortised per bar whatever the windows. No indicator columns. Invariants: `entry ≥ 1`, `exit ≥ 1`.
public struct DonchianBreakoutStrategy: Strategy, Equatable {
    /// The kind name in portfolio files.
    public static let kind = "donchian_breakout"
    /// The entry channel's length in bars (≥ 1).
    public let entry: Int
    /// The exit channel's length in bars (≥ 1).
    public let exit: Int
    /// Whether a downside breakout enters a short.
    public let allowShort: Bool
    /// The channels, and the most recent entry's direction (long-only: always long; with
    /// `allowShort`: `.none` before the first entry). Exits never change it.
    private var channels: DonchianChannels
    private var direction: Signal

    /// A strategy with the given channel lengths. Precondition: `entry ≥ 1`, `exit ≥ 1`
    /// (`StrategyCatalog` reports violations as configuration issues instead).
    public init(entry: Int = 20, exit: Int = 10, allowShort: Bool = false) {
        precondition(entry >= 1 && exit >= 1, "DonchianBreakoutStrategy needs entry ≥ 1 and exit ≥ 1")
        self.entry = entry
        self.exit = exit
        self.allowShort = allowShort
        channels = DonchianChannels(entry: entry, exit: exit, allowShort: allowShort)
        direction = allowShort ? .none : .enterLong
    }

    /// `donchian_breakout`.
    public var kind: String { Self.kind }

    /// `max(entry, exit) + 1`: the first possible signal is at bar `max(entry, exit)`.
    public var lookback: Int { max(entry, exit) + 1 }

    /// Feeds one bar: the channels of the bars before it decide, then the bar joins them.
    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let index = channels.barsSeen
        var signal = Signal.none
        if index >= max(entry, exit) {
            if bar.close > channels.entryHigh.value {
                signal = .enterLong
            }
            if allowShort, let entryLow = channels.entryLow, bar.close < entryLow.value {
                signal = .enterShort
            }
            if signal != .none {
                direction = signal
            } else if direction == .enterLong && bar.close < channels.exitLow.value {
                signal = .exit
            } else if direction == .enterShort, let exitHigh = channels.exitHigh, bar.close > exitHigh.value {
                signal = .exit
            }
        }
        channels.push(bar)
        return signal
    }
}

/// The four Donchian channels over the bars fed so far (the short side's only with `allowShort`).
struct DonchianChannels: Sendable, Equatable {
    var entryHigh: RunningExtreme
    var entryLow: RunningExtreme?
    var exitLow: RunningExtreme
    var exitHigh: RunningExtreme?
    var barsSeen = 0

    init(entry: Int, exit: Int, allowShort: Bool) {
        entryHigh = RunningExtreme(window: entry, kind: .maximum)
        exitLow = RunningExtreme(window: exit, kind: .minimum)
        if allowShort {
            entryLow = RunningExtreme(window: entry, kind: .minimum)
            exitHigh = RunningExtreme(window: exit, kind: .maximum)
        }
    }

    mutating func push(_ bar: Bar) {
        entryHigh.push(bar.high)
        entryLow?.push(bar.low)
        exitLow.push(bar.low)
        exitHigh?.push(bar.high)
        barsSeen += 1
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
