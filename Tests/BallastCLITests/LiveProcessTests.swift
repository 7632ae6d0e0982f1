import BallastTestKit
import Foundation
import GRDB
import Testing

/// `ballast live` as a process: parity with `ballast backtest`, SIGKILL and resume, SIGTERM, and a
/// second process reading the budgets while the run writes. Real bars: the demo portfolio's data
/// from 2009-05 to 2012 (every strategy kind of the demo, about 900 bar groups).
@Suite("ballast live: parity with the backtest, crash-safe resume, graceful shutdown", .serialized)
struct LiveProcessTests {
    /// The journal tables that must be equal between two runs (run ids aside).
    static let tables = [
        "orders", "fills", "positions", "trades", "risk_decisions", "risk_adjustments", "account_snapshots",
        "dynamic_performance_metrics", "reduce_only_events",
    ]

    static func fixture() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2013-01-01")
        return (directory, path)
    }

    /// Every row of a table for the newest run, with `run_id` left out, in primary-key order.
    static func rows(_ table: String, in path: String) throws -> [[String]] {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            let runID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM runs") ?? 0
            return try Row.fetchAll(db, sql: "SELECT * FROM \(table) WHERE run_id = ?", arguments: [runID])
                .map { row in row.columnNames.filter { $0 != "run_id" }.map { "\(row[$0] ?? "NULL")" } }
        }
    }

    static func scalar(_ sql: String, in path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try String.fetchOne(db, sql: sql) }
    }

    @Test(
        "live --feed replay --speed max --venue paper journals exactly the backtest's trades, decisions and adjustments"
    )
    func parityWithBacktest() async throws {
        let (directory, portfolio) = try Self.fixture()
        defer { directory.remove() }
        let backtest = directory.path("backtest.sqlite")
        let live = directory.path("live.sqlite")
        #expect(try await BallastProcess.running(["backtest", portfolio, "--db", backtest]).0 == 0)
        let (status, output) = try await BallastProcess.running(
            ["live", portfolio, "--feed", "replay", "--speed", "max", "--venue", "paper", "--db", live])
        #expect(status == 0)
        #expect(output.contains("(finished)"))
        for table in Self.tables {
            let expected = try Self.rows(table, in: backtest)
            #expect(try Self.rows(table, in: live) == expected, "table \(table)")
        }
        #expect(try Self.rows("trades", in: live).count > 50)
        #expect(try Self.rows("risk_decisions", in: live).count > 50)
        #expect(
            try Self.scalar("SELECT final_equity FROM runs", in: live)
                == Self.scalar("SELECT final_equity FROM runs", in: backtest))
    }

    @Test("SIGKILL at a random bar, then a restart on the same database: same trades and equity, no order id twice")
    func killAndResume() async throws {
        let (directory, portfolio) = try Self.fixture()
        defer { directory.remove() }
        let reference = directory.path("reference.sqlite")
        let crashed = directory.path("crashed.sqlite")
        #expect(try await BallastProcess.running(["live", portfolio, "--db", reference]).0 == 0)
        let killAt = Int.random(in: 20...300)
        // Slow enough (about 22 ms a bar, so at least four seconds are left after the chosen bar) that
        // the kill lands while the run still writes, even on a loaded machine.
        let first = try BallastProcess(["live", portfolio, "--db", crashed, "--speed", "4000000", "--print-bars"])
        var seen = 0
        while seen < 10, await first.nextLine() != nil { seen += 1 }
        // While it writes, another process reads the budgets (WAL reader). It is read early, not just
        // before the kill: on a loaded machine this reader takes seconds, and the run would finish.
        let (budgetStatus, budgets) = try await BallastProcess.running(["budgets", "--db", crashed, "--json"])
        #expect(budgetStatus == 0)
        #expect(budgets.contains("trend-spx") && budgets.contains("baseline-spx"))
        while seen < killAt, await first.nextLine() != nil { seen += 1 }
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.finished()
        #expect(first.process.terminationReason == .uncaughtSignal, "killed at bar \(killAt)")
        #expect(try Self.scalar("SELECT status FROM runs", in: crashed) == "running")
        let (status, _) = try await BallastProcess.running(["live", portfolio, "--db", crashed])
        #expect(status == 0, "resumed after bar \(killAt)")
        for table in Self.tables + ["venue_orders"] {
            let expected = try Self.rows(table, in: reference)
            #expect(try Self.rows(table, in: crashed) == expected, "table \(table) after a kill at bar \(killAt)")
        }
        #expect(
            try Self.scalar("SELECT final_equity FROM runs", in: crashed)
                == Self.scalar("SELECT final_equity FROM runs", in: reference))
        #expect(
            try Self.scalar("SELECT count(*) = count(DISTINCT client_order_id) FROM venue_orders", in: crashed) == "1")
        #expect(try Self.scalar("SELECT count(*) FROM runs", in: crashed) == "1")
    }

    @Test("SIGTERM mid-run exits 0 within 5 seconds, every fill persisted, positions kept, and the run resumes")
    func gracefulShutdown() async throws {
        let (directory, portfolio) = try Self.fixture()
        defer { directory.remove() }
        let reference = directory.path("reference.sqlite")
        let stopped = directory.path("stopped.sqlite")
        #expect(try await BallastProcess.running(["live", portfolio, "--db", reference]).0 == 0)
        let child = try BallastProcess(["live", portfolio, "--db", stopped, "--speed", "8000000", "--print-bars"])
        var seen = 0
        while seen < 300, await child.nextLine() != nil { seen += 1 }
        let clock = ContinuousClock()
        let start = clock.now
        kill(child.process.processIdentifier, SIGTERM)
        let status = await child.finished()
        let elapsed = clock.now - start
        #expect(status == 0, "\(child.standardError)")
        #expect(elapsed < .seconds(5))
        #expect(try Self.scalar("SELECT status FROM runs", in: stopped) == "running")
        // Every fill up to the last committed bar is the reference's, and none was made on exit.
        let lastBar = try #require(try Self.scalar("SELECT max(close_time) FROM live_bars", in: stopped))
        let fills = try Self.rows("fills", in: stopped)
        let expected = try Self.rows("fills", in: reference).filter { Int64($0[8])! < Int64(lastBar)! }
        #expect(fills == expected)
        #expect(!fills.isEmpty)
        #expect(try Self.scalar("SELECT count(*) FROM trades WHERE exit_reason = 'end_of_data'", in: stopped) == "0")
        // Resuming finishes the run exactly as the uninterrupted one.
        #expect(try await BallastProcess.running(["live", portfolio, "--db", stopped]).0 == 0)
        #expect(try Self.rows("trades", in: stopped) == Self.rows("trades", in: reference))
    }

    @Test("SIGTERM with --flatten-on-exit closes every position (end_of_data) and finishes the run")
    func flattenOnExit() async throws {
        let (directory, portfolio) = try Self.fixture()
        defer { directory.remove() }
        let database = directory.path("flat.sqlite")
        let child = try BallastProcess([
            "live", portfolio, "--db", database, "--speed", "8000000", "--print-bars", "--flatten-on-exit",
        ])
        var seen = 0
        while seen < 300, await child.nextLine() != nil { seen += 1 }
        kill(child.process.processIdentifier, SIGTERM)
        #expect(await child.finished() == 0)
        #expect(try Self.scalar("SELECT status FROM runs", in: database) == "finished")
        // It stopped mid-run (the data's last bar closes 2013-01-01 00:00 UTC = 1356998400).
        let last = try Int64(#require(try Self.scalar("SELECT max(close_time) FROM live_bars", in: database)))!
        #expect(last < 1_356_998_400)
        // Every strategy's last position row is flat.
        let open = try Self.scalar(
            """
            SELECT count(*) FROM positions p WHERE quantity > 0 AND fill_seq = (
                SELECT max(fill_seq) FROM positions q WHERE q.strategy_id = p.strategy_id)
            """, in: database)
        #expect(open == "0")
        let fills = try Int(#require(try Self.scalar("SELECT count(*) FROM fills", in: database)))!
        let orders = try Int(#require(try Self.scalar("SELECT count(*) FROM venue_orders", in: database)))!
        #expect(orders == fills)
    }
}
