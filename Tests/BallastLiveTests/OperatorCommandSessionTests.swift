import BallastCore
import BallastEngine
import BallastLive
import BallastStore
import BallastTestKit
import Foundation
import Testing

/// Operator commands applied by the live coordinator, in process: at the next bar group, in its
/// transaction; halt stops entries but not exits; flatten closes at the next fill; resume re-allows
/// entries; a replay from the journal re-applies them at the same bar.
@Suite("LiveSession: operator halt, flatten and resume")
struct OperatorCommandSessionTests {
    static func submit(
        _ action: OperatorCommand.Action, _ store: BallastStore, _ session: LiveSession
    ) throws {
        _ = try store.submitOperatorCommand(
            runID: session.runID, action: action, strategy: "s", reason: "test", source: "cli",
            receivedAt: LiveRunFixtures.started)
    }

    @Test("halt: the next entry is not requested, the exit signal still closes the position; resume allows entries")
    func haltStopsEntriesNotExits() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(
            script: [1: .enterLong, 4: .exit, 5: .enterLong, 8: .enterLong], directory: directory)
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        try Self.submit(.halt, store, session)
        #expect(try store.pendingOperatorCommands(runID: session.runID).count == 1)
        _ = try await session.handle(LiveSessionTests.group(bars, 3))
        // Applied at bar 3's group, in its transaction.
        let applied = try #require(try store.operatorCommands(runID: session.runID).first?.appliedAt)
        #expect(applied == bars.closeTime(at: 3))
        #expect(try store.budgets(runID: session.runID).first?.operatorHalt?.action == .halt)
        for index in 4..<7 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        // A past budget during the halt: not a risk latch (`budgets --at` reads the risk layer's events).
        let past = try store.budgets(runID: session.runID, at: bars.closeTime(at: 5))
        #expect(past.first?.asOf != nil && past.first?.strategyReduceOnly == false)
        var result = await session.result()
        #expect(result.strategies[0].trades.count == 1, "the exit at bar 4 still ran (filled at bar 5's open)")
        #expect(result.strategies[0].decisions == 1, "the entry at bar 5 was never requested")
        try Self.submit(.resume, store, session)
        for index in 7..<10 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        result = await session.result()
        #expect(result.strategies[0].decisions == 2, "after resume the entry at bar 8 is requested")
        #expect(try store.budgets(runID: session.runID).first?.operatorHalt == nil)
        let events = result.reduceOnlyEvents.filter { $0.source == "operator" }
        #expect(events.map(\.entered) == [true, false])
    }

    @Test("flatten: the position exits at the next open and no new entry is taken")
    func flattenClosesAtNextFill() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(
            script: [1: .enterLong, 6: .enterLong], directory: directory)
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        #expect(try store.budgets(runID: session.runID).first?.positionSide == .long)
        try Self.submit(.flatten, store, session)
        for index in 3..<8 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        let result = await session.result()
        let trade = try #require(result.strategies[0].trades.first)
        #expect(trade.exitTime == bars[4].time, "exits at the open of the bar after the command's group")
        #expect(result.strategies[0].decisions == 1, "flatten halts: the entry at bar 6 is not requested")
        #expect(try store.budgets(runID: session.runID).first?.positionSide == nil)
    }

    @Test("a command from another connection is seen at the next group; the run's own writes do not make it re-read")
    func commandsFromAnotherConnection() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(
            script: [1: .enterLong, 5: .enterLong], directory: directory)
        let before = try store.operatorCommandsVersion()
        for index in 0..<3 { _ = try await session.handle(LiveSessionTests.group(bars, index)) }
        #expect(try store.operatorCommandsVersion() == before, "the run's own journal commits do not move it")
        // `ballast halt` in another process: a second connection on the same file.
        let other = try BallastStore.open(path: directory.path("live.sqlite"))
        _ = try other.submitOperatorCommand(
            runID: session.runID, action: .halt, strategy: "s", reason: "test", source: "cli",
            receivedAt: LiveRunFixtures.started)
        #expect(try store.operatorCommandsVersion() != before)
        _ = try await session.handle(LiveSessionTests.group(bars, 3))
        let applied = try #require(try store.operatorCommands(runID: session.runID).first?.appliedAt)
        #expect(applied == bars.closeTime(at: 3), "applied at the group after it was written")
        let seen = try store.operatorCommandsVersion()
        try Self.submit(.resume, store, session)
        #expect(try store.operatorCommandsVersion() != seen, "a command through the run's own store moves it too")
        _ = try await session.handle(LiveSessionTests.group(bars, 4))
        #expect(try store.pendingOperatorCommands(runID: session.runID).isEmpty)
    }
}
