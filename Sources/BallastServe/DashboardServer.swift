import BallastCore
import BallastEngine
import BallastStore
import Hummingbird
import Logging
import NIOCore

/// `ballast serve`: the dashboard and JSON API over one journal database (SPEC §16, docs/SERVE.md),
/// a Hummingbird 2 application run as a swift-service-lifecycle service: SIGTERM or SIGINT stops it
/// gracefully (requests in flight are answered, then it exits 0).
///
/// Invariants: the database is opened read-only (a WAL reader: it never blocks a live run's writes);
/// only an operator command, with the token, writes (one row of `operator_commands`); the server binds
/// to loopback unless given a token; the token appears nowhere (logs, pages, journal).
public struct DashboardServer: Sendable {
    /// What to serve and where.
    public struct Configuration: Sendable {
        public var databasePath: String
        public var binding: ServeBinding
        public var token: BearerToken?
        /// The largest request body accepted (413 beyond it).
        public var maxBodyBytes: Int

        public init(databasePath: String, binding: ServeBinding, token: BearerToken?, maxBodyBytes: Int = 4_096) {
            self.databasePath = databasePath
            self.binding = binding
            self.token = token
            self.maxBodyBytes = maxBodyBytes
        }

        /// Refuses a non-loopback binding without a token (`ServeError.exposedWithoutToken`, exit 64).
        public func validate() throws(ServeError) {
            if !binding.isLoopback && token == nil { throw .exposedWithoutToken(binding) }
        }
    }

    public let configuration: Configuration
    public let store: BallastStore
    /// Keeps the polled answers between two commits of the journal (`JournalAnswerCache`).
    let probe: JournalChangeProbe
    let wallClock: any WallClock
    let logger: Logger

    /// Checks the configuration and opens the database read-only.
    ///
    /// - Throws: `ServeError` for a bad configuration; `StoreError` for a missing database (exit 1)
    ///   or one that is not Ballast's (exit 65), before anything listens.
    public init(configuration: Configuration, wallClock: any WallClock, logger: Logger) throws {
        try configuration.validate()
        self.configuration = configuration
        store = try BallastStore.openForReading(path: configuration.databasePath)
        probe = try JournalChangeProbe(path: configuration.databasePath)
        self.wallClock = wallClock
        self.logger = logger
    }

    /// Serves until SIGTERM or SIGINT. `onListening` gets the address actually bound (the port the
    /// system chose for port 0) once the server accepts connections.
    public func run(onListening: @escaping @Sendable (ServeBinding) -> Void) async throws {
        let routes = DashboardRoutes(
            store: store, probe: probe, token: configuration.token, maxBodyBytes: configuration.maxBodyBytes,
            wallClock: wallClock)
        let binding = configuration.binding
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname(binding.host, port: binding.port), serverName: "Ballast"),
            onServerRunning: { channel in
                onListening(ServeBinding(host: binding.host, port: channel.localAddress?.port ?? binding.port))
            },
            logger: logger)
        do {
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch let error as IOError {
            throw ServeError.bindFailed(binding, error.description)
        }
    }
}
