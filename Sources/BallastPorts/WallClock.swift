import Foundation

/// Where the shell reads the wall clock: the only times not taken from bars are the stamps of a
/// run's row (`started_at`, `finished_at`), and they come from a `WallClock` passed down from the
/// CLI's commands. The core and the store never read the clock themselves, so a test can fix them.
public protocol WallClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
}

/// The system's wall clock (`Date()`): what `ballast` passes down from its commands.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}
