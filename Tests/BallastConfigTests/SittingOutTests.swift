import BallastConfig
import BallastCore
import BallastEngine
import BallastTestKit
import Foundation
import Testing

/// A strategy whose data has no bar in `--from`..`--to` sits the run out; the run fails only when
/// no strategy has bars (issue 11, item 10; docs/BACKTEST.md).
@Suite("Strategies without bars in the range sit out")
struct SittingOutTests {
    /// `PortfolioFileTests.valid` with BBB's data starting on 2024-01-21 (AAA's on 2024-01-01).
    static func directory() throws -> TemporaryDirectory {
        let directory = try PortfolioFileTests.directory(portfolio: PortfolioFileTests.valid)
        let lines = TextFixtures.dailyCSV(count: 60, closes: [50, 52, 49]).split(separator: "\n")
        let late = lines.dropFirst().filter { $0 >= "2024-01-21" }
        try directory.write("data/BBB.csv", ([lines[0]] + late).joined(separator: "\n") + "\n")
        return directory
    }

    static func load(_ directory: TemporaryDirectory, from: (Int64, Int64), to: (Int64, Int64)) throws -> PortfolioFile
    {
        try PortfolioFile.load(
            path: directory.path("p.toml"), from: Timestamp(year: 2024, month: from.0, day: from.1),
            to: Timestamp(year: 2024, month: to.0, day: to.1))
    }

    @Test("a strategy without bars sits out: no decisions, no trades, its capital flat in cash")
    func sitsOut() async throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let file = try Self.load(directory, from: (1, 1), to: (1, 15))
        #expect(file.sittingOut.map(\.id) == ["c"])
        let note = try #require(file.sittingOut.first?.note)
        #expect(note.contains("strategy \"c\" sits out: no BBB bars between --from and --to"))
        #expect(note.contains("BBB.csv has 2024-01-21 .. 2024-02-29"))
        #expect(note.contains("its 30% of the capital stays in cash"))

        let sink = CollectingJournalSink()
        let result = try await PortfolioBacktester(setup: file.setup).run(runID: "t", journal: sink)
        #expect(result.strategies.map(\.sitsOut) == [false, false, true])
        let idle = result.strategies[2]
        #expect(idle.trades.isEmpty)
        #expect(idle.decisions == 0)
        #expect(idle.metrics.finalEquity == 15_000)
        #expect(idle.metrics.totalReturnPct == 0)
        #expect(idle.metrics.maxDrawdownPct == 0)
        #expect(idle.metrics.buyAndHoldReturnPct == nil)
        let active = result.strategies[0].metrics.finalEquity + result.strategies[1].metrics.finalEquity
        #expect(abs(result.portfolio.finalEquity - (active + 15_000)) < 1e-6)
        #expect(result.end.seconds < Timestamp(year: 2024, month: 1, day: 16)!.seconds)

        // The journal: one flat snapshot for the idle sleeve, at the run's end (not at 1970).
        let journal = await sink.merged
        #expect(!journal.decisions.contains { $0.strategyID == "c" })
        let snapshots = journal.snapshots.filter { $0.scope == "c" }
        #expect(snapshots.count == 1)
        #expect(snapshots.first?.equity == 15_000)
        #expect(snapshots.first?.time.seconds ?? 0 >= Timestamp(year: 2024, month: 1, day: 15)!.seconds)

        // The JSON summary says so for that strategy only.
        let json = String(decoding: try BacktestSummary(result: result).jsonData(), as: UTF8.self)
        #expect(json.components(separatedBy: "\"sitting_out\":true").count == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let flags = (object["strategies"] as? [[String: Any]])?.map { $0["sitting_out"] as? Bool }
        #expect(flags == [nil, nil, true])
    }

    @Test("a run where every strategy has bars says nothing about sitting out")
    func nobodySitsOut() async throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let file = try Self.load(directory, from: (1, 1), to: (2, 9))
        #expect(file.sittingOut.isEmpty)
        let result = try await PortfolioBacktester(setup: file.setup).run(runID: "t")
        #expect(!String(decoding: try BacktestSummary(result: result).jsonData(), as: UTF8.self).contains("sitting"))
    }

    @Test("with no bars for any strategy the run is rejected as bad data (exit 65)")
    func nobodyHasBars() throws {
        let directory = try Self.directory()
        defer { directory.remove() }
        let error = #expect(throws: DataError.self) {
            _ = try Self.load(directory, from: (6, 1), to: (6, 30))
        }
        #expect(error?.exitStatus == .badData)
        #expect(error?.reason.hasPrefix("no bars between --from and --to in AAA") == true)
        #expect(error?.reason.hasSuffix("nor in any other strategy's data") == true)
    }
}
