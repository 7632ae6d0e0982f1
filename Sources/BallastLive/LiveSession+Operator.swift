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
}
