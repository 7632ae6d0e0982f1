import BallastTestKit
import Foundation
import GRDB
import Testing

/// `ballast serve` as a process over the demo backtest's journal: the JSON API, the dashboard page,
/// and every refusal (unknown run, a database that is not Ballast's, a non-loopback bind without a
/// token, a wrong token, an oversized body).
@Suite("ballast serve: JSON API, dashboard and refusals over a real server on 127.0.0.1", .serialized)
struct ServeAPITests {
    static let token = "serve-test-token-0123456789abcdef"

    static func tokenFile(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("token")
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func createForeignDatabase(_ path: String) throws {
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
    }

    static func commandCount(_ database: String) throws -> Int {
        try DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM operator_commands") ?? -1
        }
    }

    @Test("runs, budgets, decisions, adjustments, equity, trades as JSON; the dashboard page; 404 for an unknown run")
    func apiOverDemoBacktest() async throws {
        let (directory, database, _) = try await ReportCommandTests.demoReport()
        defer { directory.remove() }
        let server = try await ServeProcess(database: database)
        let runs = try await server.get("/api/runs")
        #expect(runs.status == 200 && runs.contentType == "application/json")
        #expect(try runs.array().count == 1)
        let budgets = try await server.get("/api/runs/1/budgets")
        #expect(budgets.status == 200)
        #expect(try budgets.array().map { $0["strategy_id"] as? String } == ReportCommandTests.demoStrategies)
        // The same bytes as `ballast budgets --json` (deterministic JSON).
        let (_, cli) = try await BallastProcess.running(["budgets", "--db", database, "--json"])
        #expect(budgets.text == cli)
        let decisions = try await server.get("/api/runs/1/decisions?strategy=trend-spx&limit=5")
        #expect(try decisions.array().count == 5)
        #expect(try decisions.array().allSatisfy { $0["strategy_id"] as? String == "trend-spx" })
        let bound = try await server.get("/api/runs/1/decisions?binding=max_daily_risk")
        #expect(try bound.array().allSatisfy { $0["binding_limit"] as? String == "max_daily_risk" })
        #expect(try await server.get("/api/runs/1/decisions?binding=bogus").status == 400)
        #expect(try await server.get("/api/runs/1/decisions?limit=-1").status == 400)
        for path in ["adjustments", "equity", "trades", "commands"] {
            let answer = try await server.get("/api/runs/1/\(path)")
            #expect(answer.status == 200, "\(path)")
            #expect((try? answer.array()) != nil, "\(path) is a JSON array")
        }
        #expect(try await server.get("/api/runs/1/trades").array().count > 20)
        let commit = try await server.get("/api/runs/1/commit").object()
        #expect(commit["status"] as? String == "finished")

        for path in ["/api/runs/42/budgets", "/api/runs/42/decisions", "/api/runs/abc/trades", "/runs/42"] {
            let missing = try await server.get(path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.contentType == "application/json", "\(path)")
            #expect(try missing.object()["error"] as? String != nil, "\(path)")
        }

        let page = try await server.get("/")
        #expect(page.status == 200 && page.contentType.hasPrefix("text/html"))
        #expect(
            ReportCommandTests.count("class=\"budget-row\"", in: page.text) == ReportCommandTests.demoStrategies.count)
        #expect(ReportCommandTests.count("<svg", in: page.text) == 5 + 3 * ReportCommandTests.demoStrategies.count)
        #expect(!page.text.contains("<script>"), "no inline script: the page loads /assets/… only")
        #expect(try await server.get("/assets/report.js").status == 200)
        #expect(try await server.get("/assets/dashboard.js").status == 200)
        // Read-only without --token-file: a command is refused and nothing is written.
        let refused = try await server.post("/api/runs/1/halt", body: Data(#"{"all": true}"#.utf8), token: Self.token)
        #expect(refused.status == 403)
        #expect(try Self.commandCount(database) == 0)
        #expect(await server.stop() == 0, "SIGTERM stops the server gracefully")
    }

    @Test("a wrong or missing token is 401 and an oversized body 413, with nothing written; a backtest run is 409")
    func tokenAndBodyChecks() async throws {
        let (directory, database, _) = try await ReportCommandTests.demoReport()
        defer { directory.remove() }
        let server = try await ServeProcess(database: database, tokenFile: try Self.tokenFile(in: directory))
        let body = Data(#"{"strategy": "trend-spx", "reason": "test"}"#.utf8)
        for token in [nil, "wrong", Self.token + "x", String(Self.token.dropLast())] {
            let answer = try await server.post("/api/runs/1/halt", body: body, token: token)
            #expect(answer.status == 401, "token \(token ?? "none")")
            #expect(!answer.text.contains(Self.token), "the token is never echoed")
        }
        let huge = Data(repeating: UInt8(ascii: "x"), count: 100_000)
        #expect(try await server.post("/api/runs/1/halt", body: huge, token: Self.token).status == 413)
        #expect(try await server.post("/api/runs/1/halt", body: Data("{".utf8), token: Self.token).status == 400)
        #expect(try await server.post("/api/runs/42/halt", body: body, token: Self.token).status == 404)
        // The right token, but run 1 is a finished backtest: refused, nothing written.
        let backtest = try await server.post("/api/runs/1/flatten", body: body, token: Self.token)
        #expect(backtest.status == 409)
        #expect(try Self.commandCount(database) == 0)
        #expect(await server.stop() == 0)
    }

    @Test(
        "refused at start: a database that is not Ballast's (65), a missing one (1), a non-loopback bind without a token (64)"
    )
    func refusalsAtStart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = directory.path("notes.sqlite")
        try Data("just some text, not a database at all, long enough for the header check\n".utf8)
            .write(to: URL(fileURLWithPath: text))
        let foreign = directory.path("foreign.sqlite")
        try Self.createForeignDatabase(foreign)
        for path in [text, foreign] {
            let child = try BallastProcess(["serve", "--db", path, "--bind", "127.0.0.1:0"])
            #expect(await child.finished() == 65, "\(path)")
            #expect(child.standardError.contains("not a Ballast database"), "\(path)")
        }
        let missing = try BallastProcess(["serve", "--db", directory.path("none.sqlite"), "--bind", "127.0.0.1:0"])
        #expect(await missing.finished() == 1)
        // Refused before the database is even opened: no address is bound in this test.
        let exposed = try BallastProcess(["serve", "--db", foreign, "--bind", "0.0.0.0:8700"])
        #expect(await exposed.finished() == 64)
        #expect(exposed.standardError.contains("--token-file"))
        let short = directory.path("short-token")
        try Data("abc".utf8).write(to: URL(fileURLWithPath: short))
        let weak = try BallastProcess(["serve", "--db", foreign, "--bind", "127.0.0.1:0", "--token-file", short])
        #expect(await weak.finished() == 64)
        let badBind = try BallastProcess(["serve", "--db", foreign, "--bind", "localhost"])
        #expect(await badBind.finished() == 64)
    }
}
