import AsyncAlgorithms
import BallastEngine
import Logging
import ServiceLifecycle

/// The strategies and the coordinator as a service: handles the feed's events one by one through
/// the `LiveSession`. An event being handled is always finished and committed; after the feed's
/// channel closes (end of data or shutdown) it returns. With `flattenOnExit`, a shutdown closes
/// every position first (by default positions are kept and the run can be resumed).
public struct CoordinatorService: Service {
    private let session: LiveSession
    private let channel: AsyncThrowingChannel<FeedEvent, any Error>
    private let flattenOnExit: Bool
    private let logger: Logger
    private let onStep: @Sendable (LiveSession.Step) -> Void

    public init(
        session: LiveSession, channel: AsyncThrowingChannel<FeedEvent, any Error>, flattenOnExit: Bool,
        logger: Logger, onStep: @escaping @Sendable (LiveSession.Step) -> Void = { _ in }
    ) {
        self.session = session
        self.channel = channel
        self.flattenOnExit = flattenOnExit
        self.logger = logger
        self.onStep = onStep
    }

    public func run() async throws {
        do {
            try await handleEvents()
        } catch {
            // The feed, the venue or the journal failed: the run is marked failed with the error's
            // text (a restart resumes it, docs/LIVE.md).
            if !(error is CancellationError) {
                logger.error("live run failed", metadata: ["error": "\(error)"])
                await session.fail(error)
            }
            throw error
        }
    }

    private func handleEvents() async throws {
        var ended = false
        for try await event in channel {
            let step = try await session.handle(event)
            if step.closeTime != nil { onStep(step) }
            if event == .finished {
                ended = true
                break
            }
        }
        if !ended {
            // The feed stopped first (shutdown runs in reverse order); return only when the group
            // asks this service to stop, so the shutdown keeps its order.
            try? await gracefulShutdown()
            if flattenOnExit {
                logger.notice("flattening every position before exit (--flatten-on-exit)")
                try await session.finish()
            } else {
                logger.notice("stopped; positions kept, the run resumes on the next start")
            }
        }
    }
}
