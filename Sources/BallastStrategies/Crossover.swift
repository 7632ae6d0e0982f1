/// Crossing rules shared by the built-in strategies.
///
/// A line crosses *above* another at bar `i` when it is strictly above at `i` and at or below at
/// `i − 1`; it crosses *below* when it is strictly below at `i` and at or above at `i − 1`.
/// Equality is neither above nor below, so a touch is not a cross, and leaving a touch counts as
/// crossing from it: (below, equal, above) crosses above at the third bar, and so does
/// (above, equal, above). Any comparison with NaN is false, so nothing crosses while either
/// value at `i − 1` or `i` is undefined (indicator warm-up).
enum Crossover {
    /// The signal at one bar of two moving averages, given their values at the previous bar and at
    /// this one: `.enterLong` where `fast` crosses above `slow`, and where it crosses below,
    /// `.enterShort` with `allowShort`, else `.exit`; `.none` otherwise (and at the first bar, whose
    /// previous values are NaN).
    @inline(__always)
    static func signal(
        previousFast: Double, previousSlow: Double, fast: Double, slow: Double, allowShort: Bool
    ) -> Signal {
        if fast > slow && previousFast <= previousSlow { return .enterLong }
        if fast < slow && previousFast >= previousSlow { return allowShort ? .enterShort : .exit }
        return .none
    }

    /// True when a value moving from `previous` to `current` crosses above the constant `level`:
    /// `current > level && previous <= level` (false when either is NaN).
    @inline(__always)
    static func crossesAbove(from previous: Double, to current: Double, _ level: Double) -> Bool {
        current > level && previous <= level
    }

    /// True when a value moving from `previous` to `current` crosses below the constant `level`:
    /// `current < level && previous >= level` (false when either is NaN).
    @inline(__always)
    static func crossesBelow(from previous: Double, to current: Double, _ level: Double) -> Bool {
        current < level && previous >= level
    }
}
