import BallastCore
import BallastReports
import BallastRisk
import BallastStrategies

/// The joint backtest coordinator (SPEC §7, §8): strategy actors compute their signals
/// concurrently, then the ledger-and-risk loop runs over the merged bars of every symbol on the
/// shared `RiskManager` actor, one `await` per chunk of events rather than per bar.
public actor PortfolioBacktester {
    private let setup: PortfolioSetup

    public init(setup: PortfolioSetup) {
        self.setup = setup
    }

    /// Runs the backtest. With a `journal`, every chunk's journal batch is handed to it while the
    /// next chunk runs (the writes overlap the computation, in order); the run ends after the last
    /// write. `progress` is called after each chunk with (events done, events total).
    public func run(
        runID: String, chunkSize: Int = 65_536, journal: (any JournalSink)? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> BacktestResult {
        let setup = self.setup
        var signals = await computeSignals()
        let columns = setup.series.map { SeriesColumns($0, atrPeriod: setup.risk.atrPeriod) }
        let (lanes, accounts) = KernelAssembly.lanes(setup: setup, signals: signals)
        // Only the signals and the sizer's column stay; other indicator columns are freed now.
        signals = []
        let hook = KernelAssembly.correlationHook(series: setup.series, risk: setup.risk)
        let manager = RiskManager(
            book: PortfolioRiskBook(
                parameters: setup.risk, strategies: accounts, initialEquity: setup.initialBalance,
                correlationHook: hook))
        let timeline = EventTimeline(series: setup.series)
        var kernel = BacktestKernel(
            lanes: lanes, columns: columns, timeline: timeline, setup: setup, journaling: journal != nil)
        let total = timeline.count
        var writing: Task<Void, any Error>?
        func hand(_ batch: JournalBatch?) {
            guard let journal, let batch, !batch.isEmpty else { return }
            let previous = writing
            // Detached: a write must not occupy this actor, or the next chunk would wait for it.
            writing = Task.detached {
                try await previous?.value
                try await journal.write(batch)
            }
        }
        repeat {
            kernel.chunkEnd = kernel.cursor + max(1, chunkSize)
            kernel.finishWhenDone = kernel.chunkEnd >= total
            kernel = await manager.perform(consume kernel)
            hand(kernel.journal?.drain())
            progress?(kernel.cursor, total)
        } while !kernel.isFinished || !kernel.finished
        try await writing?.value
        return kernel.result(setup: setup, riskState: await manager.state, runID: runID)
    }

    private func computeSignals() async -> [SignalSeries] {
        let setup = self.setup
        return await withTaskGroup(of: (Int, SignalSeries).self) { group in
            for (index, strategy) in setup.strategies.enumerated() {
                let runner = StrategyRunner(id: strategy.id, strategy: strategy.strategy)
                let series = setup.series[strategy.seriesIndex]
                group.addTask { (index, await runner.signals(for: series)) }
            }
            var results = [SignalSeries](repeating: SignalSeries(count: 0), count: setup.strategies.count)
            for await (index, signals) in group { results[index] = signals }
            return results
        }
    }
}
