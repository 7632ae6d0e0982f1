import AsyncAlgorithms
import BallastEngine
import Logging
import ServiceLifecycle

/// The feed as a service: forwards the feed's events into a channel with no buffer, so the
/// coordinator holds at most one event at a time. On graceful shutdown (it is the first service to
/// stop) it stops reading the feed and closes the channel: no new bars reach the coordinator.
public struct FeedService: Service {
    private let feed: any BarFeed
    private let after: Int64?
    private let channel: AsyncThrowingChannel<FeedEvent, any Error>
    private let logger: Logger

    public init(feed: any BarFeed, after: Int64?, channel: AsyncThrowingChannel<FeedEvent, any Error>, logger: Logger) {
        self.feed = feed
        self.after = after
        self.channel = channel
        self.logger = logger
    }

    public func run() async throws {
        let channel = self.channel
        do {
            try await withGracefulShutdownHandler {
                for try await event in feed.events(after: after).cancelOnGracefulShutdown() {
                    await channel.send(event)
                    if event == .finished { break }
                }
            } onGracefulShutdown: {
                channel.finish()
            }
        } catch is CancellationError {
            // A shutdown interrupted the feed's wait for its next bar: a normal stop.
        } catch {
            logger.error("feed stopped", metadata: ["error": "\(error)"])
            channel.fail(error)
            throw error
        }
        channel.finish()
        logger.debug("feed service stopped")
    }
}
