import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import BallastStore
import BallastStrategies
import BallastTestKit
import Foundation
import GRDB
import Testing

/// A real backtest journaled into a temporary database, read back.
@Suite("Backtests journaled in SQLite")
struct BacktestJournalTests {
    static let started = Date(timeIntervalSince1970: 1_735_787_045)

    static func wiggle(_ symbol: String, count: Int, scale: Double = 1) -> BarSeries {
        BarFixtures.wiggle(symbol, count: count, scale: scale)
    }

    static func profile(base: Double, stop: Double?) -> RiskProfile {
        var profile = RiskProfile()
        profile.baseFraction = base
        profile.stopLoss = stop.map { .percent($0) } ?? .none
        profile.takeProfit = .none
        profile.dynamicRisk.volatilityAdjustmentEnabled = false
        return profile
    }

    static func setup() -> PortfolioSetup {
        var tight = profile(base: 0.3, stop: 0.02)
        tight.dynamicRisk.drawdownThresholds = [0.002, 0.004, 0.006]
        func strategy(
            _ id: String, _ series: Int, _ priority: Int, _ capital: Double, _ profile: RiskProfile,
            _ script: [Int: Signal]
        ) -> StrategySetup {
            StrategySetup(
                id: id, symbol: series == 0 ? "SPY" : "QQQ", seriesIndex: series, priority: priority, capital: capital,
                profile: profile, strategy: ScriptedStrategy(script))
        }
        return PortfolioSetup(
            name: "journal", initialBalance: 10_000,
            series: [wiggle("SPY", count: 60), wiggle("QQQ", count: 60, scale: 0.5)],
            strategies: [
                strategy("a", 0, 1, 0.4, tight, [3: .enterLong, 10: .enterShort, 20: .exit, 30: .enterLong]),
                strategy("b", 1, 2, 0.3, profile(base: 0.4, stop: nil), [3: .enterLong, 25: .exit, 40: .enterShort]),
                strategy(
                    "c", 0, 3, 0.3, profile(base: 0.2, stop: 0.01), [5: .enterLong, 15: .enterLong, 35: .enterShort]),
            ])
    }

    static func header(_ setup: PortfolioSetup) -> RunHeader {
        RunHeader(
            mode: .backtest, name: setup.name, portfolioPath: "journal.toml", inputHash: "h", configText: "",
            initialEquity: setup.initialBalance, dataStart: Timestamp(seconds: setup.series[0].times[0]),
            dataEnd: Timestamp(seconds: setup.series[0].times.last!),
            strategies: setup.strategies.map {
                .init(
                    id: $0.id, kind: "scripted", symbol: $0.symbol, timeframe: "1d", capital: $0.capital,
                    priority: $0.priority, profileJSON: "{}")
            })
    }

    /// Runs `setup` into the store at `path` and returns the run id and the result.
    static func journaled(_ setup: PortfolioSetup, path: String) async throws -> (Int64, BacktestResult) {
        let store = try BallastStore.open(path: path)
        let runID = try store.beginRun(header(setup), startedAt: started)
        let result = try await PortfolioBacktester(setup: setup).run(
            runID: "r", chunkSize: 11, journal: StoreJournalSink(store: store, runID: runID))
        try store.finishRun(
            runID, finishedAt: started, finalEquity: result.portfolio.finalEquity,
            summaryJSON: String(decoding: try BacktestSummary(result: result).jsonData(), as: UTF8.self))
        return (runID, result)
    }

    @Test("trades, decisions and adjustments in the database equal the run's result")
    func databaseEqualsResult() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (runID, result) = try await Self.journaled(Self.setup(), path: directory.path("j.sqlite"))
        let store = try BallastStore.openForReading(path: directory.path("j.sqlite"))
        let decisions = try store.decisions(runID: runID)
        #expect(decisions.map(\.decision) == result.decisions)
        let adjustments = try store.adjustments(runID: runID)
        let expected = result.strategies.flatMap { strategy in strategy.adjustments.map { (strategy.id, $0) } }
        #expect(adjustments.count == expected.count)
        #expect(Set(adjustments.map(\.strategyID)) == Set(expected.map(\.0)))
        #expect(adjustments.allSatisfy { $0.endedAt != nil })
        let queue = try DatabaseQueue(path: directory.path("j.sqlite"))
        let trades = try queue.read { db in
            try Row.fetchAll(
                db, sql: "SELECT strategy_id, pnl, exit_reason FROM trades WHERE run_id = ? ORDER BY seq",
                arguments: [runID])
        }
        let resultTrades = result.strategies.flatMap(\.trades)
        #expect(trades.count == resultTrades.count)
        for strategy in result.strategies {
            let rows = trades.filter { ($0["strategy_id"] as String) == strategy.id }
            #expect(rows.map { $0["pnl"] as Double } == strategy.trades.map(\.pnl))
            #expect(rows.map { $0["exit_reason"] as String } == strategy.trades.map(\.exitReason.rawValue))
        }
        let runs = try store.runs()
        #expect(runs.first?.status == .finished && runs.first?.trades == result.portfolio.trades)
    }

    @Test("approved fractions per UTC day in risk_decisions never exceed max_daily_risk")
    func dailyBudgetInDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (runID, _) = try await Self.journaled(Self.setup(), path: directory.path("j.sqlite"))
        let queue = try DatabaseQueue(path: directory.path("j.sqlite"))
        let sums = try await queue.read { db in
            try Double.fetchAll(
                db,
                sql: """
                    SELECT SUM(approved_fraction) FROM risk_decisions WHERE run_id = ?
                    GROUP BY (time - 1) / 86400
                    """, arguments: [runID])
        }
        #expect(!sums.isEmpty)
        #expect(sums.allSatisfy { $0 <= 0.06 + 1e-12 })
    }

    @Test("a scripted drawdown: each risk_adjustments row carries the tier factors of SPEC §5")
    func tierFactorsInDatabase() async throws {
        var profile = Self.profile(base: 1, stop: nil)
        profile.dynamicRisk.drawdownThresholds = [0.01, 0.02, 0.03]
        profile.dynamicRisk.riskReductionFactors = [0.8, 0.6, 0.4]
        var risk = RiskParameters()
        risk.maxPositionSize = 1
        risk.maxDailyRisk = 1
        risk.maxCorrelatedExposure = 1
        // All-in at 100, then the price falls 1.5%, 2.5%, 3.5%: tiers 0, 1, 2; then a new high clears them.
        let closes = [100.0, 100, 98.5, 97.5, 96.5, 96.5, 101, 101]
        let series = BarFixtures.daily("AAA", closes.map { ($0, $0, $0, $0) })
        let setup = PortfolioSetup(
            name: "tiers", initialBalance: 10_000, risk: risk,
            execution: ExecutionSettings(feeRate: 0, slippageRate: 0),
            series: [series],
            strategies: [
                StrategySetup(
                    id: "s", symbol: "AAA", seriesIndex: 0, capital: 1, profile: profile,
                    strategy: ScriptedStrategy([0: .enterLong]))
            ])
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (runID, _) = try await Self.journaled(setup, path: directory.path("t.sqlite"))
        let rows = try BallastStore.openForReading(path: directory.path("t.sqlite")).adjustments(runID: runID)
        #expect(rows.map(\.tierAfter) == [0, 1, 2, nil])
        let factors = [0.8, 0.6, 0.4]
        for row in rows {
            guard let tier = row.tierAfter else {
                #expect(row.positionSizeFactorAdjusted == 1 && row.stopLossTighteningAdjusted == 1)
                continue
            }
            #expect(row.component == .drawdown && row.reason == .drawdown)
            #expect(row.positionSizeFactorAdjusted == factors[tier])
            #expect(row.dailyRiskFactorAdjusted == factors[tier])
            #expect(abs(row.stopLossTighteningAdjusted - (1 + 0.2 * Double(tier + 1))) < 1e-12)
        }
        #expect(rows[1].positionSizeFactorOriginal == 0.8)
    }

    @Test("re-running the same portfolio gives a second run with identical contents")
    func rerunIsIdentical() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("r.sqlite")
        let (first, _) = try await Self.journaled(Self.setup(), path: path)
        let (second, _) = try await Self.journaled(Self.setup(), path: path)
        #expect(first != second)
        let queue = try DatabaseQueue(path: path)
        for table in [
            "orders", "fills", "positions", "trades", "account_snapshots", "risk_decisions", "risk_adjustments",
            "dynamic_performance_metrics", "reduce_only_events", "strategy_state",
        ] {
            let (a, b) = try queue.read { db in
                let columns = try db.columns(in: table).map(\.name).filter { $0 != "run_id" && $0 != "id" }
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let sql = "SELECT \(list) FROM \(table) WHERE run_id = ? ORDER BY \(list)"
                return (
                    try Row.fetchAll(db, sql: sql, arguments: [first]),
                    try Row.fetchAll(db, sql: sql, arguments: [second])
                )
            }
            #expect(a == b, "table \(table) differs")
            #expect(!a.isEmpty || table == "reduce_only_events", "table \(table) is empty")
        }
    }
}
