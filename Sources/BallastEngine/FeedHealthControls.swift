/// The kernel's feed-health state in a live run: the strategies that take no new entries because
/// their feed is stale or failing, and the changes still to apply, by the close time of the bar
/// group that applies them. Empty for a backtest.
///
/// Each change is journaled as a reduce-only event with source `feed` (entered or left) at its
/// group, and a resume schedules the journaled changes again at the same groups, so replaying the
/// journaled bars reproduces what the feed's health did to the run (docs/LIVE.md).
package struct FeedHealthControls: Sendable {
    /// One strategy's feed halt set or lifted at a group.
    package struct Change: Sendable, Equatable {
        /// The strategy's registration index.
        package var strategy: Int
        /// True: it takes no new entries from this group on; false: it may again.
        package var halted: Bool

        package init(strategy: Int, halted: Bool) {
            self.strategy = strategy
            self.halted = halted
        }
    }

    /// Registration indices of the strategies halted for the feed's health.
    package var halted: Set<Int> = []
    /// Changes to apply, keyed by the close time of their bar group, in order.
    package var schedule: [Int64: [Change]] = [:]

    package init() {}
}
