import BallastTestKit
import Foundation
import GRDB
import Testing

/// Operator commands against real `ballast live` processes: the dashboard follows the run, a halt
/// sent mid-run stops that strategy's entries from its next bar group (its exits still run), a
/// SIGKILL and a resume re-apply the command at the same bar, and refusals write nothing.
@Suite("Operator commands and the dashboard following a live run", .serialized)
struct OperatorCommandTests {
    /// About 86 ms a daily bar: slow enough to act mid-run on a loaded machine (the run's 900 bar
    /// groups take over a minute), and the test stops it with SIGTERM once it has seen enough.
    static let speed = "1000000"

    static func scalar(_ sql: String, in path: String) throws -> String? {
        try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: sql) }
    }

    static func waitUntil(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test("the dashboard follows a live run; halt mid-run: no entry of that strategy after it, exits still run")
    func dashboardFollowsAndHaltStopsEntries() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let database = directory.path("live.sqlite")
        let live = try BallastProcess(["live", portfolio, "--db", database, "--speed", Self.speed, "--print-bars"])
        for _ in 0..<40 { _ = await live.nextLine() }
        let server = try await ServeProcess(
            database: database, tokenFile: try ServeAPITests.tokenFile(in: directory))
        // Two reads of the budgets a moment apart: the run advanced in between.
        let first = try #require(try await server.get("/api/runs/1/budgets").array().first?["as_of"] as? Int)
        let advanced = try await Self.waitUntil(10) {
            let now = try await server.get("/api/runs/1/budgets").array().first?["as_of"] as? Int
            return (now ?? 0) > first
        }
        #expect(advanced, "as_of stayed at \(first)")

        let strategy = "trend-spx"
        let sent = try await server.post(
            "/api/runs/1/halt", body: Data(#"{"strategy": "trend-spx", "reason": "desk <b>check</b>"}"#.utf8),
            token: ServeAPITests.token)
        #expect(sent.status == 202, "\(sent.text)")
        let applied = try await Self.waitUntil(10) {
            try await server.get("/api/runs/1/commands").array().first?["applied_at"] != nil
        }
        #expect(applied, "the run applied the command")
        let budgets = try await server.get("/api/runs/1/budgets").array()
        let halt = budgets.first { $0["strategy_id"] as? String == strategy }?["operator_halt"] as? [String: Any]
        #expect(halt?["action"] as? String == "halt")
        let page = try await server.get("/runs/1/budgets.html").text
        #expect(page.contains("halted by operator") && page.contains("desk &lt;b&gt;check&lt;/b&gt;"))
        // Let it trade 150 more bar groups, then stop it (SIGTERM: graceful, the run stays resumable).
        for _ in 0..<150 { _ = await live.nextLine() }
        live.process.terminate()
        #expect(await live.finished() == 0)
        #expect(await server.stop() == 0)

        let appliedAt = try #require(try Self.scalar("SELECT applied_at FROM operator_commands", in: database))
        // No entry request of the halted strategy from its bar group on; the others still trade.
        #expect(
            try Self.scalar(
                "SELECT count(*) FROM risk_decisions WHERE strategy_id = '\(strategy)' AND time >= \(appliedAt)",
                in: database) == "0")
        #expect(
            try Int(Self.scalar("SELECT count(*) FROM risk_decisions WHERE time >= \(appliedAt)", in: database) ?? "0")
                ?? 0 > 0)
        // Journaled as a reduce-only event of the operator.
        #expect(
            try Self.scalar(
                "SELECT count(*) FROM reduce_only_events WHERE source = 'operator' AND strategy_id = '\(strategy)'",
                in: database) == "1")
        // Its fills from then on only closed positions (exits and stops still ran; no entry filled).
        #expect(
            try Self.scalar(
                "SELECT count(*) FROM positions WHERE strategy_id = '\(strategy)' AND time >= \(appliedAt) "
                    + "AND quantity > 0", in: database) == "0")
        let (_, table) = try await BallastProcess.running(["budgets", "--db", database])
        #expect(table.contains("halted (operator)"))
    }

    @Test("SIGKILL after a halt was applied, then resume: the same journal as the run that was not killed")
    func killAfterCommandAndResume() async throws {
        let (directory, portfolio) = try LiveProcessTests.fixture()
        defer { directory.remove() }
        let uninterrupted = directory.path("uninterrupted.sqlite")
        let killed = directory.path("killed.sqlite")
        // Both runs start as one: up to a random bar, SIGKILL, then a halt and a flatten recorded
        // while no process runs; the database is copied, so both apply them at the same bar group.
        let first = try BallastProcess(["live", portfolio, "--db", uninterrupted, "--speed", "8000000", "--print-bars"])
        let killAt = Int.random(in: 50...400)
        for _ in 0..<killAt { _ = await first.nextLine() }
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.finished()
        #expect(try await BallastProcess.running(["halt", "--db", uninterrupted, "--strategy", "trend-spx"]).0 == 0)
        #expect(
            try await BallastProcess.running(["flatten", "--db", uninterrupted, "--strategy", "momentum-googl"]).0 == 0)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: uninterrupted + suffix) {
            try FileManager.default.copyItem(atPath: uninterrupted + suffix, toPath: killed + suffix)
        }
        #expect(try await BallastProcess.running(["live", portfolio, "--db", uninterrupted]).0 == 0)

        let second = try BallastProcess(["live", portfolio, "--db", killed, "--speed", "8000000", "--print-bars"])
        for _ in 0..<Int.random(in: 30...200) { _ = await second.nextLine() }
        kill(second.process.processIdentifier, SIGKILL)
        _ = await second.finished()
        #expect(try Self.scalar("SELECT count(applied_at) FROM operator_commands", in: killed) == "2")
        #expect(try await BallastProcess.running(["live", portfolio, "--db", killed]).0 == 0)

        for table in LiveProcessTests.tables + ["operator_commands", "venue_orders"] {
            let expected = try LiveProcessTests.rows(table, in: uninterrupted)
            #expect(try LiveProcessTests.rows(table, in: killed) == expected, "table \(table), first kill at \(killAt)")
        }
        #expect(
            try Self.scalar("SELECT count(*) FROM reduce_only_events WHERE source = 'operator'", in: killed) == "2")
        #expect(
            try Self.scalar("SELECT final_equity FROM runs", in: killed)
                == Self.scalar("SELECT final_equity FROM runs", in: uninterrupted))
    }

    @Test("refused with exit 1 and nothing written: no live run, an unknown strategy, a finished run")
    func refusals() async throws {
        let (directory, database, _) = try await ReportCommandTests.demoReport()
        defer { directory.remove() }
        let (noLive, _) = try await BallastProcess.running(["halt", "--db", database, "--all"])
        #expect(noLive == 1)
        let (backtest, _) = try await BallastProcess.running(["halt", "--db", database, "--all", "--run", "1"])
        #expect(backtest == 1)
        #expect(try await BallastProcess.running(["halt", "--db", database]).0 == 64, "neither --strategy nor --all")

        let (liveDirectory, portfolio) = try LiveProcessTests.fixture()
        defer { liveDirectory.remove() }
        let live = liveDirectory.path("live.sqlite")
        let child = try BallastProcess(["live", portfolio, "--db", live, "--speed", "8000000", "--print-bars"])
        for _ in 0..<30 { _ = await child.nextLine() }
        kill(child.process.processIdentifier, SIGKILL)
        _ = await child.finished()
        let unknown = try BallastProcess(["halt", "--db", live, "--strategy", "no-such"])
        #expect(await unknown.finished() == 1)
        #expect(unknown.standardError.contains("no strategy 'no-such'"))
        #expect(try Self.scalar("SELECT count(*) FROM operator_commands", in: live) == "0")
        #expect(try await BallastProcess.running(["live", portfolio, "--db", live]).0 == 0)
        #expect(try await BallastProcess.running(["resume", "--db", live, "--all", "--run", "1"]).0 == 1, "finished")
        #expect(try Self.scalar("SELECT count(*) FROM operator_commands", in: live) == "0")
    }
}
