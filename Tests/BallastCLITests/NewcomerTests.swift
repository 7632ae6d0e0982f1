import BallastCore
import BallastStore
import BallastTestKit
import Foundation
import Testing

@testable import BallastCommandLine

/// Issue 11, item 14: what a newcomer tripped on — two names for one run, the data's range shown
/// as the range traded, 0-based tiers without a word, sleeve and portfolio percentages side by side
/// unlabelled, and inspection commands that did not find the database the README's demo wrote.
@Suite("Naming runs, ranges, tiers, labels and finding the database (issue 11, item 14)", .serialized)
struct NewcomerTests {
    @Test("a run is named the same way everywhere, and --run takes its number or its run_id")
    func oneNameForARun() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        let first = try await BallastRun.run(["backtest", portfolio, "--db", db])
        #expect(first.status == 0)
        let runID = try #require(
            first.output.split(separator: "\n").first { $0.hasPrefix("Journal: ") }.flatMap { line in
                line.split(separator: " ").first { $0.hasPrefix("(bt-") }
            }
        ).dropFirst().dropLast()
        #expect(runID.count == 19)
        #expect(first.output.contains("run 1 (\(runID))\n"))
        #expect(first.output.contains("Journal: run 1 (\(runID)) in \(db)"))
        #expect(try await BallastRun.run(["backtest", portfolio, "--db", db]).status == 0)
        #expect(try await BallastRun.run(["backtest", portfolio, "--db", db, "--from", "2024-01-10"]).status == 0)

        let runs = try await BallastRun.run(["runs", "--db", db])
        #expect(runs.output.contains("run_id"))
        #expect(runs.output.contains(String(runID)))
        // A prefix of the run_id selects the latest run with it (run 2, the same inputs as run 1).
        let prefix = String(runID.prefix(8))
        let budgets = try await BallastRun.run(["budgets", "--db", db, "--run", prefix])
        #expect(budgets.status == 0)
        #expect(budgets.output.hasPrefix("Budgets of run 2 (\(runID)), finished"))
        let byNumber = try await BallastRun.run(["decisions", "--db", db, "--run", "1"])
        #expect(byNumber.output.hasPrefix("Risk decisions of run 1 (\(runID))"))
        // "bt-" is a prefix of two different run_ids: ambiguous, and said so.
        let ambiguous = try await BallastRun.run(["budgets", "--db", db, "--run", "bt-"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.errors.contains("matches several run_ids"))
        let unknown = try await BallastRun.run(["budgets", "--db", db, "--run", "bt-ffffffff"])
        #expect(unknown.status == 1)
        #expect(unknown.errors.contains("no run with run_id bt-ffffffff"))
    }

    @Test("runs shows the range traded: a live run that starts late shows its own first bar, not the data's")
    func tradedRange() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        let live = try await BallastRun.run(["live", portfolio, "--db", db, "--start", "2024-02-01"])
        #expect(live.status == 0, "\(live.errors)")
        #expect(try await BallastRun.run(["backtest", portfolio, "--db", db, "--from", "2024-01-10"]).status == 0)
        let rows = try BallastStore.openForReading(path: db).runs()
        try #require(rows.count == 2)
        let start = try #require(TimestampParser.parse("2024-02-01"))
        let liveStart = try #require(rows[0].tradedStart)
        #expect(rows[0].dataStart < liveStart)
        #expect(abs(liveStart.seconds - start.seconds) <= 86_400)
        #expect(rows[0].tradedEnd == rows[0].dataEnd)
        #expect(rows[1].tradedStart == TimestampParser.parse("2024-01-10"))
        let table = try await BallastRun.run(["runs", "--db", db])
        #expect(table.output.contains("traded"))
        #expect(table.output.contains("\(liveStart.iso8601.prefix(10)) .. 2024-02-19"))
        let json = try await BallastRun.run(["runs", "--db", db, "--json"])
        #expect(json.output.contains("\"traded_start\""))
    }

    @Test("budgets labels sleeve and portfolio percentages, and says what tier 0 means")
    func labelsAndTiers() async throws {
        let (directory, portfolio) = try OutputPathTests.prepared()
        defer { directory.remove() }
        let db = directory.path("j.sqlite")
        #expect(try await BallastRun.run(["backtest", portfolio, "--db", db]).status == 0)
        let budgets = try await BallastRun.run(["budgets", "--db", db])
        for label in ["exposure (sleeve %)", "exposure (portfolio %)", "dd (sleeve %)", "capital (portfolio %)"] {
            #expect(budgets.output.contains(label), "missing \(label)")
        }
        #expect(budgets.output.contains("0 = the first, mildest reduction"))
        let adjustments = try await BallastRun.run(["adjustments", "--db", db])
        #expect(adjustments.output.contains("0 = the first, mildest reduction"))
        let decisions = try await BallastRun.run(["decisions", "--db", db])
        #expect(decisions.output.contains("sized (sleeve)") && decisions.output.contains("approved (portfolio)"))
    }

    @Test("without --db the inspection commands find portfolios/ballast.sqlite, or say where they looked")
    func findsTheDemoDatabase() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("portfolios/p.toml", CommandLineTests.portfolio)
        try directory.write("portfolios/AAA.csv", TextFixtures.dailyCSV(count: 50))
        let root = directory.url
        #expect(try await BallastRun.run(["backtest", "portfolios/p.toml"], in: root).status == 0)
        #expect(directory.exists("portfolios/ballast.sqlite"))
        for command in ["runs", "budgets", "decisions", "adjustments"] {
            let run = try await BallastRun.run([command], in: root)
            #expect(run.status == 0, "\(command): \(run.errors)")
            #expect(run.errors.contains("reading portfolios/ballast.sqlite"))
        }

        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let none = try await BallastRun.run(["budgets"], in: empty)
        #expect(none.status == 1)
        #expect(none.errors.contains("no journal database found: looked for ballast.sqlite in "))
        #expect(none.errors.contains("empty") && none.errors.contains("--db"))

        try directory.write("other/ballast.sqlite", "")
        let several = try await BallastRun.run(["budgets"], in: root)
        #expect(several.status == 1)
        #expect(several.errors.contains("other/ballast.sqlite, portfolios/ballast.sqlite"))

        // ./ballast.sqlite, when there is one, is read as before, without a note.
        try FileManager.default.copyItem(
            atPath: directory.path("portfolios/ballast.sqlite"), toPath: directory.path("ballast.sqlite"))
        let here = try await BallastRun.run(["runs"], in: root)
        #expect(here.status == 0)
        #expect(here.errors.isEmpty)
    }
}
