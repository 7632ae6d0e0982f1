import AsyncAlgorithms
import BallastCore
import BallastEngine
import BallastStore
import Foundation
import Logging
import ServiceLifecycle

/// A whole `ballast live` run: the database's lock, the store, the session (`LiveRunAssembly`) and
/// the service group that feeds it until the feed ends or the process is asked to stop.
///
/// Services (started in order, stopped in reverse on SIGINT/SIGTERM): store, risk manager, venue,
/// strategies and coordinator, feed. Invariants: one live process per database (`LiveRunLock`,
/// taken before the store is opened and held until `run` returns); the store is closed however the
/// run ends; a resumed run's feed continues after its last committed bar.
public enum LiveRun {
    /// What a run leaves for its report.
    public struct Outcome: Sendable {
        /// The session after the service group stopped: finished (end of data, or flattened), or
        /// stopped with its positions kept.
        public let session: LiveSession
        /// The journal database's path.
        public let databasePath: String
    }

    /// Runs `request` on `feed` with the journal at `databasePath`.
    ///
    /// - Parameters:
    ///   - start: a new run trades the bars closing after this time (`--start`); a resumed run
    ///     continues after its last committed bar instead.
    ///   - flattenOnExit: a shutdown closes every position first.
    ///   - onStep: called after each committed bar group (`--print-bars`).
    public static func run(
        _ request: LiveRunAssembly.Request, feed: any BarFeed, databasePath: String, start: Int64?,
        flattenOnExit: Bool, logger: Logger, onStep: @escaping @Sendable (LiveSession.Step) -> Void
    ) async throws -> Outcome {
        // One live process per database, held until the run ends (however it ends).
        let lock = try LiveRunLock.acquire(database: databasePath)
        defer { lock.release() }
        let store = try BallastStore.open(path: databasePath)
        let session: LiveSession
        do {
            session = try await LiveRunAssembly.session(request, store: store, logger: logger)
        } catch {
            try? store.close()
            throw error
        }
        // A resumed run continues after its last committed bar; a new one after --start, if given.
        let after = await session.lastCloseTime ?? start
        let channel = AsyncThrowingChannel<FeedEvent, any Error>()
        let coordinator = CoordinatorService(
            session: session, channel: channel, flattenOnExit: flattenOnExit, logger: logger, onStep: onStep)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: HoldingService("store", logger: logger) { try store.close() }),
                    .init(service: HoldingService("risk-manager", logger: logger)),
                    .init(service: HoldingService("venue", logger: logger)),
                    .init(service: coordinator, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(
                        service: FeedService(feed: feed, after: after, channel: channel, logger: logger),
                        successTerminationBehavior: .ignore),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        return Outcome(session: session, databasePath: store.path)
    }
}
