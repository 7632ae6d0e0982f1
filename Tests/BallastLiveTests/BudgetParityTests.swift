import BallastConfig
import BallastCore
import BallastStore
import BallastTestKit
import Foundation
import Logging
import Testing

@testable import BallastEngine
@testable import BallastLive

/// The budgets a reader sees in the store are the risk book's view, bar group by bar group: an
/// approved entry that has not filled yet counts once (issue 11, item 2).
@Suite("Budgets in the store equal the risk book's view after every bar group")
struct BudgetParityTests {
    @Test("open and correlated exposure of every strategy, group by group over a year of the demo portfolio")
    func budgetsEqualTheBooksViewBarByBar() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2010-06-01")
        let file = try PortfolioFile.load(path: path)
        var setup = file.setup
        let series = setup.series
        setup.series = series.map { BarSeries(symbol: $0.symbol, timeframe: $0.timeframe) }
        let store = try BallastStore.open(path: directory.path("live.sqlite"))
        let runID = try store.beginRun(
            RunHeader(
                mode: .live, name: setup.name, portfolioPath: path, inputHash: "h", configText: file.text,
                initialEquity: setup.initialBalance, dataStart: Timestamp(seconds: 0), dataEnd: Timestamp(seconds: 0),
                strategies: setup.strategies.map { strategy in
                    RunHeader.StrategyHeader(
                        id: strategy.id, kind: strategy.strategy.kind, symbol: strategy.symbol,
                        timeframe: series[strategy.seriesIndex].timeframe.rawValue, capital: strategy.capital,
                        priority: strategy.priority, profileJSON: "{}")
                }),
            startedAt: LiveRunFixtures.started)
        let session = LiveSession(
            portfolio: LivePortfolio(setup: setup, annualization: .tradingDays252, journaling: true), store: store,
            runID: runID, venue: PaperVenue(), logger: Logger(label: "test"),
            wallClock: FixedWallClock(LiveRunFixtures.started))
        let feed = ReplayFeed(series: series, speed: nil) { _ in }
        var groups = 0
        var pendingChecked = 0
        for try await event in feed.events(after: nil) {
            guard case .bars = event else { continue }
            let step = try await session.handle(event)
            groups += 1
            let kernel = try #require(await session.portfolio).kernel
            let equity = kernel.ledgers.reduce(0) { $0 + $1.equity }
            let exposures = kernel.openExposures(portfolioEquity: equity)
            let hook = KernelAssembly.correlationHook(series: kernel.columns.map(\.series), risk: setup.risk)
            let budgets = try store.budgets(runID: runID)
            #expect(budgets.count == setup.strategies.count)
            for budget in budgets {
                let mine = exposures.filter { $0.strategyID == budget.strategyID }
                let expected = mine.reduce(0) { $0 + abs($1.portfolioFraction) }
                #expect(
                    abs(budget.openExposurePortfolio - expected) < 1e-12,
                    "\(budget.strategyID) at group \(groups): \(budget.openExposurePortfolio) vs \(expected)")
                let index = kernel.lanes.firstIndex { $0.id == budget.strategyID }!
                if let entry = kernel.ledgers[index].pending?.entry, kernel.ledgers[index].position == nil {
                    // Approved, not filled: exactly the approved fraction, once.
                    #expect(abs(budget.openExposurePortfolio - entry.fraction) < 1e-12)
                    pendingChecked += 1
                }
                // The hook the book decided with was built from these bars when a request came in.
                if step.decisions > 0 {
                    let correlated = hook.largestGroupExposure(
                        symbols: [budget.symbol], openPositions: exposures, at: kernel.clock)
                    #expect(
                        abs(budget.correlatedExposure - correlated) < 1e-12,
                        "\(budget.strategyID) at group \(groups): \(budget.correlatedExposure) vs \(correlated)")
                }
            }
        }
        #expect(groups > 200)
        #expect(pendingChecked > 5)
    }

    @Test("a run journaled before the fix (an unfilled entry also in the pending list) still resumes")
    func olderJournalStillResumes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(script: [3: .enterLong], directory: directory)
        for index in 0...3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        // What an older Ballast committed: the approved entry in the open positions and the pending list.
        var older = try #require(try store.riskState(runID: session.runID))
        #expect(older.pendingExposures.isEmpty && older.openPositions.count == 1)
        older.pendingExposures = older.openPositions
        var batch = JournalBatch()
        batch.riskState = older
        try store.append(batch, runID: session.runID)
        // A restart over the journaled bars resumes instead of refusing.
        let restarted = try await FeedHealthResumeTests.restart(session, store)
        #expect(await restarted.lastCloseTime == bars.closeTime(at: 3).seconds)
    }
}
