import BallastCore
import BallastEngine
import BallastLive
import BallastReports
import BallastStore
import BallastStrategies
import BallastTestKit
import Foundation
import Logging
import Testing

/// The live coordinator in process: feed health events gate entries; fills reach the venue once.
@Suite("LiveSession: stale and failing feeds stop entries, exits still run; commit then venue")
struct LiveSessionTests {
    /// One scripted strategy on a flat daily series; a fresh store with a live run.
    static func session(
        script: [Int: Signal], directory: TemporaryDirectory, venue: PaperVenue = PaperVenue(),
        wallClock: any WallClock = FixedWallClock(LiveRunFixtures.started)
    ) throws -> (LiveSession, BarSeries, BallastStore) {
        let bars = BarFixtures.flat("AAA", price: 100, count: 12)
        let setup = PortfolioSetup(
            name: "t", initialBalance: 10_000, series: [BarSeries(symbol: "AAA", timeframe: .oneDay)],
            strategies: [
                StrategySetup(id: "s", symbol: "AAA", seriesIndex: 0, capital: 1, strategy: ScriptedStrategy(script))
            ])
        let store = try BallastStore.open(path: directory.path("live.sqlite"))
        let runID = try store.beginRun(
            LiveRunFixtures.scriptedHeader(name: "t", symbol: "AAA", inputHash: "h"), startedAt: wallClock.now())
        let portfolio = LivePortfolio(setup: setup, annualization: .tradingDays252, journaling: true)
        let session = LiveSession(
            portfolio: portfolio, store: store, runID: runID, venue: venue, logger: Logger(label: "test"),
            wallClock: wallClock)
        return (session, bars, store)
    }

    static func group(_ bars: BarSeries, _ index: Int) -> FeedEvent {
        .bars(closeTime: bars.closeTime(at: index).seconds, [LiveBar(series: 0, bar: bars[index])])
    }

    @Test("a run's started_at and finished_at come from the injected wall clock, not the system's")
    func stampsComeFromTheInjectedClock() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // 2025-01-02T03:04:05Z, then a minute later at every reading.
        let clock = FixedWallClock(LiveRunFixtures.started, step: 60)
        let (session, bars, store) = try Self.session(script: [:], directory: directory, wallClock: clock)
        for index in 0..<3 { _ = try await session.handle(Self.group(bars, index)) }
        try await session.finish()
        let run = try #require(try store.runs().first)
        #expect(run.status == .finished)
        #expect(run.startedAt == "2025-01-02T03:04:05Z")
        #expect(run.finishedAt == "2025-01-02T03:05:05Z")

        let other = try TemporaryDirectory()
        defer { other.remove() }
        let (failing, _, failingStore) = try Self.session(
            script: [:], directory: other,
            wallClock: FixedWallClock(LiveRunFixtures.started, step: 3_600))
        await failing.fail(LiveError.divergedOnResume(runID: failing.runID))
        let failed = try #require(try failingStore.runs().first)
        #expect(failed.status == .failed)
        #expect(failed.finishedAt == "2025-01-02T04:04:05Z")
    }

    @Test("an entry signal on a stale series is not even requested; after fresh bars it is")
    func staleSeriesTakesNoEntries() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, _) = try Self.session(script: [3: .enterLong, 6: .enterLong], directory: directory)
        for index in 0..<3 { _ = try await session.handle(Self.group(bars, index)) }
        _ = try await session.handle(.stale(series: [0]))
        let blocked = try await session.handle(Self.group(bars, 3))
        #expect(blocked.decisions == 0)
        _ = try await session.handle(.fresh(series: [0]))
        for index in 4..<6 { _ = try await session.handle(Self.group(bars, index)) }
        let allowed = try await session.handle(Self.group(bars, 6))
        #expect(allowed.decisions == 1)
    }

    @Test("a failing feed halts every entry (reduce-only) but an exit signal still closes the position")
    func failingFeedIsReduceOnly() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let venue = PaperVenue()
        let (session, bars, store) = try Self.session(
            script: [1: .enterLong, 4: .exit, 5: .enterLong], directory: directory, venue: venue)
        for index in 0..<3 { _ = try await session.handle(Self.group(bars, index)) }
        _ = try await session.handle(.failing(reason: "timeouts"))
        for index in 3..<7 { _ = try await session.handle(Self.group(bars, index)) }
        let result = await session.result()
        #expect(result.strategies[0].trades.count == 1)  // entered at bar 2's open, left at bar 5's
        #expect(result.strategies[0].decisions == 1)  // the entry at bar 5 was never requested
        _ = try await session.handle(.recovered)
        // Two ledger fills (in and out), each sent once to the venue and recorded as filled.
        let orders = try store.venueOrders(runID: session.runID)
        #expect(orders.map(\.execution.status) == [.filled, .filled])
        #expect(orders.map(\.order.action) == [.buy, .sell])
        #expect(await venue.submissions == 2)
    }
}
