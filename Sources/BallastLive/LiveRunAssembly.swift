import BallastConfig
import BallastCore
import BallastEngine
import BallastReports
import BallastStore
import Logging

/// Builds a live session: a new run, or the resumption of the newest resumable live run of the
/// portfolio (its journaled bars are replayed and checked against its committed risk state).
///
/// Which run (docs/LIVE.md): a run with the same key (`RunIdentity.liveKey`: canonical settings,
/// feed, venue) is resumed; a run of the same portfolio file or name whose settings differ is
/// refused while it holds positions (`LiveRunConflict`, with the changed keys) and ended otherwise
/// or with `--new-run` (`LiveRunEnding`).
public enum LiveRunAssembly {
    /// What `ballast live` was asked to run.
    public struct Request: Sendable {
        public var file: PortfolioFile
        public var settings: CanonicalSettings
        /// The run's key (`RunIdentity.liveKey`).
        public var key: String
        /// The feed's name (`--feed`), part of the key.
        public var feed: String
        public var venue: any OrderVenue
        /// True when the feed replays the portfolio's data files (its calendar is the data's).
        public var replaysData: Bool
        public var newRun: Bool
        /// Stamps the run's `started_at` and `finished_at`.
        public var wallClock: any WallClock
        /// Where the operator's one-line notices go (the CLI: standard error): a resumption, an
        /// ended run.
        public var notice: @Sendable (String) -> Void
        /// `--adopt-venue-state`: the venue's differences are journaled as the new truth.
        public var adoptVenueState: Bool

        public init(
            file: PortfolioFile, settings: CanonicalSettings, key: String, feed: String, venue: any OrderVenue,
            replaysData: Bool, newRun: Bool, wallClock: any WallClock,
            notice: @escaping @Sendable (String) -> Void, adoptVenueState: Bool = false
        ) {
            self.file = file
            self.settings = settings
            self.key = key
            self.feed = feed
            self.venue = venue
            self.replaysData = replaysData
            self.newRun = newRun
            self.wallClock = wallClock
            self.notice = notice
            self.adoptVenueState = adoptVenueState
        }
    }

    /// The session of the request's run: the resumed run of the same key, or a new run (begun in
    /// the store as `running`).
    public static func session(_ request: Request, store: BallastStore, logger: Logger) async throws -> LiveSession {
        try await checkStopOrders(request)
        if let run = try await runToResume(request, store: store, logger: logger) {
            try store.reopenLiveRun(run.runID, key: request.key)
            let session = try await resumed(
                file: request.file, runID: run.runID, store: store, venue: request.venue,
                external: request.venue.isExternal, replaysData: request.replaysData, wallClock: request.wallClock,
                logger: logger, adoptVenueState: request.adoptVenueState)
            let bars = await session.barCount
            let failure = run.status == .failed ? " (it had failed: \(run.error ?? "no error recorded"))" : ""
            let journaled =
                if let last = await session.lastCloseTime {
                    "\(bars) bars journaled, the last group closed at \(Timestamp(seconds: last)); "
                        + "the feed continues after it"
                } else {
                    "no bars journaled yet"
                }
            request.notice("resuming live run \(run.runID)\(failure): \(journaled)")
            return session
        }
        let runID = try store.beginRun(
            request.file.runHeader(inputHash: request.key, mode: .live), startedAt: request.wallClock.now())
        logger.notice("new live run", metadata: ["run": "\(runID)"])
        return try await resumed(
            file: request.file, runID: runID, store: store, venue: request.venue, external: request.venue.isExternal,
            replaysData: request.replaysData, wallClock: request.wallClock, logger: logger,
            adoptVenueState: request.adoptVenueState)
    }

    /// `stops = "venue"` with an exchange: every traded symbol must accept stop orders (Binance:
    /// `STOP_LOSS` among its exchangeInfo `orderTypes`), else the run stops before anything is
    /// journaled or sent (`ConfigurationError` naming the file, line and key: exit 78).
    static func checkStopOrders(_ request: Request) async throws {
        let file = request.file
        guard file.setup.execution.stops == .venue, request.venue.isExternal else { return }
        var seen: Set<String> = []
        let symbols = file.setup.series.map(\.symbol).filter { seen.insert($0).inserted }
        let missing: [String]
        if let venue = request.venue as? any StopOrderVenue {
            missing = try await venue.symbolsWithoutStopOrders(symbols)
        } else {
            missing = symbols
        }
        guard !missing.isEmpty else { return }
        throw ConfigurationError(
            file: file.path, text: file.text,
            issues: [
                ConfigIssue(
                    keyPath: "execution.stops",
                    reason: "\"venue\" rests each stop at \(request.venue.name) as a stop order, but "
                        + "\(missing.joined(separator: ", ")) does not accept stop orders there (STOP_LOSS is not "
                        + "among its order types); set stops = \"ballast\" or trade another symbol")
            ])
    }

    /// The run to resume, nil for a new run; ends (or refuses) a run whose settings changed.
    private static func runToResume(_ request: Request, store: BallastStore, logger: Logger) async throws
        -> ResumableLiveRun?
    {
        let file = request.file
        guard
            let run = try store.resumableLiveRun(key: request.key)
                ?? store.resumableLiveRun(portfolioPath: file.path, name: file.setup.name)
        else { return nil }
        let changed = changedKeys(of: run, request)
        if changed.isEmpty && !request.newRun { return run }
        if !request.newRun, try store.holdsPositions(runID: run.runID) {
            throw LiveRunConflict.settingsChanged(runID: run.runID, path: file.path, keys: changed)
        }
        try await LiveRunEnding.end(
            run, store: store,
            why: request.newRun ? "--new-run" : "its settings changed (\(changed.joined(separator: ", ")))",
            wallClock: request.wallClock, notice: request.notice, logger: logger)
        return nil
    }

    /// The settings keys (and `--feed`/`--venue`) that differ between a journaled run and the request.
    static func changedKeys(of run: ResumableLiveRun, _ request: Request) -> [String] {
        if run.inputHash == request.key { return [] }
        var changed: [String]
        if let old = try? CanonicalSettings(toml: run.configText, file: run.portfolioPath) {
            changed = request.settings.changedKeys(from: old)
        } else {
            changed = ["(the run's journaled portfolio text)"]
        }
        if let journaled = RunIdentity.feedAndVenue(ofLiveKey: run.inputHash) {
            if journaled.feed != request.feed { changed.append("--feed") }
            if journaled.venue != request.venue.name { changed.append("--venue") }
        }
        return changed
    }

    /// A session over run `runID`'s journaled bars (none for a new run), resumed: its state rebuilt
    /// and checked against the committed risk state, unsent fills sent.
    static func resumed(
        file: PortfolioFile, runID: Int64, store: BallastStore, venue: any OrderVenue, external: Bool,
        replaysData: Bool, wallClock: any WallClock, logger: Logger, adoptVenueState: Bool = false
    ) async throws -> LiveSession {
        var setup = file.setup
        var history = setup.series.map { BarSeries(symbol: $0.symbol, timeframe: $0.timeframe) }
        for record in try store.liveBars(runID: runID) where history.indices.contains(record.series) {
            history[record.series].append(record.bar)
        }
        // A replay's calendar is its data's (so its journal equals the backtest's); an exchange
        // feed trades every day. A journaled portfolio without data reads it from the bars.
        let hasData = setup.series.contains { !$0.isEmpty }
        let weekend = (hasData ? setup.series : history).contains { Annualization.hasWeekendBars($0.times) }
        let annualization = replaysData ? Annualization.detect(hasWeekendBars: weekend) : .calendarDays365
        setup.series = history
        // An exchange fills the orders itself: the ledger fills at its recorded executions (an exit a
        // venue stop sold at that stop's execution, asked for again after the same bar group).
        let rows = external ? try store.venueOrders(runID: runID) : []
        let venueFills = external ? VenueStopBook.fillExecutions(rows: rows) : nil
        let portfolio = LivePortfolio(
            setup: setup, annualization: annualization, journaling: true, venueFills: venueFills,
            haltedSince: try store.failedStrategies(runID: runID),
            venueStopExits: VenueStopBook.replayedExits(rows: rows))
        let session = LiveSession(
            portfolio: portfolio, store: store, runID: runID, venue: venue, logger: logger, wallClock: wallClock)
        try await session.rebuild()
        // SPEC §18: the venue's balances and open orders against the journal, before anything is sent.
        try await session.reconcileBeforeSending(
            VenueReconciliation(
                venue: venue, store: store, adopt: adoptVenueState, wallClock: wallClock, logger: logger))
        return session
    }
}

/// `ballast live` with settings that differ from the run it would resume, while that run holds
/// positions: refused (exit 78) with the changed keys, unless `--new-run` is given.
public enum LiveRunConflict: BallastFailure {
    case settingsChanged(runID: Int64, path: String, keys: [String])
    case exchangeNotFlat(runID: Int64, venue: String)
    case cannotEnd(runID: Int64, reason: String)

    public var exitStatus: ExitStatus { .badConfiguration }

    public var description: String {
        switch self {
        case .settingsChanged(let runID, let path, let keys):
            "\(path): live run \(runID) holds positions and its settings differ from this file's: "
                + "\(keys.joined(separator: ", ")). Restore the settings to resume it, or pass --new-run to close "
                + "its positions and start a new run (docs/LIVE.md)"
        case .exchangeNotFlat(let runID, let venue):
            "live run \(runID) trades on \(venue) and holds positions (or an unfilled entry); --new-run does not "
                + "close positions at an exchange: resume it with its own settings and --flatten-on-exit first"
        case .cannotEnd(let runID, let reason):
            "cannot end live run \(runID) for a new one: \(reason)"
        }
    }
}
