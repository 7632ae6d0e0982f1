import BallastConfig
import BallastCore
import BallastEngine
import BallastStore
import BallastSweep
import BallastTestKit
import Foundation
import Synchronization
import Testing

@Suite("Sweeps run, skip, rank and resume")
struct SweepRunTests {
    static func session(_ directory: TemporaryDirectory, sweep: String = SweepFixture.smallGrid) throws
        -> SweepSession
    {
        try SweepSession.prepare(sweepPath: try SweepFixture.write(in: directory, sweep: sweep))
    }

    @Test("an invalid variant (fast ≥ slow) is skipped with the reason; the others finish")
    func skipsInvalid() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try Self.session(directory)
        let store = try BallastStore.open(path: directory.path("sweep.sqlite"))
        let ranking = try await session.run(
            store: store, jobs: 2, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(ranking.entries.count == 9)
        let skipped = ranking.entries.filter { $0.record.status == "skipped" }
        #expect(
            skipped.map { $0.params.map(\.value) } == [[.integer(10), .integer(10)], [.integer(15), .integer(10)]])
        #expect(skipped.allSatisfy { $0.record.reason?.contains("strategies[0].params") == true })
        // Ranked by final equity, highest first; skipped last.
        let values = ranking.entries.compactMap(\.record.objectiveValue)
        #expect(values.count == 7)
        #expect(values == values.sorted(by: >))
        #expect(ranking.best?.record.objectiveValue == values.first)
        // Every finished variant's run summary holds its strategy's metrics.
        let summary = try #require(ranking.best?.record.summaryJSON)
        #expect(summary.contains("\"id\":\"trend\""))
    }

    @Test("a variant runs its own settings: equal to a backtest of the edited portfolio file")
    func variantEqualsBacktest() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try Self.session(directory)
        let variant = session.plan.variants[2]  // fast 5, slow 30
        #expect(variant.values == [.integer(5), .integer(30)])
        let record = try await session.runner.record(of: variant)
        let edited = SweepFixture.portfolio.replacingOccurrences(
            of: "fast = 10, slow = 30", with: "fast = 5, slow = 30")
        try directory.write("edited.toml", edited)
        let file = try PortfolioFile.load(path: directory.path("edited.toml"))
        let result = try await PortfolioBacktester(setup: file.setup).run(runID: "x")
        #expect(record.metrics == result.portfolio)
        #expect(record.status == "finished")
    }

    @Test("the ranking is byte-identical for 1 and 4 workers")
    func deterministicAcrossJobs() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try Self.session(directory)
        var outputs: [Data] = []
        for jobs in [1, 4] {
            let store = try BallastStore.open(path: directory.path("jobs-\(jobs).sqlite"))
            outputs.append(
                try await session.run(
                    store: store, jobs: jobs, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000))
                ).jsonData())
        }
        #expect(outputs[0] == outputs[1])
    }

    @Test("a resumed sweep runs only the variants not done, and ranks as an uninterrupted one")
    func resumes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try Self.session(directory)
        let uninterrupted = try await session.run(
            store: try BallastStore.open(path: directory.path("whole.sqlite")), jobs: 2,
            wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        let store = try BallastStore.open(path: directory.path("resumed.sqlite"))
        // The first four variants, as a sweep killed after them would have left the journal.
        _ = try await session.run(
            store: store, jobs: 2, selection: Array(session.plan.variants.prefix(4)),
            wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        let before = try store.sweepVariants(sweepID: session.sweepID)
        #expect(before.count == 4)
        let seen = ProgressLog()
        let resumed = try await session.run(
            store: store, jobs: 2, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000))
        ) { done, total in
            seen.append(done, total)
        }
        // It starts at 4 of 9 done and runs 5 more.
        #expect(seen.values.first == [4, 9])
        #expect(seen.values.count == 6)
        #expect(try store.sweepVariants(sweepID: session.sweepID).prefix(4).elementsEqual(before))
        #expect(try resumed.jsonData() == uninterrupted.jsonData())
        #expect(try store.sweep(id: session.sweepID)?.finishedAt != nil)
    }

    @Test(
        "axis keys that name nothing are configuration errors before anything runs",
        arguments: [
            ("strategies.nobody.params.fast", "names no strategy"),
            ("strategies.trend.params.fastest", "unknown parameter"),
            ("strategies.trend.data", "cannot be swept"),
            ("risk.max_positon_size", "unknown key"),
            ("nothing.at_all", "names nothing"),
        ])
    func badAxisKey(key: String, reason: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sweep = """
            portfolio = "portfolio.toml"
            [[axes]]
            key = "\(key)"
            values = [1]
            """
        let error = #expect(throws: ConfigurationError.self) { try Self.session(directory, sweep: sweep) }
        let issue = try #require(error?.issues.first)
        #expect(issue.issue.keyPath == "axes[0].key")
        #expect(issue.issue.reason.contains(reason))
        #expect(issue.line == 3)
    }

    @Test("global limits and profile keys can be swept")
    func sweepsRiskKeys() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let session = try Self.session(
            directory,
            sweep: """
                portfolio = "portfolio.toml"
                objective = "sharpe"
                [[axes]]
                key = "risk.max_position_size"
                values = [0.25, 1.0]
                [[axes]]
                key = "strategies.trend.risk.base_fraction"
                values = [0.5, 0.9]
                """)
        let store = try BallastStore.open(path: directory.path("sweep.sqlite"))
        let ranking = try await session.run(
            store: store, jobs: 2, wallClock: FixedWallClock(Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(ranking.entries.allSatisfy { $0.record.status == "finished" })
        // The cap binds: 0.25 gives the same result whatever the profile asks beyond it.
        let capped = ranking.entries.filter { $0.params[0].value == .double(0.25) }.map(\.record.metrics)
        #expect(capped.count == 2 && capped[0] == capped[1])
        let free = ranking.entries.filter { $0.params[0].value == .double(1.0) }.map(\.record.metrics)
        #expect(free[0] != free[1])
    }
}

/// Progress calls seen by a test.
final class ProgressLog: Sendable {
    private let log = Mutex<[[Int]]>([])
    func append(_ done: Int, _ total: Int) { log.withLock { $0.append([done, total]) } }
    var values: [[Int]] { log.withLock { $0 } }
}
