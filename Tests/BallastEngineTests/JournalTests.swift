import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStrategies
import BallastTestKit
import Testing

@Suite("The run journal handed to the store")
struct JournalTests {
    typealias E = EngineFixtures

    /// Three strategies over 60 wiggling days with stops, reversals and a tight dynamic profile.
    static func setup() -> PortfolioSetup {
        var tight = E.profile(base: 0.3, stop: 0.02)
        tight.dynamicRisk.enabled = true
        tight.dynamicRisk.drawdownThresholds = [0.002, 0.004, 0.006]
        return PortfolioSetup(
            name: "journal", initialBalance: 10_000,
            series: [
                JointBacktestTests.wiggle("SPY", count: 60), JointBacktestTests.wiggle("QQQ", count: 60, scale: 0.5),
            ],
            strategies: [
                JointBacktestTests.strategy(
                    "a", series: 0, symbol: "SPY", priority: 1, capital: 0.4, profile: tight,
                    script: [3: .enterLong, 10: .enterShort, 20: .exit, 30: .enterLong]),
                JointBacktestTests.strategy(
                    "b", series: 1, symbol: "QQQ", priority: 2, capital: 0.3, profile: E.profile(base: 0.4, stop: nil),
                    script: [3: .enterLong, 25: .exit, 40: .enterShort]),
                JointBacktestTests.strategy(
                    "c", series: 0, symbol: "SPY", priority: 3, capital: 0.3, profile: E.profile(base: 0.2, stop: 0.01),
                    script: [5: .enterLong, 15: .enterLong, 35: .enterShort]),
            ])
    }

    @Test("a finished run's budgets hold each sleeve's final equity, after its end-of-data exit")
    func finalBudgetsAfterTheLastExit() async throws {
        let sink = CollectingJournalSink()
        let result = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j", journal: sink)
        let journal = await sink.merged
        #expect(journal.trades.contains { $0.trade.exitReason == .endOfData })
        for strategy in result.strategies {
            let state = try #require(journal.strategyStates.first { $0.strategyID == strategy.id })
            #expect(state.budget.sleeveEquity == strategy.metrics.finalEquity, "\(strategy.id)")
        }
    }

    @Test("the journal matches the result: trades, decisions, adjustments; every fill has its position")
    func journalMatchesResult() async throws {
        let sink = CollectingJournalSink()
        let result = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j", chunkSize: 7, journal: sink)
        let journal = await sink.merged
        #expect(await sink.batches.count > 3)
        for strategy in result.strategies {
            #expect(journal.trades.filter { $0.strategyID == strategy.id }.map(\.trade) == strategy.trades)
        }
        #expect(journal.trades.count == result.strategies.reduce(0) { $0 + $1.trades.count })
        #expect(journal.trades.map(\.seq) == Array(1...journal.trades.count))
        #expect(journal.decisions == result.decisions)
        #expect(journal.adjustments.count == result.strategies.reduce(0) { $0 + $1.adjustments.count })
        #expect(!journal.adjustments.isEmpty)
        // Every adjustment ends: by the next one or at the end of the run.
        #expect(Set(journal.adjustmentEnds.map(\.seq)) == Set(journal.adjustments.map(\.seq)))
        #expect(journal.fills.count == journal.positions.count)
        #expect(journal.positions.map(\.fillSeq) == journal.fills.map(\.seq))
        #expect(journal.fills.count == journal.orders.filter { $0.status == .filled }.count)
        // Two fills per trade (entry and exit).
        #expect(journal.fills.count == 2 * journal.trades.count)
        #expect(journal.strategyStates.map(\.strategyID) == ["a", "b", "c"])
        #expect(journal.riskState == result.riskState)
    }

    @Test("snapshots: one per scope per UTC day plus the final one; performance rows daily and at adjustments")
    func snapshotsAndPerformance() async throws {
        let sink = CollectingJournalSink()
        let result = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j", journal: sink)
        let journal = await sink.merged
        let portfolio = journal.snapshots.filter { $0.scope == "portfolio" }
        #expect(portfolio.count == 60)
        #expect(abs(portfolio.last!.equity - result.portfolio.finalEquity) < 1e-9)
        for id in ["a", "b", "c"] {
            let sleeve = journal.snapshots.filter { $0.scope == id }
            #expect(sleeve.count == 60)
            #expect(Set(sleeve.map { $0.time.utcDay }).count == 60)
            let final = try #require(result.strategies.first { $0.id == id }?.metrics.finalEquity)
            #expect(abs(sleeve.last!.equity - final) < 1e-9)
            let rows = journal.performance.filter { $0.strategyID == id }
            #expect(rows.filter { $0.trigger == .daily }.count == 59)
            #expect(rows.filter { $0.trigger == .final }.count == 1)
        }
        let adjusted = journal.performance.filter { $0.trigger == .adjustment }
        #expect(!adjusted.isEmpty)
        #expect(adjusted.allSatisfy { $0.strategyID == "a" })
    }

    @Test("approved fractions per UTC day never exceed max_daily_risk in the journal")
    func dailyBudgetInJournal() async throws {
        let sink = CollectingJournalSink()
        _ = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j", journal: sink)
        let journal = await sink.merged
        let perDay = Dictionary(grouping: journal.decisions) { $0.time.adding(seconds: -1).utcDay }
        for (_, decisions) in perDay {
            #expect(decisions.reduce(0) { $0 + $1.approvedFraction } <= 0.06 + 1e-12)
        }
    }

    @Test("a run that does not keep its decisions has the same counts and results, and journals every decision")
    func withoutKeptDecisions() async throws {
        let kept = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j")
        let sink = CollectingJournalSink()
        let lean = try await PortfolioBacktester(setup: Self.setup()).run(
            runID: "j", journal: sink, keepsDecisions: false)
        try #require(!kept.decisions.isEmpty)
        #expect(lean.decisions.isEmpty)
        #expect(lean.decisionCount == kept.decisions.count)
        #expect(kept.decisionCount == kept.decisions.count)
        let counted = Dictionary(grouping: kept.decisions, by: \.bindingLimit).mapValues(\.count)
        #expect(lean.bindingLimitCounts == counted)
        #expect(kept.bindingLimitCounts == counted)
        #expect(await sink.merged.decisions == kept.decisions)
        #expect(lean.strategies.map(\.trades) == kept.strategies.map(\.trades))
        #expect(lean.strategies.map(\.decisions) == kept.strategies.map(\.decisions))
        #expect(lean.portfolio == kept.portfolio)
        #expect(lean.riskState == kept.riskState)
    }

    @Test("journaling does not change the result")
    func journalingIsTransparent() async throws {
        let plain = try await PortfolioBacktester(setup: Self.setup()).run(runID: "j")
        let journaled = try await PortfolioBacktester(setup: Self.setup()).run(
            runID: "j", journal: CollectingJournalSink())
        #expect(plain.decisions == journaled.decisions)
        #expect(plain.strategies.map(\.trades) == journaled.strategies.map(\.trades))
        #expect(plain.portfolio == journaled.portfolio)
    }
}

@Suite("A journal that fails")
struct FailingJournalTests {
    struct Broken: Error {}

    /// Accepts the first batch, then fails.
    actor FailingSink: JournalSink {
        var written = 0
        func write(_ batch: JournalBatch) async throws {
            written += 1
            if written > 1 { throw Broken() }
        }
    }

    @Test("a sink that fails midway stops the run with its error")
    func failingSinkStopsTheRun() async throws {
        let sink = FailingSink()
        await #expect(throws: Broken.self) {
            _ = try await PortfolioBacktester(setup: JournalTests.setup()).run(runID: "f", chunkSize: 5, journal: sink)
        }
        #expect(await sink.written >= 2)
    }
}
