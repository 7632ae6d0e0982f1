import ArgumentParser
import BallastCore
import BallastStrategies
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

/// A user's strategy kind for the command line: long at the first bar, exit at bar `hold`.
struct HoldFor: ConfigurableStrategy {
    static let kind = "hold_for"
    static let parameterNames = ["hold"]
    let hold: Int
    var seen = 0

    static func make(_ parameters: StrategyParameters, _ issues: inout [ConfigIssue]) -> HoldFor? {
        let before = issues.count
        let hold = parameters.integer("hold", default: 5, in: 1...1_000, &issues)
        return issues.count == before ? HoldFor(hold: hold) : nil
    }

    var kind: String { Self.kind }
    var lookback: Int { 1 }

    mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        seen += 1
        return seen == 1 ? .enterLong : (seen == hold + 1 ? .exit : .none)
    }
}

/// The command line as a library (issue 13 item 1): `BallastCommand.main(strategies:)` binds the
/// catalog, so every subcommand reads a portfolio file naming the user's kind.
@Suite("The command line with your own strategy kinds")
struct OwnStrategyCommandTests {
    static func portfolio(in directory: TemporaryDirectory) throws -> String {
        try directory.write("data/AAA.csv", TextFixtures.dailyCSV(count: 30))
        return try directory.write(
            "p.toml",
            """
            [portfolio]
            initial_balance = 10_000
            data_dir = "data"

            [[strategies]]
            id = "mine"
            kind = "hold_for"
            symbol = "AAA"
            data = "AAA.csv"
            params = { hold = 4 }
            """)
    }

    static func run(_ arguments: [String]) async throws {
        var command = try BallastCommand.parseAsRoot(arguments)
        if var asynchronous = command as? any AsyncParsableCommand {
            try await asynchronous.run()
        } else {
            try command.run()
        }
    }

    @Test("with the kind registered, validate and backtest run it; without, exit 78 naming the kind")
    func registeredKind() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try Self.portfolio(in: directory)
        let catalog = try StrategyCatalog(registering: [HoldFor.self])
        try await StrategyCatalog.$current.withValue(catalog) {
            try await Self.run(["validate", path])
            try await Self.run(["backtest", path, "--json", "--db", directory.path("j.sqlite")])
        }
        #expect(directory.exists("j.sqlite"))
        await #expect(throws: ExitCode(78)) { try await Self.run(["validate", path]) }
    }
}
