import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM while a command journals a run that cannot be resumed (a backtest): the run
/// is marked `failed` ("interrupted by SIGINT"), a line says so on standard error, and the process
/// exits with the shell's convention, 128 + the signal (130 for SIGINT, 143 for SIGTERM).
///
/// Invariant: between `install()` and `remove()` a signal never leaves the run `running`. Rows
/// journaled before the signal stay (the run is failed, not finished); a journal write in flight
/// completes or not as one transaction first (the store serializes writes), and later ones are
/// refused because the run is no longer running.
///
/// `@unchecked Sendable`: the signal sources are set once in `init` and only cancelled afterwards
/// (Dispatch sources are thread-safe); the action is behind a mutex.
final class RunInterruption: @unchecked Sendable {
    /// What to do on a signal, before the exit: mark the run failed.
    private let onSignal = Mutex<(@Sendable (String) -> Void)?>(nil)
    private var sources: [any DispatchSourceSignal] = []
    private static let signals: [(Int32, String)] = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")]

    private init() {}

    /// Starts catching SIGINT and SIGTERM (their default action, ending the process at once, is off
    /// until `remove()`).
    static func install() -> RunInterruption {
        let interruption = RunInterruption()
        for (number, name) in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [interruption] in interruption.interrupted(number: number, name: name) }
            source.resume()
            interruption.sources.append(source)
        }
        return interruption
    }

    /// Sets the action a signal runs before the exit (marking the run failed); nil for none.
    func onInterrupt(_ action: (@Sendable (String) -> Void)?) {
        onSignal.withLock { $0 = action }
    }

    /// Stops catching the signals and restores their default action.
    func remove() {
        for source in sources { source.cancel() }
        for (number, _) in Self.signals { signal(number, SIG_DFL) }
    }

    private func interrupted(number: Int32, name: String) -> Never {
        let action = onSignal.withLock { $0 }
        action?("interrupted by \(name)")
        exit(128 + number)
    }
}
