import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Progress of a long run on standard error, only when standard error is a terminal.
final class ProgressReporter: Sendable {
    /// A reporter when stderr is a terminal, else nil.
    static func forStandardError() -> ProgressReporter? {
        isatty(2) == 1 ? ProgressReporter() : nil
    }

    func update(done: Int, total: Int) {
        let percent = total > 0 ? done * 100 / total : 100
        FileHandle.standardError.write(Data("\rbacktest: \(percent)% (\(done)/\(total) bars)".utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
