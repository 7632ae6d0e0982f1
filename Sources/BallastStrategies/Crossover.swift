/// Crossing rules shared by the built-in strategies.
///
/// A line crosses *above* another at bar `i` when it is strictly above at `i` and at or below at
/// `i − 1`; it crosses *below* when it is strictly below at `i` and at or above at `i − 1`.
/// Equality is neither above nor below, so a touch is not a cross, and leaving a touch counts as
/// crossing from it: (below, equal, above) crosses above at the third bar, and so does
/// (above, equal, above). Any comparison with NaN is false, so nothing crosses while either
/// value at `i − 1` or `i` is undefined (indicator warm-up).
enum Crossover {
    /// One signal per bar for two moving averages: `.enterLong` where `fast` crosses above `slow`,
    /// and where it crosses below, `.enterShort` with `allowShort`, else `.exit`.
    /// Precondition: `fast.count == slow.count`. Signal `i` reads values `i − 1` and `i` only.
    static func signals(fast: [Double], slow: [Double], allowShort: Bool) -> [Signal] {
        precondition(fast.count == slow.count, "crossover columns must have equal lengths")
        let count = fast.count
        var result = [Signal](repeating: .none, count: count)
        guard count >= 2 else { return result }
        let downSignal: Signal = allowShort ? .enterShort : .exit
        var previousFast = fast[0]
        var previousSlow = slow[0]
        for index in 1..<count {
            let currentFast = fast[index]
            let currentSlow = slow[index]
            if currentFast > currentSlow && previousFast <= previousSlow {
                result[index] = .enterLong
            } else if currentFast < currentSlow && previousFast >= previousSlow {
                result[index] = downSignal
            }
            previousFast = currentFast
            previousSlow = currentSlow
        }
        return result
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
