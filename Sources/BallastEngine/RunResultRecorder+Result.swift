import BallastCore
import BallastReports
import BallastRisk

extension BacktestKernel {
    /// The run's results (SPEC §14) over the bars the kernel holds (a live run's bars so far).
    package func result(setup: PortfolioSetup, riskState: RiskBookState, runID: String) -> BacktestResult {
        recorder.result(
            series: columns.map(\.series), lanes: lanes, ledgers: ledgers, dynamics: dynamics, setup: setup,
            riskState: riskState, runID: runID)
    }
}

extension RunResultRecorder {
    /// The run's results (SPEC §14) from what was recorded, with each strategy's bars, lane, ledger
    /// (its decision counts) and dynamic risk manager (its final factors), by registration index.
    func result(
        series: [BarSeries], lanes: [StrategyLane], ledgers: [SleeveLedger], dynamics: [DynamicRiskManager],
        setup: PortfolioSetup, riskState: RiskBookState, runID: String
    ) -> BacktestResult {
        let weekend = series.contains { Annualization.hasWeekendBars($0.times) }
        let annualization = Annualization.detect(hasWeekendBars: weekend)
        var strategies: [StrategyResult] = []
        for (index, lane) in lanes.enumerated() {
            let bars = series[lane.series]
            // A strategy without bars (it sits out) has no buy-and-hold return.
            let buyAndHold = bars.close.last.map { $0 / bars.close[0] * 100 - 100 }
            let ledger = ledgers[index]
            strategies.append(
                StrategyResult(
                    id: lane.id, symbol: lane.symbol, capital: setup.strategies[index].capital,
                    initialEquity: ledger.initialEquity,
                    metrics: MetricsCalculator.compute(
                        curve: curves[index].curve, trades: trades[index], annualization: annualization,
                        buyAndHoldReturnPct: buyAndHold),
                    trades: trades[index], adjustments: adjustments[index],
                    decisions: ledger.decisions, denied: ledger.denied,
                    minPositionSizeFactor: ledger.minPositionSizeFactor,
                    finalAdjustments: dynamics[index].adjustments, sitsOut: bars.isEmpty))
        }
        let allTrades = trades.joined().sorted { ($0.exitTime, $0.entryTime) < ($1.exitTime, $1.entryTime) }
        let times = series.compactMap(\.times.first)
        let ends = series.compactMap(\.times.last)
        return BacktestResult(
            runID: runID, portfolioName: setup.name, initialBalance: setup.initialBalance,
            portfolio: MetricsCalculator.compute(
                curve: portfolio.curve, trades: allTrades, annualization: annualization, buyAndHoldReturnPct: nil),
            strategies: strategies, decisions: decisions, decisionCount: ledgers.reduce(0) { $0 + $1.decisions },
            bindingLimitCounts: bindingLimitCounts, reduceOnlyEvents: reduceOnlyEvents,
            riskState: riskState, annualization: annualization,
            start: Timestamp(seconds: times.min() ?? 0), end: Timestamp(seconds: ends.max() ?? 0))
    }
}
