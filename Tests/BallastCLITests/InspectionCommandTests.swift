import ArgumentParser
import BallastCore
import BallastStore
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

@Suite("Journaled backtests and the inspection commands (SPEC §12, §13)")
struct InspectionCommandTests {
    static let portfolio = """
        [portfolio]
        name = "inspect"
        initial_balance = 10_000
        [risk]
        max_daily_risk = 0.05
        [[strategies]]
        id = "trend"
        kind = "sma_cross"
        symbol = "AAA"
        data = "AAA.csv"
        capital = 0.5
        params = { fast = 2, slow = 4 }
        [strategies.risk]
        base_fraction = 0.2
        max_daily_risk = 0.3
        [[strategies]]
        id = "hold"
        kind = "buy_and_hold"
        symbol = "AAA"
        data = "AAA.csv"
        """

    static func prepared() throws -> (TemporaryDirectory, String) {
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 50))
        return (directory, path)
    }

    @Test("a backtest writes ballast.sqlite beside the portfolio; every inspection command reads it")
    func defaultDatabaseAndCommands() async throws {
        let (directory, path) = try Self.prepared()
        defer { directory.remove() }
        #expect(await CommandLineTests.exitCode(["backtest", path, "--report", directory.path("r.json")]) == 0)
        #expect(directory.exists("ballast.sqlite"))
        let db = directory.path("ballast.sqlite")
        for command in ["runs", "budgets", "decisions", "adjustments"] {
            #expect(await CommandLineTests.exitCode([command, "--db", db]) == 0)
            #expect(await CommandLineTests.exitCode([command, "--db", db, "--json"]) == 0)
        }
        #expect(await CommandLineTests.exitCode(["decisions", "--db", db, "--strategy", "trend", "--limit", "2"]) == 0)
        #expect(await CommandLineTests.exitCode(["decisions", "--db", db, "--binding", "nonsense"]) == 64)
        #expect(await CommandLineTests.exitCode(["backtest", path, "--no-db", "--db", db]) == 64)
    }

    @Test("budgets JSON for a scripted case: keys and values")
    func budgetsJSON() async throws {
        let (directory, path) = try Self.prepared()
        defer { directory.remove() }
        let db = directory.path("b.sqlite")
        #expect(
            await CommandLineTests.exitCode(["backtest", path, "--db", db, "--report", directory.path("r.json")]) == 0)
        let store = try BallastStore.openForReading(path: db)
        let runID = try #require(try store.latestRunID())
        let rows = try store.budgets(runID: runID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try #require(try JSONSerialization.jsonObject(with: encoder.encode(rows)) as? [[String: Any]])
        #expect(json.map { $0["strategy_id"] as? String } == ["trend", "hold"])
        let trend = json[0]
        for key in [
            "capital", "sleeve_equity", "sleeve_peak", "sleeve_drawdown", "position_size_factor",
            "stop_loss_tightening",
            "daily_risk_factor", "open_exposure_portfolio", "open_exposure_sleeve", "strategy_daily_used",
            "strategy_daily_cap", "portfolio_daily_used", "portfolio_daily_left", "correlated_exposure",
            "correlation_headroom", "strategy_reduce_only", "portfolio_reduce_only", "primary_reason", "as_of",
        ] {
            #expect(trend[key] != nil, "missing \(key)")
        }
        #expect(trend["capital"] as? Double == 0.5)
        #expect(trend["strategy_daily_cap"] as? Double == 0.3)
        #expect(json[1]["capital"] as? Double == 0.5)
        // After the run everything is closed: no exposure, and the sleeves add up to the portfolio.
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.url.appendingPathComponent("r.json")))
                as? [String: Any])
        let finalEquity = try #require((report["portfolio"] as? [String: Any])?["final_equity"] as? Double)
        let sleeves = json.compactMap { $0["sleeve_equity"] as? Double }.reduce(0, +)
        #expect(abs(sleeves - finalEquity) < 1e-6)
        #expect(json.allSatisfy { ($0["open_exposure_portfolio"] as? Double) == 0 })
        #expect(json.allSatisfy { ($0["portfolio_reduce_only"] as? Bool) == false })
    }

    @Test("a file that is not SQLite exits 65 and is not modified")
    func notADatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("x.sqlite", "this is not a database, just text\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(await CommandLineTests.exitCode(["budgets", "--db", path]) == 65)
        let (portfolioDirectory, portfolio) = try Self.prepared()
        defer { portfolioDirectory.remove() }
        #expect(await CommandLineTests.exitCode(["backtest", portfolio, "--db", path]) == 65)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a missing database or run id is a clear error (exit 1) and creates nothing")
    func missingDatabaseOrRun() async throws {
        let (directory, path) = try Self.prepared()
        defer { directory.remove() }
        #expect(await CommandLineTests.exitCode(["budgets", "--db", directory.path("none.sqlite")]) == 1)
        #expect(!directory.exists("none.sqlite"))
        let db = directory.path("ok.sqlite")
        #expect(await CommandLineTests.exitCode(["backtest", path, "--db", db]) == 0)
        #expect(await CommandLineTests.exitCode(["budgets", "--db", db, "--run", "99"]) == 1)
        #expect(await CommandLineTests.exitCode(["decisions", "--db", db, "--run", "99"]) == 1)
    }

    @Test("a run rejected for bad data writes nothing to the database")
    func rejectedRunWritesNothing() async throws {
        let (directory, path) = try Self.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        #expect(await CommandLineTests.exitCode(["backtest", path, "--db", db]) == 0)
        let before = try BallastStore.openForReading(path: db).runs().count
        try directory.write("AAA.csv", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,0.5,1,1,1\n")
        #expect(await CommandLineTests.exitCode(["backtest", path, "--db", db]) == 65)
        #expect(try BallastStore.openForReading(path: db).runs().count == before)
    }
}
