import Logging
import ServiceLifecycle

/// A service that holds a resource (the store, the risk manager, the venue) for the lifetime of the
/// group: it waits for the graceful shutdown, then runs `onShutdown` (close the store, …). Since the
/// group stops services in reverse order, a holder listed first is released last.
public struct HoldingService: Service, CustomStringConvertible {
    public let description: String
    private let logger: Logger
    private let onShutdown: @Sendable () async throws -> Void

    public init(_ name: String, logger: Logger, onShutdown: @escaping @Sendable () async throws -> Void = {}) {
        description = name
        self.logger = logger
        self.onShutdown = onShutdown
    }

    public func run() async throws {
        try? await gracefulShutdown()
        try await onShutdown()
        logger.debug("service stopped", metadata: ["service": "\(description)"])
    }
}
