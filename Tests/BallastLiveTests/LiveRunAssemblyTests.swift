import BallastConfig
import BallastCore
import BallastEngine
import BallastLive
import BallastStore
import BallastTestKit
import Foundation
import Logging
import Synchronization
import Testing

/// The live run's assembly lives in BallastLive (issue 12, item 3): a new run and its resumption
/// are built in process, without the command line, and its notices go where the caller says.
@Suite("Live run assembly (BallastLive): a new run, then the same request resumes it")
struct LiveRunAssemblyTests {
    @Test("a new live run is begun from the portfolio file's run header; the same request resumes that run")
    func newRunThenResumed() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try DemoPortfolioFixture.write(in: directory, from: "2009-05-22", to: "2009-07-01")
        let file = try PortfolioFile.load(path: path)
        let settings = try CanonicalSettings(toml: file.text, file: path)
        let key = RunIdentity.liveKey(settings: settings, feed: "replay", venue: "paper")
        let notices = Mutex<[String]>([])
        let request = LiveRunAssembly.Request(
            file: file, settings: settings, key: key, feed: "replay", venue: PaperVenue(), replaysData: true,
            newRun: false, wallClock: FixedWallClock(LiveRunFixtures.started),
            notice: { line in notices.withLock { $0.append(line) } })
        let store = try BallastStore.open(path: directory.path("live.sqlite"))
        defer { try? store.close() }

        let first = try await LiveRunAssembly.session(request, store: store, logger: Logger(label: "test"))
        let run = try #require(try store.resumableLiveRun(key: key))
        #expect(run.runID == first.runID)
        #expect(run.configText == file.text)
        #expect(notices.withLock { $0 }.isEmpty)

        let second = try await LiveRunAssembly.session(request, store: store, logger: Logger(label: "test"))
        #expect(second.runID == first.runID)
        #expect(notices.withLock { $0 } == ["resuming live run \(first.runID): no bars journaled yet"])
    }
}
