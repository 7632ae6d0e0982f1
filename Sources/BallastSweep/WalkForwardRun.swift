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

    /// Runs the walk-forward of `session` on `jobs` workers. With a `store`, every train variant
    /// and every done window is journaled the moment it is done (`walk_forward_variants`,
    /// `walk_forward_windows`), and what the store holds already is not run again: a killed
    /// walk-forward resumes with the same result as an uninterrupted one.
    public static func run(
        session: SweepSession, jobs: Int, store: BallastStore? = nil
    ) async throws -> WalkForwardRun {
        let stored = Dictionary(
            try store?.walkForwardWindows(sweepID: session.sweepID).map { ($0.window, $0) } ?? [],
            uniquingKeysWith: { first, _ in first })
        var inputs: [WindowInputs] = []
        for (number, window) in try windows(of: session).enumerated() {
            let records = try await trainRecords(
                session: session, number: number, window: window, jobs: jobs, store: store,
                windowDone: stored[number] != nil)
            let best = SweepRanking(
                sweepID: session.sweepID, objective: session.sweep.objective, plan: session.plan, records: records
            ).best
            let variant = best.flatMap { best in session.plan.variants.first { $0.index == best.record.variant } }
            var test: WalkForwardTestRun?
            if let variant {
                if let done = stored[number] {
                    test = try done.testJSON.map(WalkForwardTestRun.decode)
                } else {
                    test = try await testRun(session: session, variant: variant, window: window)
                }
            }
            if stored[number] == nil, let store {
                try store.recordWalkForwardWindow(
                    WalkForwardWindowRecord(
                        window: number, trainStart: window.trainStart.seconds, testStart: window.testStart.seconds,
                        testEnd: window.testEnd.seconds, chosenVariant: variant?.index,
                        testJSON: try test?.jsonText()),
                    sweepID: session.sweepID)
            }
            inputs.append(WindowInputs(window: window, records: records, test: test))
        }
        return assemble(
            inputs, sweepID: session.sweepID, objective: session.sweep.objective, plan: session.plan,
            initialBalance: session.portfolio.setup.initialBalance)
    }

    /// What one window's result is made of: its train variants and the chosen variant's test run.
    struct WindowInputs {
        var window: WalkForward.Window
        var records: [SweepVariantRecord]
        var test: WalkForwardTestRun?
    }

    /// The walk-forward's result from its windows' inputs, in time order: a pure function, shared by
    /// the run and by `journaled` (the report of a journaled sweep), so both give the same bytes.
    /// The stitched curve starts at the first test run's initial balance (the portfolio's, unless
    /// the sweep varies it), at `initialBalance` when no window was traded.
    static func assemble(
        _ inputs: [WindowInputs], sweepID: String, objective: SweepObjective, plan: SweepPlan, initialBalance: Double
    ) -> WalkForwardRun {
        let initial = inputs.lazy.compactMap(\.test).first?.initialBalance ?? initialBalance
        var results: [WindowResult] = []
        var recorder = EquityCurveRecorder(initialEquity: initial)
        var stitchedEquity: [(time: Timestamp, equity: Double)] = []
        var trades: [TradeOutcome] = []
        var annualization: Annualization?
        var scale = 1.0
        for input in inputs {
            let ranking = SweepRanking(sweepID: sweepID, objective: objective, plan: plan, records: input.records)
            var result = WindowResult(
                window: input.window, finished: ranking.entries.count { $0.record.status == "finished" },
                skipped: ranking.entries.count { $0.record.status != "finished" })
            if let best = ranking.best {
                result.choice = best.params
                result.inSample = best.record.metrics
            }
            if let test = input.test {
                result.outOfSample = test.metrics
                annualization = annualization ?? test.annualization
                for point in test.equity {
                    let equity = point.equity / test.initialBalance * initial * scale
                    recorder.record(time: point.time, equity: equity, inMarket: false)
                    stitchedEquity.append((point.time, equity))
                }
                scale *= test.metrics.finalEquity / test.initialBalance
                trades += test.trades
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

    /// The walk-forward of journaled sweep `sweepID` as far as `store` holds it (the windows done,
    /// in time order), without its portfolio or data; nil when no window is journaled. For a
    /// finished walk-forward it equals the run's result.
    public static func journaled(
        sweepID: String, objective: SweepObjective, plan: SweepPlan, store: BallastStore
    ) throws -> WalkForwardRun? {
        let rows = try store.walkForwardWindows(sweepID: sweepID).sorted { $0.window < $1.window }
        guard !rows.isEmpty else { return nil }
        let inputs = try rows.map { row in
            WindowInputs(
                window: WalkForward.Window(
                    trainStart: Timestamp(seconds: row.trainStart), testStart: Timestamp(seconds: row.testStart),
                    testEnd: Timestamp(seconds: row.testEnd)),
                records: try store.walkForwardVariants(sweepID: sweepID, window: row.window),
                test: try row.testJSON.map(WalkForwardTestRun.decode))
        }
        return assemble(inputs, sweepID: sweepID, objective: objective, plan: plan, initialBalance: 0)
    }

    /// The train variants of window `number`: those the store holds, and the rest run now (each
    /// journaled as soon as it is done). A window the store holds as done runs nothing.
    static func trainRecords(
        session: SweepSession, number: Int, window: WalkForward.Window, jobs: Int, store: BallastStore?,
        windowDone: Bool
    ) async throws -> [SweepVariantRecord] {
        let sweepID = session.sweepID
        let done = try store?.walkForwardVariants(sweepID: sweepID, window: number) ?? []
        if windowDone { return done }
        let held = Set(done.map(\.variant))
        let pending = session.plan.variants.filter { !held.contains($0.index) }
        let collected = RecordCollector()
        try await session.runner.run(pending, jobs: jobs, window: window.trainStart..<window.testStart) { record in
            try store?.recordWalkForwardVariants([record], sweepID: sweepID, window: number)
            collected.append(record)
        }
        guard let store else { return collected.records }
        return try store.walkForwardVariants(sweepID: sweepID, window: number)
    }

    /// The chosen variant's run on the test window; nil when its portfolio has no bars there.
    static func testRun(
        session: SweepSession, variant: PlannedVariant, window: WalkForward.Window
    ) async throws -> WalkForwardTestRun? {
        guard
            case .success(let setup) = session.builder.setup(
                for: variant.values, window: window.testStart..<window.testEnd)
        else { return nil }
        let sink = PortfolioEquitySink()
        let run = try await PortfolioBacktester(setup: setup).run(
            runID: "\(session.sweepID)/wf/\(window.testStart.seconds)", journal: sink, keepsDecisions: false)
        return WalkForwardTestRun(
            metrics: run.portfolio, initialBalance: setup.initialBalance,
            equity: sink.equity.map { WalkForwardTestRun.Point(time: $0.time, equity: $0.equity) },
            trades: run.strategies.flatMap(\.trades), annualization: run.annualization)
    }
}

/// The records of a task group's variants, in completion order.
final class RecordCollector: Sendable {
    private let list = Mutex<[SweepVariantRecord]>([])
    func append(_ record: SweepVariantRecord) { list.withLock { $0.append(record) } }
    var records: [SweepVariantRecord] { list.withLock { $0 } }
}
