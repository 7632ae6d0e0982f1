import BallastEngine
import BallastStore

extension LiveSession {
    /// Resuming: every operator command the run applied is scheduled again at the bar group that
    /// applied it, so replaying the journaled bars re-applies it exactly there (docs/SERVE.md).
    func scheduleAppliedOperatorCommands() throws {
        for (closeTime, commands) in try store.appliedOperatorCommands(runID: runID) {
            portfolio?.schedule(commands, atCloseTime: closeTime)
        }
    }

    /// Resuming: every feed-health change the run journaled (a stale series, a failing feed) is
    /// scheduled again at its bar group, so the replay halts and releases entries exactly where
    /// the run did. The events carry the group's clock, one second before its close time.
    func scheduleJournaledFeedHealth() throws {
        for change in try store.feedHealthChanges(runID: runID) {
            portfolio?.scheduleFeedHealth(
                strategyID: change.strategyID, halted: change.entered, atCloseTime: change.time + 1)
        }
    }
}
