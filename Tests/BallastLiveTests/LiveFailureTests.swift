import AsyncAlgorithms
import BallastCore
import BallastEngine
import BallastLive
import BallastStore
import BallastTestKit
import Foundation
import Logging
import Testing

/// A live run that stops on an error is marked `failed` with the error's text, and stays resumable
/// (issue 11, item 9).
@Suite("A live run that stops on an error is failed with its error text, and resumable")
struct LiveFailureTests {
    struct FeedBroke: Error, CustomStringConvertible {
        var description: String { "the feed broke: connection reset" }
    }

    @Test("a feed error ends the coordinator; the run is failed with the error's text and can be resumed")
    func feedErrorFailsTheRun() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (session, bars, store) = try LiveSessionTests.session(script: [1: .enterLong], directory: directory)
        let channel = AsyncThrowingChannel<FeedEvent, any Error>()
        let coordinator = CoordinatorService(
            session: session, channel: channel, flattenOnExit: false, logger: Logger(label: "test"))
        let running = Task { try await coordinator.run() }
        for index in 0..<3 { await channel.send(LiveSessionTests.group(bars, index)) }
        channel.fail(FeedBroke())
        await #expect(throws: FeedBroke.self) { try await running.value }
        let run = try #require(try store.runs().first)
        #expect(run.status == .failed)
        #expect(run.error == "the feed broke: connection reset")
        #expect(run.finishedAt != nil)
        // Failed, not lost: the next start finds it, and reopening makes it running again.
        let resumable = try #require(try store.resumableLiveRun(key: "h"))
        #expect(resumable.runID == run.id && resumable.status == .failed)
        try store.reopenLiveRun(run.id, key: "h")
        let reopened = try #require(try store.runs().first)
        #expect(reopened.status == .running && reopened.error == nil && reopened.finishedAt == nil)
        #expect(try store.holdsPositions(runID: run.id))
    }
}
