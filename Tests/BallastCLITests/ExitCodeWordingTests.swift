import ArgumentParser
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

/// Issue 11, item 13: exit codes and wording of the command line.
@Suite("Exit codes and wording (issue 11, item 13)")
struct ExitCodeWordingTests {
    @Test("--from after --to is a usage error (64), named as such")
    func fromAfterTo() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        #expect(
            await CommandLineTests.exitCode(["backtest", portfolio, "--from", "2024-02-01", "--to", "2024-01-15"]) == 64
        )
        let run = try await BallastRun.run(["backtest", portfolio, "--from", "2024-02-01", "--to", "2024-01-15"])
        #expect(run.errors.contains("--from 2024-02-01T00:00:00Z is after --to 2024-01-15T00:00:00Z"))
        #expect(!directory.exists("ballast.sqlite"))
        #expect(
            await CommandLineTests.exitCode([
                "backtest", portfolio, "--from", "2024-01-10", "--to", "2024-02-10", "--no-db",
            ]) == 0)
    }

    @Test(
        "a bad --binance-base-url is a usage error (64) before anything runs",
        arguments: ["ftp://example.com", "not a url", "http://", "https:/nohost"])
    func badBinanceBaseURL(_ url: String) async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let arguments = ["live", portfolio, "--feed", "binance", "--binance-base-url", url]
        // Parsed only (a build without the check would start the run and retry the URL for minutes).
        #expect {
            try LiveCommand.parse(Array(arguments.dropFirst()))
        } throws: { error in
            LiveCommand.exitCode(for: error).rawValue == 64
        }
        let run = try await BallastRun.run(arguments, timeout: 30)
        #expect(run.status == 64)
        #expect(run.errors.contains("--binance-base-url \(url): not an http(s) URL"))
        #expect(!directory.exists("ballast.sqlite"))
        #expect(throws: Never.self) { try LiveCommand.binanceURL("http://127.0.0.1:8080") }
    }

    @Test(
        "an unwritable database (a read-only file) gets a plain message before the run",
        .enabled(if: geteuid() != 0, "permission bits do not stop root"))
    func unwritableDatabase() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        #expect(await CommandLineTests.exitCode(["backtest", portfolio, "--db", db]) == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        let run = try await BallastRun.run(["backtest", portfolio, "--db", db])
        #expect(run.status == 64)
        #expect(run.errors.contains("--db \(db): cannot write it: Permission denied"))
        #expect(!run.errors.contains("grdb_issue_102"))
    }

    @Test("decisions/adjustments --strategy that the run does not have: exit 1, saying so")
    func unknownStrategy() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        #expect(await CommandLineTests.exitCode(["backtest", portfolio, "--db", db]) == 0)
        for command in ["decisions", "adjustments"] {
            #expect(await CommandLineTests.exitCode([command, "--db", db, "--strategy", "trend"]) == 0)
            #expect(await CommandLineTests.exitCode([command, "--db", db, "--strategy", "nope"]) == 1)
            let run = try await BallastRun.run([command, "--db", db, "--strategy", "nope", "--json"])
            #expect(run.status == 1)
            #expect(run.errors.contains("has no strategy 'nope'; its strategies: trend, hold"), "\(run.errors)")
            #expect(run.output.isEmpty)
        }
    }

    @Test("a reader racing a database being created: no run yet (exit 1), not 'not a Ballast database'")
    func readerRacingCreation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let empty = try directory.write("new.sqlite", "")
        for command in ["budgets", "decisions", "adjustments"] {
            let run = try await BallastRun.run([command, "--db", empty])
            #expect(run.status == 1)
            #expect(run.errors.contains("no run yet"))
            #expect(!run.errors.contains("not a Ballast database"))
        }
        let runs = try await BallastRun.run(["runs", "--db", empty])
        #expect(runs.status == 0)
        #expect(runs.output.contains("no runs yet"))
        #expect(try await BallastRun.run(["runs", "--db", empty, "--json"]).output == "[]\n")
        #expect(try Data(contentsOf: directory.url.appendingPathComponent("new.sqlite")).isEmpty)
    }
}
