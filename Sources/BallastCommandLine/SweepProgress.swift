import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sweep's progress on standard error with an estimate of the time left, only when standard
/// error is a terminal: `sweep: 12/60 variants (20%), 0:34 left`. The estimate is the mean time per
/// variant run by this process times the variants left (resumed variants do not count).
final class SweepProgress: Sendable {
    private let started = ContinuousClock.now
    private let first = Mutex<Int?>(nil)

    /// A reporter when stderr is a terminal, else nil.
    static func forStandardError() -> SweepProgress? {
        isatty(2) == 1 ? SweepProgress() : nil
    }

    func update(done: Int, total: Int) {
        let baseline = first.withLock { value in
            if value == nil { value = done }
            return value ?? done
        }
        let percent = total > 0 ? done * 100 / total : 100
        var line = "\rsweep: \(done)/\(total) variants (\(percent)%)"
        let ran = done - baseline
        if ran > 0, done < total {
            let elapsed = ContinuousClock.now - started
            let seconds = Int((Double(elapsed.components.seconds) / Double(ran) * Double(total - done)).rounded(.up))
            line += ", \(seconds / 60):\(String(format: "%02d", seconds % 60)) left"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
