import ArgumentParser
import BallastCore
import BallastTestKit
import Foundation
import Testing

@testable import BallastCLI

@Suite("The ballast command line: exit codes and outputs (SPEC §13)")
struct CommandLineTests {
    static let portfolio = """
        [portfolio]
        initial_balance = 10_000
        [[strategies]]
        id = "trend"
        kind = "sma_cross"
        symbol = "AAA"
        data = "AAA.csv"
        params = { fast = 2, slow = 4 }
        [[strategies]]
        id = "hold"
        kind = "buy_and_hold"
        symbol = "AAA"
        data = "AAA.csv"
        """

    /// Parses and runs a command line; returns the exit code it ends with.
    static func exitCode(_ arguments: [String]) async -> Int32 {
        do {
            var command = try BallastCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            return BallastCommand.exitCode(for: error).rawValue
        }
    }

    @Test("backtest succeeds and --report writes the JSON summary; two runs are byte-identical")
    func backtestWritesReport() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 50))
        #expect(await Self.exitCode(["backtest", path, "--json", "--report", directory.path("one.json")]) == 0)
        #expect(await Self.exitCode(["backtest", path, "--report", directory.path("two.json")]) == 0)
        let one = try Data(contentsOf: directory.url.appendingPathComponent("one.json"))
        let two = try Data(contentsOf: directory.url.appendingPathComponent("two.json"))
        #expect(one == two)
        let object = try #require(try JSONSerialization.jsonObject(with: one) as? [String: Any])
        #expect((object["strategies"] as? [[String: Any]])?.map { $0["id"] as? String } == ["trend", "hold"])
        #expect(await Self.exitCode(["validate", path]) == 0)
    }

    @Test("bad data exits 65 and writes nothing")
    func badDataExit() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write(
            "AAA.csv", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,99,98,100,1\n")
        #expect(await Self.exitCode(["backtest", path, "--report", directory.path("r.json")]) == 65)
        #expect(!directory.exists("r.json"))
        #expect(await Self.exitCode(["validate", path]) == 65)
    }

    @Test("bad configuration exits 78 and writes nothing")
    func badConfigurationExit() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio.replacingOccurrences(of: "sma_cross", with: "nope"))
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 10))
        #expect(await Self.exitCode(["backtest", path, "--report", directory.path("r.json")]) == 78)
        #expect(!directory.exists("r.json"))
    }

    @Test("usage errors exit 64")
    func usageExit() async {
        #expect(await Self.exitCode(["backtest"]) == 64)
        #expect(await Self.exitCode(["backtest", "x.toml", "--from", "not-a-date"]) == 64)
        #expect(await Self.exitCode(["frobnicate"]) == 64)
    }
}
