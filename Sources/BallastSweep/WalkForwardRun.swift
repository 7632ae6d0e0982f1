import BallastCore
import BallastEngine
import BallastReports
import BallastStore
import Foundation
import Synchronization

/// A walk-forward (SPEC §17): on each train window every variant runs and the best by the
/// objective is chosen; the choice then runs on the following test window. The test windows'
/// portfolio equity is stitched into one out-of-sample curve, each window starting from the
/// equity the previous one ended with (returns compound; a window's run starts flat).
public struct WalkForwardRun: Sendable {
    /// One window: its dates, the chosen params, and the choice's metrics in and out of sample.
    public struct WindowResult: Sendable {
        public var window: WalkForward.Window
        /// nil when no variant finished on the train window (the window is then not traded).
        public var choice: [(key: String, value: SweepValue)]?
        public var inSample: PerformanceMetrics?
        public var outOfSample: PerformanceMetrics?
        /// Variants that finished / were skipped on the train window.
        public var finished: Int
        public var skipped: Int
    }

    public var windows: [WindowResult]
    /// The stitched out-of-sample daily equity (day-end, starting at the initial balance).
    public var stitchedEquity: [(time: Timestamp, equity: Double)]
    /// Metrics of the stitched curve (drawdown at day-end resolution) and every test window's trades.
    public var stitched: PerformanceMetrics?

    /// The windows of `session`'s walk-forward over its data, or a `ConfigurationError` (exit 78)
    /// when the data is shorter than one train and one test window.
    public static func windows(of session: SweepSession) throws -> [WalkForward.Window] {
        guard let walkForward = session.sweep.walkForward else { return [] }
        let series = session.portfolio.setup.series.filter { !$0.isEmpty }
        let first = Timestamp(seconds: series.compactMap(\.times.first).min() ?? 0)
        let last = Timestamp(seconds: series.compactMap(\.times.last).max() ?? 0)
        return try walkForward.windows(first: first, last: last, file: session.sweep.path, text: session.sweep.text)
    }

    /// Runs the walk-forward of `session` on `jobs` workers.
    public static func run(session: SweepSession, jobs: Int) async throws -> WalkForwardRun {
        let runner = session.runner
        let objective = session.sweep.objective
        let initial = session.portfolio.setup.initialBalance
        var results: [WindowResult] = []
        var recorder = EquityCurveRecorder(initialEquity: initial)
        var stitchedEquity: [(time: Timestamp, equity: Double)] = []
        var trades: [TradeOutcome] = []
        var annualization: Annualization?
        var scale = 1.0
        for window in try windows(of: session) {
            let collected = RecordCollector()
            try await runner.run(session.plan.variants, jobs: jobs, window: window.trainStart..<window.testStart) {
                collected.append($0)
            }
            let ranking = SweepRanking(
                sweepID: session.sweepID, objective: objective, plan: session.plan, records: collected.records)
            var result = WindowResult(
                window: window, finished: ranking.entries.count { $0.record.status == "finished" },
                skipped: ranking.entries.count { $0.record.status != "finished" })
            if let best = ranking.best,
                let variant = session.plan.variants.first(where: { $0.index == best.record.variant })
            {
                result.choice = best.params
                result.inSample = best.record.metrics
                if case .success(let setup) = session.builder.setup(
                    for: variant.values, window: window.testStart..<window.testEnd)
                {
                    let sink = PortfolioEquitySink()
                    let run = try await PortfolioBacktester(setup: setup).run(
                        runID: "\(session.sweepID)/wf/\(window.testStart.seconds)", journal: sink, keepsDecisions: false
                    )
                    result.outOfSample = run.portfolio
                    annualization = annualization ?? run.annualization
                    for point in sink.equity {
                        let equity = point.equity / setup.initialBalance * initial * scale
                        recorder.record(time: point.time, equity: equity, inMarket: false)
                        stitchedEquity.append((point.time, equity))
                    }
                    scale *= run.portfolio.finalEquity / setup.initialBalance
                    trades += run.strategies.flatMap(\.trades)
                }
            }
            results.append(result)
        }
        let stitched = annualization.map { annualization in
            let computed = MetricsCalculator.compute(
                curve: recorder.curve, trades: trades, annualization: annualization, buyAndHoldReturnPct: nil)
            // Exposure is not measured on a curve stitched from day-end snapshots.
            return PerformanceMetrics(
                totalReturnPct: computed.totalReturnPct, cagrPct: computed.cagrPct, sharpe: computed.sharpe,
                sortino: computed.sortino, calmar: computed.calmar, maxDrawdownPct: computed.maxDrawdownPct,
                winRatePct: computed.winRatePct, profitFactor: computed.profitFactor,
                expectancyPct: computed.expectancyPct, sqn: computed.sqn, exposurePct: nil, trades: computed.trades,
                finalEquity: computed.finalEquity, buyAndHoldReturnPct: nil, annualization: annualization)
        }
        return WalkForwardRun(windows: results, stitchedEquity: stitchedEquity, stitched: stitched)
    }
}

/// The records of a task group's variants, in completion order.
final class RecordCollector: Sendable {
    private let list = Mutex<[SweepVariantRecord]>([])
    func append(_ record: SweepVariantRecord) { list.withLock { $0.append(record) } }
    var records: [SweepVariantRecord] { list.withLock { $0 } }
}
