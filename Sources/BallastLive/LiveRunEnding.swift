import BallastConfig
import BallastCore
import BallastEngine
import BallastStore
import Logging

/// Ends a resumable live run so that a new one can start (`--new-run`, or settings that changed
/// while the run was flat): the run is rebuilt from its own journaled portfolio text and bars, its
/// positions are closed at their last journaled close (`end_of_data`, as at the end of a replay) on
/// the paper venue, and it is marked `finished` with its summary.
///
/// Invariant: nothing is sent to an exchange. A run on an exchange venue is ended only when its
/// journal holds no position and no unfilled entry (then nothing needs to be sent); otherwise
/// `LiveRunConflict.exchangeNotFlat`.
enum LiveRunEnding {
    static func end(
        _ run: ResumableLiveRun, store: BallastStore, why: String, wallClock: any WallClock,
        notice: @Sendable (String) -> Void, logger: Logger
    ) async throws {
        let (feed, venue) = RunIdentity.feedAndVenue(ofLiveKey: run.inputHash) ?? ("replay", "paper")
        let external = venue != PaperVenue().name
        if external, try store.holdsPositions(runID: run.runID) {
            throw LiveRunConflict.exchangeNotFlat(runID: run.runID, venue: venue)
        }
        let file: PortfolioFile
        do {
            file = try PortfolioFile.journaled(text: run.configText, path: run.portfolioPath)
        } catch {
            throw LiveRunConflict.cannotEnd(runID: run.runID, reason: "its portfolio text no longer loads: \(error)")
        }
        // finishRun needs a running run: a failed one is reopened under its own key first.
        try store.reopenLiveRun(run.runID, key: run.inputHash)
        // The paper venue: its fills are recorded as filled venue orders, never sent anywhere.
        let session = try await LiveRunAssembly.resumed(
            file: file, runID: run.runID, store: store, venue: PaperVenue(), external: external,
            replaysData: feed == "replay", wallClock: wallClock, logger: logger)
        try await session.finish()
        notice(
            "ended live run \(run.runID) (\(why)): its positions were closed at their last journaled close and "
                + "it is marked finished; starting a new run")
    }
}
