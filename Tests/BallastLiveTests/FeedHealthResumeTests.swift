import BallastCore
import BallastRisk
import BallastStore
import BallastTestKit
import Foundation
import Logging
import Testing

@testable import BallastEngine
@testable import BallastLive

/// A stale or failing feed halts entries at a bar group, that change is journaled (a reduce-only
/// event with source `feed`), and a restart replays it at the same group: the run resumes instead
/// of refusing with "did not reproduce the committed risk state" (issue 16).
@Suite("LiveSession: feed health is journaled and replayed on resume")
struct FeedHealthResumeTests {
    /// A restarted session over the run's journaled bars (of `LiveSessionTests.session`), resumed.
    static func restart(_ session: LiveSession, _ store: BallastStore) async throws -> LiveSession {
        var setup = await session.portfolio!.setup
        setup.series = [BarSeries(symbol: "AAA", timeframe: .oneDay)]
        for record in try store.liveBars(runID: session.runID) { setup.series[0].append(record.bar) }
        let restarted = LiveSession(
            portfolio: LivePortfolio(setup: setup, annualization: .tradingDays252, journaling: true), store: store,
            runID: session.runID, venue: PaperVenue(), logger: Logger(label: "test"),
            wallClock: FixedWallClock(LiveRunFixtures.started))
        try await restarted.resume()
        return restarted
    }

    static func feedEvents(_ session: LiveSession) async -> [ReduceOnlyEvent] {
        await session.result().reduceOnlyEvents.filter { $0.source == "feed" }
    }

    @Test("an entry skipped while the series was stale is skipped again by the replay; the resumed run trades on")
    func staleThenResume() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(
            script: [3: .enterLong, 7: .enterLong], directory: directory)
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        _ = try await session.handle(.stale(series: [0]))
        #expect(try await session.handle(LiveSessionTests.group(bars, 3)).decisions == 0)
        _ = try await session.handle(.fresh(series: [0]))
        for index in 4..<6 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        let events = await Self.feedEvents(session)
        #expect(events.map(\.entered) == [true, false])
        #expect(
            events.map(\.time)
                == [bars.closeTime(at: 3).seconds - 1, bars.closeTime(at: 4).seconds - 1].map(Timestamp.init))
        #expect(events.allSatisfy { $0.reason == "feed" && $0.strategyID == "s" })

        let restarted = try await Self.restart(session, store)
        #expect(await restarted.lastCloseTime == bars.closeTime(at: 5).seconds)
        #expect(await restarted.portfolio?.haltedByFeed == [])
        for index in 6..<9 { _ = try await restarted.handle(LiveSessionTests.group(bars, index)) }
        #expect(await restarted.result().strategies[0].decisions == 1, "the entry at bar 7 is requested")
    }

    @Test("killed while the feed was failing: the replay halts again, the restarted feed is healthy and lifts it")
    func failingAtKillThenResume() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(
            script: [1: .enterLong, 3: .exit, 4: .enterLong, 7: .enterLong], directory: directory)
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        _ = try await session.handle(.failing(reason: "timeouts"))
        for index in 3..<6 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        let before = await session.result()
        #expect(before.strategies[0].trades.count == 1, "the exit at bar 3 still ran")
        #expect(before.strategies[0].decisions == 1, "the entry at bar 4 was not requested")
        #expect(await session.portfolio?.haltedByFeed == ["s"])

        let restarted = try await Self.restart(session, store)
        #expect(await restarted.portfolio?.haltedByFeed == ["s"], "the replay ends where the run was killed")
        for index in 6..<9 { _ = try await restarted.handle(LiveSessionTests.group(bars, index)) }
        #expect(await restarted.portfolio?.haltedByFeed == [])
        #expect(await Self.feedEvents(restarted).map(\.entered) == [true, false])
        #expect(
            await restarted.result().strategies[0].decisions == 2, "after the restart the entry at bar 7 is requested")
    }

    @Test("a reversal signalled while the feed is failing closes the position and opens nothing")
    func reversalWhileFailingOnlyCloses() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, _) = try LiveSessionTests.session(
            script: [1: .enterLong, 4: .enterShort], directory: directory)
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        _ = try await session.handle(.failing(reason: "timeouts"))
        for index in 3..<7 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        let result = await session.result()
        #expect(result.strategies[0].trades.count == 1, "the long was closed at bar 5's open")
        #expect(result.strategies[0].decisions == 1, "the short was never requested")
    }
}
