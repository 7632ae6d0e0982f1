import BallastConfig
import BallastCore
import BallastEngine
import BallastLive
import BallastReports
import BallastStore
import Logging

/// Builds a live session: a new run, or the resumption of the newest unfinished live run with the
/// same inputs (its journaled bars are replayed and checked against its committed risk state).
enum LiveRunAssembly {
    static func session(
        file: PortfolioFile, store: BallastStore, inputHash: String, venue: any OrderVenue, replaysData: Bool,
        logger: Logger
    ) async throws -> LiveSession {
        var setup = file.setup
        // A replay's calendar is its data's (so its journal equals the backtest's); an exchange
        // feed trades every day.
        let weekend = setup.series.contains { Annualization.hasWeekendBars($0.times) }
        let annualization = replaysData ? Annualization.detect(hasWeekendBars: weekend) : .calendarDays365
        var history = setup.series.map { BarSeries(symbol: $0.symbol, timeframe: $0.timeframe) }
        let runID: Int64
        if let resumable = try store.resumableLiveRun(inputHash: inputHash) {
            runID = resumable
            for record in try store.liveBars(runID: runID) where history.indices.contains(record.series) {
                history[record.series].append(record.bar)
            }
            logger.notice(
                "resuming live run",
                metadata: ["run": "\(runID)", "bars": "\(history.reduce(0) { $0 + $1.count })"])
        } else {
            runID = try RunJournalSession.begin(
                file: file, databasePath: store.path, inputHash: inputHash, mode: "live", store: store
            ).runID
            logger.notice("new live run", metadata: ["run": "\(runID)"])
        }
        setup.series = history
        // An exchange fills the orders itself: the ledger fills at its recorded executions.
        let venueFills = venue.isExternal ? try store.venueExecutions(runID: runID) : nil
        let portfolio = LivePortfolio(
            setup: setup, annualization: annualization, journaling: true, venueFills: venueFills)
        let session = LiveSession(portfolio: portfolio, store: store, runID: runID, venue: venue, logger: logger)
        try await session.resume()
        return session
    }
}
