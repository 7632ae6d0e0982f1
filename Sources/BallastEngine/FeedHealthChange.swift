/// One strategy's feed halt set or lifted at a bar group of a live run: its feed went stale or
/// failing, or is healthy again.
///
/// Each change is journaled as a reduce-only event with source `feed` (entered or left) at its
/// group, and a resume schedules the journaled changes again at the same groups, so replaying the
/// journaled bars reproduces what the feed's health did to the run (docs/LIVE.md).
package struct FeedHealthChange: Sendable, Equatable {
    /// The strategy's registration index.
    package var strategy: Int
    /// True: it takes no new entries from this group on; false: it may again.
    package var halted: Bool

    package init(strategy: Int, halted: Bool) {
        self.strategy = strategy
        self.halted = halted
    }
}

/// The kernel's feed-health halts: the strategies whose feed is stale or failing, and the changes
/// still to apply.
package typealias FeedHealthControls = EntryHalts<FeedHealthChange>
