import BallastTestKit
import Foundation
import Testing

/// A restart of Ballast restarts a live run's process strategies and warms them on the journaled
/// bars (issue 13, SPEC §15): after a SIGKILL mid-run, the resumed run journals exactly what an
/// uninterrupted backtest journals. A process that was not warmed would start its SMAs from
/// nothing and trade differently.
@Suite("Process strategies live: SIGKILL and resume warms the restarted process")
struct ProcessStrategyResumeTests {
    @Test(
        "SIGKILL mid-run, then the same command: the Python SMA cross is warmed on the journaled bars, every table equals the backtest's",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func killAndResumeWarmsTheProcess() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2013-01-01")
        let example = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("examples/python-strategy")
        for file in ["ballast_strategy.py", "sma_cross.py"] {
            try FileManager.default.copyItem(
                atPath: example.appendingPathComponent(file).path, toPath: directory.path(file))
        }
        let text = try String(contentsOf: example.appendingPathComponent("portfolio.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"../../portfolios/data\"", with: "\"data\"")
            .replacingOccurrences(of: "timeout_ms = 5000", with: "timeout_ms = 60000")
            .replacingOccurrences(of: "fast = 20, slow = 100", with: "fast = 5, slow = 20")
        let path = try directory.write("p.toml", text)
        let backtest = directory.path("backtest.sqlite")
        let live = directory.path("live.sqlite")
        let run = try await ProcessStrategyProcessTests.ballast(["backtest", path, "--db", backtest])
        #expect(run.status == 0, "\(run.errors)")

        let killAt = Int.random(in: 100...400)
        let first = try BallastProcess([
            "live", path, "--feed", "replay", "--venue", "paper", "--db", live, "--speed", "4000000", "--print-bars",
        ])
        var seen = 0
        while seen < killAt, await first.nextLine() != nil { seen += 1 }
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.finished()
        #expect(first.process.terminationReason == .uncaughtSignal, "killed at bar \(killAt)")

        let resumed = try await ProcessStrategyProcessTests.ballast([
            "live", path, "--feed", "replay", "--speed", "max", "--venue", "paper", "--db", live,
        ])
        #expect(resumed.status == 0, "resumed after bar \(killAt): \(resumed.errors)")
        for table in LiveProcessTests.tables {
            let expected = try LiveProcessTests.rows(table, in: backtest)
            #expect(
                try LiveProcessTests.rows(table, in: live) == expected, "table \(table) after a kill at bar \(killAt)")
        }
    }
}
