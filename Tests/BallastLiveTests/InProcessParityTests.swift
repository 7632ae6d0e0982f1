import BallastConfig
import BallastCore
import BallastEngine
import BallastLive
import BallastReports
import BallastStore
import BallastTestKit
import Foundation
import Logging
import Testing

/// Live replay ≡ backtest, in process (issue 12): one driver body runs the same portfolio under the
/// backtest driver (`PortfolioBacktester`, chunks on the risk actor) and under the live replay
/// driver (`LiveSession` fed by a `ReplayFeed`, bar group by bar group, paper venue, fixed wall
/// clock), each journal collected through the `JournalSink` interface; every journal table must be
/// equal. The end-to-end process tests (LiveProcessTests) check the same through the executable.
@Suite("Live replay and backtest journal the same rows, in process")
struct InProcessParityTests {
    enum Driver: String, CaseIterable {
        case backtest
        case liveReplay
    }

    /// Writes each batch to the store (the paper venue and the run's end read it) and keeps a copy.
    struct TeeJournalSink: JournalSink {
        let store: StoreJournalSink
        let copy: CollectingJournalSink

        func write(_ batch: JournalBatch) async throws {
            try await store.write(batch)
            try await copy.write(batch)
        }
    }

    /// The journal `driver` writes for the portfolio at `path` (the live run's bars left out).
    static func journal(of path: String, under driver: Driver, in directory: TemporaryDirectory) async throws
        -> JournalBatch
    {
        let setup = try PortfolioFile.load(path: path).setup
        let collected = CollectingJournalSink()
        switch driver {
        case .backtest:
            _ = try await PortfolioBacktester(setup: setup).run(
                runID: "parity", journal: collected, keepsDecisions: false)
        case .liveReplay:
            var empty = setup
            empty.series = setup.series.map { BarSeries(symbol: $0.symbol, timeframe: $0.timeframe) }
            let store = try BallastStore.open(path: directory.path("live.sqlite"))
            defer { try? store.close() }
            let runID = try store.beginRun(
                RunHeader(
                    mode: .live, name: setup.name, portfolioPath: path, inputHash: "parity", configText: "",
                    initialEquity: setup.initialBalance, dataStart: Timestamp(seconds: 0),
                    dataEnd: Timestamp(seconds: 0),
                    strategies: setup.strategies.map { strategy in
                        RunHeader.StrategyHeader(
                            id: strategy.id, kind: strategy.strategy.kind, symbol: strategy.symbol,
                            timeframe: setup.series[strategy.seriesIndex].timeframe.rawValue,
                            capital: strategy.capital, priority: strategy.priority, profileJSON: "{}")
                    }),
                startedAt: LiveRunFixtures.started)
            let weekend = setup.series.contains { Annualization.hasWeekendBars($0.times) }
            let session = LiveSession(
                portfolio: LivePortfolio(
                    setup: empty, annualization: Annualization.detect(hasWeekendBars: weekend), journaling: true),
                store: store, runID: runID, venue: PaperVenue(), logger: Logger(label: "parity"),
                wallClock: FixedWallClock(LiveRunFixtures.started),
                journal: TeeJournalSink(store: StoreJournalSink(store: store, runID: runID), copy: collected))
            for try await event in ReplayFeed(series: setup.series, speed: nil, sleep: { _ in }).events(after: nil) {
                _ = try await session.handle(event)
            }
            #expect(await session.isFinished)
        }
        return await collected.merged
    }

    @Test("every journal table is equal under the backtest driver and the live replay driver")
    func everyTableEqual() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2010-06-01")
        var journals: [JournalBatch] = []
        for driver in Driver.allCases {
            let own = try TemporaryDirectory()
            defer { own.remove() }
            journals.append(try await Self.journal(of: path, under: driver, in: own))
        }
        let (backtest, live) = (journals[0], journals[1])
        #expect(!backtest.fills.isEmpty && !backtest.decisions.isEmpty && !backtest.performance.isEmpty)
        #expect(live.orders == backtest.orders)
        #expect(live.fills == backtest.fills)
        #expect(live.positions == backtest.positions)
        #expect(live.trades == backtest.trades)
        #expect(live.snapshots == backtest.snapshots)
        #expect(live.decisions == backtest.decisions)
        #expect(live.adjustments == backtest.adjustments)
        #expect(live.adjustmentEnds == backtest.adjustmentEnds)
        #expect(live.performance == backtest.performance)
        #expect(live.reduceOnly == backtest.reduceOnly)
        #expect(live.strategyStates == backtest.strategyStates)
        #expect(live.riskState == backtest.riskState)
    }
}
