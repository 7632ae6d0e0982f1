import BallastPorts
import Foundation

/// How the client retries: capped exponential backoff for transport errors, 5xx and rate limits
/// without `Retry-After`.
///
/// Invariant: the wait before attempt `n + 1` is `min(maxDelay, baseDelay · 2^(n-1))` seconds.
public struct BinanceRetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first one included (≥ 1).
    public var maxAttempts: Int
    /// Seconds before the second attempt.
    public var baseDelay: Double
    /// Upper bound of any backoff wait, in seconds (a `Retry-After` is honoured as sent).
    public var maxDelay: Double

    public init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The wait after failed attempt `attempt` (1-based).
    public func backoff(afterAttempt attempt: Int) -> Double {
        let exponent = Double(max(0, min(attempt - 1, 62)))
        return min(maxDelay, baseDelay * pow(2, exponent))
    }
}

/// Waits a number of seconds. Injected everywhere the Binance code waits so tests run instantly
/// and can assert the waits requested.
public typealias BinanceSleeper = @Sendable (_ seconds: Double) async throws -> Void

/// Default clocks and sleeper.
public enum BinanceSystem {
    /// Sleeps with `Task.sleep` (throws `CancellationError` when the task is cancelled).
    public static let sleeper: BinanceSleeper = { seconds in
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    /// Milliseconds since the Unix epoch, from the system clock (`SystemWallClock`).
    public static let milliseconds: @Sendable () -> Int64 = {
        Int64((SystemWallClock().now().timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// Seconds since the Unix epoch, from the system clock (`SystemWallClock`).
    public static let seconds: @Sendable () -> Int64 = {
        Int64(SystemWallClock().now().timeIntervalSince1970.rounded(.down))
    }
}
