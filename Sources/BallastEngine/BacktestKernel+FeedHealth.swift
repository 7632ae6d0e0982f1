import BallastCore
import BallastRisk

extension BacktestKernel {
    /// The reduce-only source of a halt for the feed's health (a stale series, a failing feed).
    package static let feedSource = "feed"

    /// Applies the feed-health changes scheduled for the group closing at `closeTime`, after the
    /// group's fills and marks and before its signals (where the operator commands apply). Each
    /// change that changes a strategy's state is journaled as a reduce-only event with source
    /// `feed`, stamped with the group's clock (its close time minus one second).
    mutating func applyFeedHealth(closeTime: Int64, book: borrowing PortfolioRiskBook) {
        guard let changes = feedHealth.schedule.removeValue(forKey: closeTime) else { return }
        for change in changes {
            let changed =
                change.halted
                ? feedHealth.halted.insert(change.strategy).inserted
                : feedHealth.halted.remove(change.strategy) != nil
            if changed { controlEvent(change.strategy, entered: change.halted, source: Self.feedSource, book: book) }
        }
    }

    /// True when strategy `index`'s feed is stale or failing: it takes no new entries.
    func isHaltedByFeed(_ index: Int) -> Bool {
        !feedHealth.halted.isEmpty && feedHealth.halted.contains(index)
    }
}
