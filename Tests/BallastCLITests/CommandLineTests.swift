import ArgumentParser
import BallastCore
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

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
        // The journal is opened while the data loads; the database it created is removed again.
        #expect(!directory.exists("ballast.sqlite") && !directory.exists("ballast.sqlite-wal"))
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
        #expect(!directory.exists("ballast.sqlite") && !directory.exists("ballast.sqlite-wal"))
    }

    @Test("a bad portfolio leaves an existing journal as it was; its error comes before the database's")
    func badPortfolioKeepsExistingJournal() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write("AAA.csv", TextFixtures.dailyCSV(count: 50))
        #expect(await Self.exitCode(["backtest", path]) == 0)
        let journal = directory.url.appendingPathComponent("ballast.sqlite")
        let before = try Data(contentsOf: journal)
        try directory.write("AAA.csv", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,99,98,100,1\n")
        #expect(await Self.exitCode(["backtest", path]) == 65)
        #expect(try Data(contentsOf: journal) == before)
        // A bad configuration (78) and a file that is not a database (65): the portfolio's error is
        // the one reported, and the file is left as it was.
        let badKind = try directory.write(
            "bad.toml", Self.portfolio.replacingOccurrences(of: "sma_cross", with: "nope"))
        let notADatabase = try directory.write("other.sqlite", "not a database")
        #expect(await Self.exitCode(["backtest", badKind, "--db", notADatabase]) == 78)
        #expect(try String(contentsOfFile: notADatabase, encoding: .utf8) == "not a database")
    }

    @Test("usage errors exit 64")
    func usageExit() async {
        #expect(await Self.exitCode(["backtest"]) == 64)
        #expect(await Self.exitCode(["backtest", "x.toml", "--from", "not-a-date"]) == 64)
        #expect(await Self.exitCode(["frobnicate"]) == 64)
    }
}
