/// One source of entry halts in a live run (an operator, the feed's health): the strategies it
/// halted, by registration index, and the changes it scheduled, keyed by the close time of the bar
/// group that applies them. Empty for a backtest.
///
/// Invariant: a halted strategy takes no new entries (a reversal only closes); exits and stops
/// still run. Each change of `halted` is journaled as a reduce-only event with the source's name.
package struct EntryHalts<Change: Sendable>: Sendable {
    /// Registration indices of the strategies this source halted and has not released.
    package var halted: Set<Int> = []
    /// Changes to apply, keyed by the close time of their bar group, in the order scheduled.
    package var schedule: [Int64: [Change]] = [:]

    package init() {}
}
