import BallastCore
import BallastReports
import BallastRisk
import BallastStrategies

/// The joint backtest coordinator (SPEC §7, §8): strategy actors step their strategies over their
/// series concurrently, then the ledger-and-risk loop runs over the merged bars of every symbol on the
/// shared `RiskManager` actor, one `await` per chunk of events rather than per bar.
///
/// A value, not an actor: it holds only its immutable setup, and every piece of mutable state of a
/// run (the kernel, the book, the strategies) lives in `run`'s locals or in the actors it creates.
/// Runs of one backtester are independent of each other.
public struct PortfolioBacktester: Sendable {
    private let setup: PortfolioSetup
    private let knownSignals: [Int: SignalSeries]
    private let sharedVolatility: SharedVolatilityColumns?

    /// - Parameter knownSignals: signals computed beforehand, by strategy index; those strategies
    ///   are not stepped again. Each must equal what the strategy's own `StrategyRunner` gives over
    ///   its series with its profile's confidence key (a sweep computes a strategy no axis changes
    ///   once for every variant). Empty by default.
    /// - Parameter sharedVolatility: daily-volatility columns shared with other runs over the same
    ///   data; nil computes them for this run alone.
    public init(
        setup: PortfolioSetup, knownSignals: [Int: SignalSeries] = [:],
        sharedVolatility: SharedVolatilityColumns? = nil
    ) {
        self.setup = setup
        self.knownSignals = knownSignals
        self.sharedVolatility = sharedVolatility
    }

    /// Runs the backtest. With a `journal`, every chunk's journal batch goes to a `JournalPipeline`,
    /// which writes while the next chunks run (in order; batches that queued behind a running write
    /// go out together); the run ends after the last write. Chunks are small, so the first write
    /// starts early and the last one is short. `progress` is called after each chunk with (events
    /// done, events total). `keepsDecisions` false leaves `BacktestResult.decisions` empty (the
    /// counts stay): a journaled run has them in the store, and a long run's decisions in memory
    /// can outgrow everything else.
    public func run(
        runID: String, chunkSize: Int = 16_384, journal: (any JournalSink)? = nil, keepsDecisions: Bool = true,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> BacktestResult {
        // Process strategies run over their whole series first (a no-op when the caller did it).
        let setup = try await self.setup.preparingExternalStrategies()
        var signals = await computeSignals(setup)
        let columns = setup.series.map { SeriesColumns($0, atrPeriod: setup.risk.atrPeriod) }
        let (lanes, accounts) = KernelAssembly.lanes(
            setup: setup, signals: signals, volatilities: sharedVolatility?.columns(for: setup) ?? [:])
        // Only the signals and the sizer's column stay; other indicator columns are freed now.
        signals = []
        let hook = KernelAssembly.correlationHook(series: setup.series, risk: setup.risk)
        let manager = RiskManager(
            book: PortfolioRiskBook(
                parameters: setup.risk, strategies: accounts, initialEquity: setup.initialBalance,
                correlationHook: hook))
        let timeline = EventTimeline(series: setup.series)
        var kernel = BacktestKernel(
            lanes: lanes, columns: columns, timeline: timeline, setup: setup, recordsEvents: journal != nil,
            keepsDecisions: keepsDecisions)
        let total = timeline.count
        let pipeline = journal.map(JournalPipeline.init(sink:))
        // The journal consumes the kernel's events after every chunk, off the risk actor.
        var builder = journal.map { _ in KernelJournal(kernel: kernel, setup: setup) }
        repeat {
            kernel.chunkEnd = kernel.cursor + max(1, chunkSize)
            kernel.finishWhenDone = kernel.chunkEnd >= total
            kernel = await manager.perform(consume kernel)
            if let pipeline, var journal = builder.take() {
                kernel.takeEvents { journal.consume($0) }
                pipeline.submit(journal.drain())
                builder = journal
            }
            progress?(kernel.cursor, total)
        } while !kernel.isFinished || !kernel.finished
        try await pipeline?.finish()
        return kernel.result(setup: setup, riskState: await manager.state, runID: runID)
    }

    private func computeSignals(_ setup: PortfolioSetup) async -> [SignalSeries] {
        let known = knownSignals
        return await withTaskGroup(of: (Int, SignalSeries).self) { group in
            for (index, strategy) in setup.strategies.enumerated() where known[index] == nil {
                let runner = StrategyRunner(
                    id: strategy.id, strategy: strategy.strategy,
                    confidenceKey: strategy.strategy.riskOverrides(strategy.profile).confidenceKey)
                let series = setup.series[strategy.seriesIndex]
                // A strategy without bars in the range sits out: it has no signals to compute.
                guard !series.isEmpty else { continue }
                group.addTask { (index, await runner.run(over: series)) }
            }
            var results = [SignalSeries](repeating: SignalSeries(count: 0), count: setup.strategies.count)
            for (index, signals) in known where index < results.count { results[index] = signals }
            for await (index, signals) in group { results[index] = signals }
            return results
        }
    }
}
