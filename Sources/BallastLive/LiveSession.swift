import BallastCore
import BallastEngine
import BallastRisk
import BallastStore
import BallastStrategies
import Foundation
import Logging

/// The live coordinator: takes feed events one at a time, steps the strategy actors (each owning its
/// strategy's state, warmed up on the journaled bars) once with their new bars, runs the kernel on
/// the shared `RiskManager` actor, writes the group's journal (bars included) through the same
/// `JournalSink` interface a backtest writes through (the store's: one transaction, written off this
/// actor), and only then sends the group's fills to the venue.
///
/// Invariants: events are handled one at a time and in order; nothing reaches the venue before the
/// journal that caused it is committed; client order ids are `<prefix>-f<fill seq>`, a pure function
/// of the run and the ledger, so a restarted run re-derives the same ids and the venue sees each once.
public actor LiveSession {
    /// What handling one feed event did.
    public struct Step: Sendable, Equatable {
        public var closeTime: Int64?
        public var fills = 0
        public var decisions = 0
        /// From the event's arrival to every order decided (before the commit).
        public var decisionLatency: Duration = .zero
    }

    var portfolio: LivePortfolio?
    private let manager: RiskManager
    private let runners: [StrategyRunner]
    let store: BallastStore
    /// Where the journal goes: the store's sink (`StoreJournalSink`) unless a caller gave another.
    private let journal: any JournalSink
    public nonisolated let runID: Int64
    let venue: any OrderVenue
    let clientPrefix: String
    let logger: Logger
    private let now: @Sendable () -> ContinuousClock.Instant
    /// Stamps the run's `finished_at` (a finish or a failure): the session reads no clock itself.
    let wallClock: any WallClock
    /// How long an open order is polled for its final state before its last state is recorded.
    let finalTimeout = 10.0
    /// Order keys already sent to an external venue (loaded from the journal on resume).
    var sentKeys: Set<String> = []
    /// Orders whose sending failed after the venue's retries, by order key: tried again (looked up
    /// first) before the next bar group (`retryUnresolvedOrders`).
    var unresolvedOrders: [String: VenueOrder] = [:]
    /// The run's stop orders at the venue (`stops = "venue"`), loaded from the journal on a start.
    var stopBook = VenueStopBook()
    /// Strategies this session halted after a venue failure (their id): halted once.
    var venueHalted: Set<String> = []
    /// Strategies halted after their process failed (registration index): halted once.
    private var halted: Set<Int> = []
    /// The reconciliation with the venue still to run before the first bar group (or finish) sends
    /// anything (`reconcileBeforeSending`).
    var pendingReconciliation: VenueReconciliation?
    /// Series the feed said are stale (no new bar for two intervals) and not fresh again.
    private var staleSeries: Set<Int> = []
    /// True from the feed's `failing` to its `recovered`. Both take effect at the next bar group,
    /// where they are journaled (`LivePortfolio.setFeedHealth`); a restarted run starts healthy.
    private var feedFailing = false
    /// `store.operatorCommandsVersion()` when the pending operator commands were last read and
    /// scheduled: while it has not moved, no command was submitted since (nil: never read).
    private var operatorCommandsVersion: BallastStore.OperatorCommandsVersion?
    /// Decision latencies of every bar group handled, in order.
    public private(set) var latencies: [Duration] = []

    /// - Parameters:
    ///   - portfolio: the live portfolio over the run's journaled bars (empty for a new run).
    ///   - runID: the run's row in `store`.
    ///   - wallClock: stamps the run's `finished_at` when it finishes or fails.
    ///   - now: measures decision latency.
    ///   - journal: where each group's journal batch is written; nil writes it into `store` for
    ///     `runID` (`StoreJournalSink`). Another sink must still write the store's journal tables
    ///     when the venue is the store-backed paper venue or a resume reads them.
    public init(
        portfolio: LivePortfolio, store: BallastStore, runID: Int64, venue: any OrderVenue, logger: Logger,
        wallClock: any WallClock,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        journal: (any JournalSink)? = nil
    ) {
        self.journal = journal ?? StoreJournalSink(store: store, runID: runID)
        self.portfolio = portfolio
        manager = RiskManager(book: portfolio.makeBook())
        runners = portfolio.setup.strategies.indices.map { index in
            StrategyRunner(
                id: portfolio.setup.strategies[index].id, strategy: portfolio.warmedStrategies[index],
                confidenceKey: portfolio.confidenceKey(strategy: index))
        }
        self.store = store
        self.runID = runID
        self.venue = venue
        clientPrefix = "bl\(runID)"
        self.logger = logger
        self.now = now
        self.wallClock = wallClock
    }

    /// True once the run ended (the feed finished, or positions were flattened on exit).
    public var isFinished: Bool { portfolio?.isFinished ?? false }

    /// The number of bars processed so far (a resumed run: its journaled bars).
    public var barCount: Int { portfolio?.barCount ?? 0 }

    /// The close time of the last bar group processed (nil before any): the feed resumes after it.
    public var lastCloseTime: Int64? { portfolio?.lastCloseTime }

    /// Resumes: replays the journaled bars through the kernel (their journal is already committed,
    /// so it is dropped), checks the rebuilt book against the committed `risk_state`, then sends
    /// any committed fill the venue has not seen yet (a crash between commit and venue).
    ///
    /// - Throws: `LiveError.divergedOnResume` when the replay does not reproduce the journal.
    public func resume() async throws {
        try await rebuild()
        try await sendPending()
    }

    /// The first half of `resume`: replays the journaled bars and checks the rebuilt book against
    /// the committed `risk_state`. Nothing is sent: the reconciliation with the venue comes between
    /// this and `sendPending`.
    ///
    /// - Throws: `LiveError.divergedOnResume` when the replay does not reproduce the journal.
    public func rebuild() async throws {
        try scheduleAppliedOperatorCommands()
        try scheduleJournaledFeedHealth()
        try await process()
        _ = portfolio?.drainJournal()
        if lastCloseTime != nil, var committed = try store.riskState(runID: runID) {
            var rebuilt = await manager.state
            // Same-bar pending entries are transient (the next mark clears them before any decision)
            // and part of `openPositions` once reported; a state journaled by an older Ballast still
            // listed them in both, so they do not take part in the comparison.
            committed.pendingExposures = []
            rebuilt.pendingExposures = []
            guard rebuilt == committed else { throw LiveError.divergedOnResume(runID: runID) }
        }
    }

    /// The second half of `resume`: sends what a crash between a commit and the venue left unsent
    /// (an external venue: the pending orders' unrecorded parts; the paper venue: unsent fills).
    public func sendPending() async throws {
        if portfolio?.usesVenueFills == true {
            let rows = try store.venueOrders(runID: runID)
            sentKeys = Set(rows.filter { !$0.order.isStop }.map(\.key))
            stopBook = VenueStopBook(rows: rows)
            try await sendIntents()
        } else {
            try await sendUnsentFills()
        }
    }

    /// Handles one feed event.
    public func handle(_ event: FeedEvent) async throws -> Step {
        switch event {
        case .bars(let closeTime, let bars):
            try await reconcileIfPending()
            return try await handleBars(bars, closeTime: closeTime)
        case .stale(let series):
            logger.warning("stale feed: no new entries", metadata: ["series": "\(series)"])
            staleSeries.formUnion(series)
        case .fresh(let series):
            logger.info("feed fresh again", metadata: ["series": "\(series)"])
            staleSeries.subtract(series)
        case .failing(let reason):
            logger.error("feed failing: reduce-only until it recovers", metadata: ["reason": "\(reason)"])
            feedFailing = true
        case .recovered:
            logger.info("feed recovered: entries allowed again")
            feedFailing = false
        case .finished:
            try await finish()
        }
        return Step()
    }

    /// Closes every position at its last close (the feed ended, or `--flatten-on-exit`), commits,
    /// and marks the run finished with its summary.
    public func finish() async throws {
        guard portfolio?.isFinished == false else { return }
        try await reconcileIfPending()
        if portfolio?.usesVenueFills == true {
            // The venue closes the positions first; the ledger books its fills below.
            portfolio?.requestVenueExits()
            try await commit(bars: [])
        }
        portfolio?.finishWhenCaughtUp()
        try await process()
        try await commit(bars: [])
        let result = await self.result()
        let summary = try BacktestSummary(result: result).jsonData()
        try store.finishRun(
            runID, finishedAt: wallClock.now(), finalEquity: result.portfolio.finalEquity,
            summaryJSON: String(decoding: summary, as: UTF8.self))
    }

    /// Marks the run `failed` with the error's text: it stopped on an error (the feed, the venue or
    /// the journal failed). Its journal stays as committed, so a restart can resume it. A run that
    /// already ended, or a store that fails too, is left as it is.
    public func fail(_ error: any Error) {
        try? store.failRun(runID, finishedAt: wallClock.now(), error: "\(error)")
    }

    /// The results so far.
    public func result() async -> BacktestResult {
        let state = await manager.state
        return portfolio!.result(riskState: state, runID: "live-\(runID)")
    }

    private func handleBars(_ bars: [LiveBar], closeTime: Int64) async throws -> Step {
        let start = now()
        // Read through `portfolio` without copying it: a second reference to its columns would make
        // the appends below copy every column (a cost that grows with the bars held).
        guard portfolio?.isFinished == false else { return Step() }
        if let last = portfolio?.lastCloseTime, closeTime <= last { return Step() }
        try await retryUnresolvedOrders()
        // Each strategy actor steps its strategy once with its series' new bar, concurrently.
        var asks: [(Int, StrategyRunner, Bar)] = []
        for live in bars {
            for index in portfolio?.strategies(onSeries: live.series) ?? [] {
                asks.append((index, runners[index], live.bar))
            }
        }
        let answers = await withTaskGroup(of: (Int, Timestamp, StrategyRunner.Answer).self) { group in
            for (index, runner, bar) in asks {
                group.addTask { (index, bar.time, await runner.step(bar)) }
            }
            var answers: [(Int, Timestamp, StrategyRunner.Answer)] = []
            for await answer in group { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }
        }
        // A process strategy that failed is halted once (SPEC §15); the others trade on.
        var failures: [(Int, Timestamp, String)] = []
        for (index, time, answer) in answers where !halted.contains(index) {
            if let message = answer.failureMessage { failures.append((index, time, message)) }
        }
        asks = []
        // Operator commands (SPEC §16) are read only when one may have been submitted since.
        let commandsVersion = try store.operatorCommandsVersion()
        let commands =
            commandsVersion == operatorCommandsVersion ? [] : try store.pendingOperatorCommands(runID: runID)
        guard var work = portfolio.take() else { return Step() }
        work.schedule(commands, atCloseTime: closeTime)
        operatorCommandsVersion = commandsVersion
        work.setFeedHealth(staleSeries: staleSeries, failing: feedFailing, atCloseTime: closeTime)
        work.appendBars(bars, closeTime: closeTime)
        for (index, _, answer) in answers {
            work.appendSignal(strategy: index, signal: answer.signal, confidence: answer.confidence)
        }
        for (index, time, message) in failures {
            halted.insert(index)
            logger.error(
                "strategy failed: reduce-only until Ballast restarts",
                metadata: ["strategy": "\(work.setup.strategies[index].id)", "error": "\(message)"])
            work.haltStrategy(index, at: time, message: message)
        }
        let decisionsBefore = work.decisionCount
        portfolio = consume work  // ends `work` here: a second reference would make the run copy every column
        try await process()
        var step = Step(closeTime: closeTime)
        step.decisions = (portfolio?.decisionCount ?? 0) - decisionsBefore
        step.decisionLatency = now() - start
        latencies.append(step.decisionLatency)
        let setup = portfolio!.setup
        let records = bars.map { live in
            LiveBarRecord(
                series: live.series, symbol: setup.series[live.series].symbol,
                timeframe: setup.series[live.series].timeframe, bar: live.bar)
        }
        step.fills = try await commit(bars: records)
        return step
    }

    /// Runs the kernel over every appended group on the risk manager actor (one `await`).
    private func process() async throws {
        guard let work = portfolio.take() else { return }
        // Moved, not copied: a copy alive across the await would share every column of the
        // portfolio, and the run's appends (the correlation hook's) would copy them whole.
        portfolio = await manager.perform(consume work)
    }

    /// Writes the journal collected since the last commit (with the group's bars) through the
    /// journal sink (the store: one transaction), then acts at the venue: an external venue gets the orders the pending orders
    /// need; the paper venue mirrors the new fills. Returns the number of fills.
    @discardableResult
    func commit(bars: [LiveBarRecord]) async throws -> Int {
        var batch = portfolio?.drainJournal() ?? JournalBatch()
        batch.bars = bars
        let fills = batch.fills
        if !batch.isEmpty { try await journal.write(batch) }
        if portfolio?.usesVenueFills == true {
            try await sendIntents()
        } else {
            for fill in fills {
                try await send(
                    PendingVenueFill(
                        fillSeq: fill.seq, strategyID: fill.strategyID, symbol: fill.symbol,
                        action: fill.side, quantity: fill.quantity, price: fill.price))
            }
        }
        return fills.count
    }
}

/// Why a live run stopped.
public enum LiveError: BallastFailure, Equatable {
    case divergedOnResume(runID: Int64)

    public var exitStatus: ExitStatus { .failure }

    public var description: String {
        switch self {
        case .divergedOnResume(let runID):
            "run \(runID): replaying the journaled bars did not reproduce the committed risk state; "
                + "refusing to resume (was the portfolio or Ballast changed?)"
        }
    }
}
