import BallastEngine
import Foundation
import Synchronization

/// A wall clock for tests: its first reading is `start`, each later one `step` seconds after the
/// one before (a `step` of 0 keeps it fixed), whatever the system clock says.
public final class FixedWallClock: WallClock {
    private let next: Mutex<Date>
    private let step: TimeInterval

    public init(_ start: Date, step: TimeInterval = 0) {
        next = Mutex(start)
        self.step = step
    }

    public func now() -> Date {
        next.withLock { next in
            defer { next += step }
            return next
        }
    }
}
