import BallastTestKit
import Foundation
import GRDB
import Testing

/// SIGINT or SIGTERM during `ballast backtest` marks the journaled run failed and exits 128 + the
/// signal (issue 11, item 9).
@Suite("ballast backtest: a signal marks the run failed", .serialized)
struct BacktestInterruptionTests {
    static let portfolio = """
        [portfolio]
        initial_balance = 10_000
        [[strategies]]
        id = "fast"
        kind = "sma_cross"
        symbol = "SYN"
        timeframe = "1m"
        data = "SYN.csv"
        params = { fast = 5, slow = 20 }
        [[strategies]]
        id = "slow"
        kind = "sma_cross"
        symbol = "SYN"
        timeframe = "1m"
        data = "SYN.csv"
        params = { fast = 30, slow = 120 }
        [[strategies]]
        id = "breakout"
        kind = "donchian_breakout"
        symbol = "SYN"
        timeframe = "1m"
        data = "SYN.csv"
        [[strategies]]
        id = "reversion"
        kind = "rsi_reversion"
        symbol = "SYN"
        timeframe = "1m"
        data = "SYN.csv"
        """

    /// The status of the newest run, nil while there is none (or no database yet).
    static func runStatus(_ path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration) else { return nil }
        return try? queue.read { db in
            try String.fetchOne(db, sql: "SELECT status FROM runs ORDER BY id DESC LIMIT 1")
        }
    }

    @Test(
        "the run is failed with the signal's name and the exit status is 128 + the signal",
        arguments: [
            (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"),
        ])
    func signalMarksTheRunFailed(signal: Int32, name: String) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (generated, _) = try await BallastProcess.running([
            "generate-bars", "--bars", "400000", "--timeframe", "1m", "--output", directory.path("SYN.csv"),
        ])
        #expect(generated == 0)
        let path = try directory.write("p.toml", Self.portfolio)
        let database = directory.path("bt.sqlite")
        let child = try BallastProcess(["backtest", path, "--db", database])
        // Wait until the run is journaled as running, then interrupt it.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while Self.runStatus(database) != "running", child.process.isRunning, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(child.process.isRunning, "the backtest ended before it could be interrupted")
        kill(child.process.processIdentifier, signal)
        let status = await child.finished()
        #expect(status == 128 + signal, "\(child.standardError)")
        #expect(child.standardError.contains("interrupted by \(name)"))
        #expect(
            try LiveProcessTests.scalar("SELECT status || ': ' || error FROM runs", in: database)
                == "failed: interrupted by \(name)")
    }
}
