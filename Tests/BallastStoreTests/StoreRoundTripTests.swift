import BallastCore
import BallastEngine
import BallastRisk
import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@Suite("Writing a run and reading it back")
struct StoreRoundTripTests {
    typealias F = StoreFixtures

    static let summary = #"{"portfolio":{"max_drawdown_pct":4.5,"sharpe":1.25,"total_return_pct":12.5,"trades":7}}"#

    /// A fresh store in a temporary directory, with one run begun.
    static func withRun(_ body: (BallastStore, Int64, String) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("journal.sqlite")
        let store = try BallastStore.open(path: path)
        defer { try? store.close() }
        let runID = try store.beginRun(F.header(), startedAt: F.started)
        try body(store, runID, path)
    }

    static func expectMatches(_ row: DecisionRow, _ decision: RiskDecision, runID: Int64) {
        #expect(row.runID == runID)
        // One type for the engine's record and the store's row: every field reads back equal.
        #expect(row.decision == decision)
        #expect(row.decision.correlation?.reason == decision.correlation?.reason)
    }

    @Test("runs, decisions, adjustments, budgets and the book state read back as written")
    func roundTrip() throws {
        try Self.withRun { store, runID, _ in
            let batch = try F.fullBatch()
            try store.append(batch, runID: runID)
            try store.finishRun(runID, finishedAt: F.finished, finalEquity: 11_250, summaryJSON: Self.summary)

            let runs = try store.runs()
            let run = try #require(runs.first)
            #expect(run.id == runID)
            #expect([run.mode.rawValue, run.name, run.status.rawValue] == ["backtest", "demo", "finished"])
            #expect(run.portfolioPath == "portfolios/demo.toml")
            #expect(run.inputHash == "abc123")
            #expect(run.startedAt == "2025-01-02T03:04:05Z")
            #expect(run.finishedAt == "2025-01-02T04:04:05Z")
            #expect(run.dataStart == F.day0 && run.dataEnd == F.time(day: 30))
            #expect(run.initialEquity == 10_000 && run.finalEquity == 11_250)
            #expect(run.totalReturnPct == 12.5 && run.maxDrawdownPct == 4.5 && run.sharpe == 1.25 && run.trades == 7)
            #expect(run.error == nil)
            let latest = try store.latestRunID()
            #expect(latest == runID)

            let decisions = try store.decisions(runID: runID)
            try #require(decisions.count == batch.decisions.count)
            for (row, decision) in zip(decisions, batch.decisions) {
                Self.expectMatches(row, decision, runID: runID)
            }
            #expect(decisions[0].decision.correlation?.reason.contains("request 0.08 cut to 0.04") == true)
            #expect(decisions[2].isApproved == false)

            let adjustments = try store.adjustments(runID: runID)
            try #require(adjustments.count == 2)
            let row = adjustments[0]
            let event = batch.adjustments[0].event
            #expect(row.seq == 1 && row.strategyID == "trend" && row.time == event.time)
            #expect(row.component == .drawdown && row.reason == .drawdown && row.previousReason == .normal)
            #expect(row.tierBefore == nil && row.tierAfter == 0)
            #expect(row.positionSizeFactorOriginal == 1.3 && row.positionSizeFactorAdjusted == 0.8)
            #expect(row.stopLossTighteningOriginal == 1 && row.stopLossTighteningAdjusted == 1.2)
            #expect(row.dailyRiskFactorOriginal == 1 && row.dailyRiskFactorAdjusted == 0.8)
            #expect(row.primaryReasonBefore == .lowVolatility && row.primaryReasonAfter == .drawdown)
            #expect(row.activeReasons == [.drawdown, .lowVolatility])
            #expect(row.componentSizeFactorBefore == nil && row.componentSizeFactorAfter == 0.8)
            #expect(row.componentTighteningAfter == 1.2 && row.componentDailyFactorAfter == 0.8)
            let inputs = event.inputs
            #expect(row.inputs == inputs)
            #expect(row.endedAt == F.time(day: 4) && row.durationSeconds == 172_800)
            #expect(row.tradesUnder == 2 && row.pnlUnder == -15.5)
            #expect(adjustments[1].endedAt == nil && adjustments[1].pnlUnder == nil)
            let reverts = try store.adjustments(runID: runID, strategy: "revert")
            #expect(reverts.map(\.seq) == [2])

            let budgets = try store.budgets(runID: runID)
            #expect(budgets.map(\.strategyID) == ["trend", "revert"])
            let trend = try #require(budgets.first)
            let state = batch.strategyStates[0]
            #expect(trend.runID == runID && trend.runStatus == "finished" && trend.position == 0)
            #expect(trend.kind == "sma_cross" && trend.symbol == "GOOG" && trend.asOf == state.time)
            #expect(trend.capital == 0.6 && trend.sleeveInitialEquity == 6_000)
            #expect(trend.sleeveEquity == 5_900 && trend.sleevePeak == 6_100 && trend.sleeveDrawdown == 0.0328)
            #expect(trend.drawdownTier == 0 && trend.primaryReason == .drawdown)
            #expect(trend.activeComponents.map(\.component) == [.drawdown, .volatility])
            #expect(trend.activeComponents.map(\.reason) == [.drawdown, .lowVolatility])
            #expect(BudgetRow.ActiveComponent(reason: .normal) == nil)
            #expect(trend.positionSizeFactor == 0.8 && trend.stopLossTightening == 1.2 && trend.dailyRiskFactor == 0.8)
            #expect(trend.openExposurePortfolio == 0.12 && trend.openExposureSleeve == 0.2)
            #expect(trend.strategyDailyUsed == 0.02 && trend.strategyDailyCap == 0.05)
            #expect(trend.strategyDailyLeft == state.budget.strategyDailyLeft)
            #expect(abs((trend.strategyDailyCapInForce ?? 0) - 0.04) < 1e-12)
            #expect(abs((trend.strategyDailyLeftInForce ?? 0) - 0.02) < 1e-12)
            #expect(trend.portfolioDailyUsed == 0.03 && trend.portfolioDailyLeft == 0.03)
            #expect(trend.correlatedExposure == 0.09 && trend.correlationHeadroom == 0.06)
            #expect(trend.strategyReduceOnly && !trend.portfolioReduceOnly)
            #expect(trend.positionSide == .long && trend.positionQuantity == 3 && trend.realizedPnL == 11.2)
            #expect(budgets[1].positionSide == nil && budgets[1].positionQuantity == 0)

            let book = try store.riskState(runID: runID)
            #expect(book == batch.riskState)
        }
    }

    @Test("orders, fills, positions, trades, snapshots, performance and reduce-only rows are written")
    func journalTables() throws {
        try Self.withRun { store, runID, path in
            try store.append(try F.fullBatch(), runID: runID)
            try store.close()
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            try queue.read { db in
                let order = try #require(try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE seq = 1"))
                #expect(order["side"] as String == "long")
                #expect(order["intent"] as String == "entry")
                #expect(order["decision_seq"] as Int? == 1)
                #expect(order["created_at"] as Int64 == F.time(day: 1).seconds)
                #expect(order["fraction"] as Double? == 0.03)
                let fill = try #require(try Row.fetchOne(db, sql: "SELECT * FROM fills WHERE seq = 2"))
                #expect(fill["side"] as String == "buy")
                #expect(fill["price"] as Double == 100.05)
                #expect(fill["fee"] as Double == 0.30015)
                let position = try #require(try Row.fetchOne(db, sql: "SELECT * FROM positions WHERE fill_seq = 1"))
                #expect(position["stop_loss"] as Double? == 98.0)
                #expect(position["take_profit"] as Double? == nil)
                let trade = try #require(try Row.fetchOne(db, sql: "SELECT * FROM trades"))
                #expect(trade["exit_reason"] as String == "take_profit")
                #expect(trade["pnl"] as Double == 11.2)
                #expect(trade["exit_time"] as Int64 == F.time(day: 5).seconds)
                let scopes = try String.fetchAll(db, sql: "SELECT scope FROM account_snapshots ORDER BY id")
                #expect(scopes == ["portfolio", "trend"])
                let metrics = try #require(try Row.fetchOne(db, sql: "SELECT * FROM dynamic_performance_metrics"))
                #expect(metrics["trigger_kind"] as String == "daily")
                #expect(metrics["sharpe"] as Double? == 1.1)
                #expect(metrics["active_reasons"] as String == "drawdown,low_volatility")
                let events = try Row.fetchAll(db, sql: "SELECT * FROM reduce_only_events ORDER BY id")
                #expect(events.map { $0["strategy_id"] as String? } == [nil, "revert"])
                #expect(events.map { $0["entered"] as Bool } == [true, false])
                #expect(events.map { $0["max_drawdown"] as Double } == [0.2, 0.1])
                let strategies = try String.fetchAll(db, sql: "SELECT id FROM strategies ORDER BY position")
                #expect(strategies == ["trend", "revert"])
            }
        }
    }

    @Test("an adjustment end in a later batch updates its row; ending twice or an unknown one is refused")
    func adjustmentEnd() throws {
        try Self.withRun { store, runID, path in
            var first = JournalBatch()
            first.adjustments = [F.adjustment(seq: 1)]
            try store.append(first, runID: runID)
            let open = try store.adjustments(runID: runID)
            #expect(open.first?.endedAt == nil)

            var second = JournalBatch()
            second.adjustmentEnds = [
                AdjustmentEndRecord(seq: 1, endedAt: F.time(day: 9), durationSeconds: 604_800, trades: 4, pnl: 80)
            ]
            try store.append(second, runID: runID)
            let ended = try store.adjustments(runID: runID)[0]
            #expect(ended.endedAt == F.time(day: 9) && ended.durationSeconds == 604_800)
            #expect(ended.tradesUnder == 4 && ended.pnlUnder == 80)

            #expect(throws: StoreError.self) { try store.append(second, runID: runID) }
            var unknown = JournalBatch()
            unknown.orders = [F.order(seq: 1)]
            unknown.adjustmentEnds = [
                AdjustmentEndRecord(seq: 7, endedAt: F.time(day: 9), durationSeconds: 1, trades: 0, pnl: 0)
            ]
            #expect {
                try store.append(unknown, runID: runID)
            } throws: { error in
                guard case .inconsistentBatch(let errorPath, _, let reason) = error as? StoreError else { return false }
                return errorPath == path && reason.contains("never written")
            }
            // Nothing of the refused batch was written: the order can still be appended.
            unknown.adjustmentEnds = []
            try store.append(unknown, runID: runID)
        }
    }
}
