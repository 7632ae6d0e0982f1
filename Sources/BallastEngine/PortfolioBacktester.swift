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
        var lanes: [StrategyLane] = []
        var accounts: [StrategyRiskAccount] = []
        var volatilities: [String: [Double]] = [:]
        for (index, strategy) in setup.strategies.enumerated() {
            let profile = strategy.strategy.riskOverrides(strategy.profile)
            var volatility: [Double]?
            let dynamic = profile.dynamicRisk
            if dynamic.enabled && dynamic.volatilityAdjustmentEnabled {
                let key = "\(strategy.seriesIndex)/\(dynamic.volatilityWindowDays)"
                let series = setup.series[strategy.seriesIndex]
                volatility =
                    volatilities[key]
                    ?? DailyVolatilityWindow.column(
                        times: series.times, closes: series.close, windowDays: dynamic.volatilityWindowDays)
                volatilities[key] = volatility
            }
            lanes.append(
                StrategyLane(
                    index: index, id: strategy.id, symbol: strategy.symbol, series: strategy.seriesIndex,
                    quantityStep: strategy.quantityStep,
                    context: FillContext(execution: setup.execution, profile: profile, parameters: setup.risk),
                    signals: signals[index].signals, confidence: signals[index].indicators[profile.confidenceKey],
                    trailingStop: profile.trailingStop, volatility: volatility))
            accounts.append(
                StrategyRiskAccount(
                    id: strategy.id, symbol: strategy.symbol, priority: strategy.priority, capital: strategy.capital,
                    profile: profile))
        }
        // Only the signals and the sizer's column stay; other indicator columns are freed now.
        signals = []
        let hook = PearsonCorrelationHook(
            series: setup.series, windowDays: setup.risk.correlationWindowDays,
            threshold: setup.risk.correlationThreshold, minSamples: setup.risk.correlationMinSamples)
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
        return await assemble(kernel: kernel, manager: manager, runID: runID)
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

    private func assemble(kernel: BacktestKernel, manager: RiskManager, runID: String) async -> BacktestResult {
        let setup = self.setup
        let weekend = setup.series.contains { Annualization.hasWeekendBars($0.times) }
        let annualization = Annualization.detect(hasWeekendBars: weekend)
        var strategies: [StrategyResult] = []
        for (index, lane) in kernel.lanes.enumerated() {
            let series = setup.series[lane.series]
            let buyAndHold = (series.close.last ?? 0) / (series.close.first ?? 1) * 100 - 100
            let ledger = kernel.ledgers[index]
            strategies.append(
                StrategyResult(
                    id: lane.id, symbol: lane.symbol, capital: setup.strategies[index].capital,
                    initialEquity: ledger.initialEquity,
                    metrics: MetricsCalculator.compute(
                        curve: kernel.curves[index].curve, trades: kernel.trades[index], annualization: annualization,
                        buyAndHoldReturnPct: buyAndHold),
                    trades: kernel.trades[index], adjustments: kernel.adjustments[index],
                    decisions: ledger.decisions, denied: ledger.denied,
                    minPositionSizeFactor: ledger.minPositionSizeFactor,
                    finalAdjustments: kernel.dynamics[index].adjustments))
        }
        let allTrades = kernel.trades.joined().sorted { ($0.exitTime, $0.entryTime) < ($1.exitTime, $1.entryTime) }
        let times = setup.series.compactMap(\.times.first)
        let ends = setup.series.compactMap(\.times.last)
        return BacktestResult(
            runID: runID, portfolioName: setup.name, initialBalance: setup.initialBalance,
            portfolio: MetricsCalculator.compute(
                curve: kernel.portfolio.curve, trades: allTrades, annualization: annualization,
                buyAndHoldReturnPct: nil),
            strategies: strategies, decisions: kernel.decisions, reduceOnlyEvents: kernel.reduceOnlyEvents,
            riskState: await manager.state, annualization: annualization,
            start: Timestamp(seconds: times.min() ?? 0), end: Timestamp(seconds: ends.max() ?? 0))
    }
}
