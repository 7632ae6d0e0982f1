import BallastConfig
import BallastCore
import BallastEngine
import BallastStore
import Foundation

/// A run being journaled: the store, the run's row and the sink the engine writes through.
/// The run's start and end stamps come from the wall clock the command passes in.
struct RunJournalSession {
    let store: BallastStore
    let runID: Int64
    let sink: StoreJournalSink
    let wallClock: any WallClock

    /// Opens (creating or migrating) the database and registers the run as `running`.
    static func begin(
        file: PortfolioFile, databasePath: String, inputHash: String, mode: RunMode = .backtest,
        store existing: BallastStore? = nil, wallClock: any WallClock
    ) throws -> RunJournalSession {
        let store = try existing ?? BallastStore.open(path: databasePath)
        let header = try file.runHeader(inputHash: inputHash, mode: mode)
        let runID = try store.beginRun(header, startedAt: wallClock.now())
        return RunJournalSession(
            store: store, runID: runID, sink: StoreJournalSink(store: store, runID: runID), wallClock: wallClock)
    }

    /// Marks the run finished with its final equity and JSON summary.
    func finish(result: BacktestResult, summary: Data) throws {
        try store.finishRun(
            runID, finishedAt: wallClock.now(), finalEquity: result.portfolio.finalEquity,
            summaryJSON: String(decoding: summary, as: UTF8.self))
    }

    /// Marks the run failed, so it never looks finished (a run already ended is left as it is).
    func fail(_ error: any Error) {
        try? store.failRun(runID, finishedAt: wallClock.now(), error: "\(error)")
    }

    /// What a signal does before the process exits (`RunInterruption`): marks the run failed with
    /// the reason and says so on standard error.
    var interruptAction: @Sendable (String) -> Void {
        let store = self.store
        let runID = self.runID
        let wallClock = self.wallClock
        return { reason in
            do {
                try store.failRun(runID, finishedAt: wallClock.now(), error: reason)
                printError("error: \(reason); run \(runID) in \(store.path) marked failed")
            } catch {
                // The run had already ended (finished just before the signal): it stays as it is.
                printError("error: \(reason)")
            }
        }
    }
}
