import BallastTestKit
import Foundation
import Testing

/// A restart of Ballast restarts a live run's process strategies and warms them on the journaled
/// bars (issue 13, SPEC §15): after a SIGKILL mid-run, the resumed run journals exactly what an
/// uninterrupted backtest journals. A process that was not warmed would start its SMAs from
/// nothing and trade differently.
@Suite("Process strategies live: SIGKILL and resume warms the restarted process")
struct ProcessStrategyResumeTests {
    /// The Python SMA cross (5, 20) written into `directory` and backtested into its own journal:
    /// the portfolio's path, the backtest's journal and the path for a live run's journal.
    static func backtestedPythonExample(
        in directory: TemporaryDirectory
    ) async throws -> (path: String, backtest: String, live: String) {
        let path = try pythonExample(in: directory, fastSlow: (5, 20))
        let backtest = directory.path("backtest.sqlite")
        let run = try await ProcessStrategyProcessTests.ballast(["backtest", path, "--db", backtest])
        #expect(run.status == 0, "\(run.errors)")
        return (path, backtest, directory.path("live.sqlite"))
    }

    @Test(
        "SIGKILL mid-run, then the same command: the Python SMA cross is warmed on the journaled bars, every table equals the backtest's",
        .enabled(if: ProcessStrategyProcessTests.hasPython, "python3 is not on PATH"))
    func killAndResumeWarmsTheProcess() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (path, backtest, live) = try await ProcessStrategyResumeTests.backtestedPythonExample(in: directory)

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

extension ProcessStrategyResumeTests {
    /// Writes the demo's data (2009-05-22 to 2013) into `directory` with `examples/python-strategy`
    /// (its helper module, its SMA cross and its portfolio file, pointed at that data, with a
    /// generous `timeout_ms` for a loaded machine); `fastSlow` replaces the example's (20, 100).
    /// Returns the portfolio file's path.
    static func pythonExample(in directory: TemporaryDirectory, fastSlow: (Int, Int)?) throws -> String {
        _ = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2013-01-01")
        let example = DemoPortfolioFixture.repositoryRoot.appendingPathComponent("examples/python-strategy")
        for file in ["ballast_strategy.py", "sma_cross.py"] {
            try FileManager.default.copyItem(
                atPath: example.appendingPathComponent(file).path, toPath: directory.path(file))
        }
        var text = try String(contentsOf: example.appendingPathComponent("portfolio.toml"), encoding: .utf8)
            .replacingOccurrences(of: "\"../../portfolios/data\"", with: "\"data\"")
            .replacingOccurrences(of: "timeout_ms = 5000", with: "timeout_ms = 60000")
        if let (fast, slow) = fastSlow {
            text = text.replacingOccurrences(of: "fast = 20, slow = 100", with: "fast = \(fast), slow = \(slow)")
        }
        return try directory.write("p.toml", text)
    }
}
