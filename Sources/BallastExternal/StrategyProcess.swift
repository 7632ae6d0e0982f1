import BallastCore
import Foundation
import Logging
import Synchronization

/// How to start one process strategy (SPEC §15), resolved from the portfolio file.
public struct ProcessCommand: Sendable, Equatable {
    /// The executable's absolute path (`command[0]` found on `PATH`, or relative to `directory`).
    public var executable: String
    /// `command[1...]`.
    public var arguments: [String]
    /// The portfolio file's folder: the process's working directory.
    public var directory: String
    /// How long one answer may take (`timeout_ms`, default 2,000).
    public var timeoutMilliseconds: Int

    public init(executable: String, arguments: [String], directory: String, timeoutMilliseconds: Int = 2_000) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.timeoutMilliseconds = timeoutMilliseconds
    }
}

/// One running strategy process: its stdin written by a `PipeWriter`, its stdout read line by
/// line with a deadline, its stderr logged line by line (the last lines kept for error messages).
///
/// Not thread-safe for reading: one caller reads at a time (the batch run, or the live runner's
/// actor). The process is killed by `terminate()`, by `deinit`, and at Ballast's exit
/// (`StrategyProcessRegistry`); when Ballast dies without a chance to (SIGKILL) the child reads end
/// of file on its stdin and exits.
final class StrategyProcess: @unchecked Sendable {
    /// What waiting for a line gave.
    enum LineOutcome {
        case line
        case endOfFile
        case timedOut
    }

    let strategyID: String
    private let child: ChildProcess
    let writer: PipeWriter
    private let stdoutFD: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private let stderrTail = Mutex<[String]>([])
    private let stderrDone = NSCondition()
    private var stderrClosed = false
    /// How the child ended, once reaped (`waitpid` reaps once: the answer is kept).
    private let ended = Mutex<ChildProcess.Ending?>(nil)

    /// Starts `command`; the error names the strategy and says why it could not start.
    init(command: ProcessCommand, strategyID: String) throws(StrategyProcessError) {
        self.strategyID = strategyID
        do throws(ChildProcessError) {
            child = try ChildProcess(
                executable: command.executable, arguments: command.arguments, directory: command.directory)
        } catch {
            throw StrategyProcessError(strategy: strategyID, message: error.reason)
        }
        StrategyProcessRegistry.shared.add(child.pid)
        writer = PipeWriter(fd: child.stdin)
        stdoutFD = child.stdout
        buffer.reserveCapacity(1 << 16)
        let stderrFD = child.stderr
        let logger = Logger(label: "ballast.strategy.\(strategyID)")
        let thread = Thread { [self] in readErrors(fd: stderrFD, logger: logger) }
        thread.name = "ballast-strategy-stderr"
        thread.start()
    }

    deinit {
        terminate()
        close(stdoutFD)
    }

    /// The child's ending, nil while it runs.
    private func ending(waiting: Bool = false) -> ChildProcess.Ending? {
        ended.withLock { ending in
            if ending == nil { ending = child.ending(waiting: waiting) }
            return ending
        }
    }

    /// True while the child runs.
    var isRunning: Bool { ending() == nil }

    /// The process id.
    var pid: Int32 { child.pid }

    /// Waits up to `timeout` milliseconds for the next line of stdout; on `.line`, `body` gets it
    /// (without its newline, valid only during the call).
    func readLine<R>(timeout: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> (LineOutcome, R?) {
        let deadline = ContinuousClock.now + .milliseconds(timeout)
        var searched = start
        while true {
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let result = buffer.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[start..<end]) }
                let value = body(result)
                start = newline + 1
                return (.line, value)
            }
            searched = buffer.count
            if start > 0 && start * 2 >= buffer.count {
                buffer.removeSubrange(0..<start)
                searched -= start
                start = 0
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return (.timedOut, nil) }
            let milliseconds = Int32(
                clamping: remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
                    + 1)
            var poller = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                return (.endOfFile, nil)
            }
            if ready == 0 { continue }
            let count = buffer.count
            buffer.reserveCapacity(count + 1 << 16)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let got = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return (.endOfFile, nil)
            }
            if got == 0 { return (.endOfFile, nil) }
            buffer.append(contentsOf: chunk[0..<got])
        }
    }

    /// How the process ended, waiting up to a second for it: "exited with status 3", "was killed by
    /// signal 9", or "closed its stdout" while it still runs. Appends its last stderr lines.
    func endDescription() -> String {
        let deadline = ContinuousClock.now + .seconds(1)
        while isRunning && ContinuousClock.now < deadline { usleep(5_000) }
        let text: String
        switch ending() {
        case nil: text = "closed its stdout"
        case .signalled(let signal): text = "was killed by signal \(signal)"
        case .exited(let status): text = "exited with status \(status)"
        }
        return text + stderrSuffix()
    }

    /// The last lines the process wrote to stderr, as a suffix for error messages ("" when none).
    func stderrSuffix() -> String {
        // Give the stderr reader a moment to catch up with a process that just ended.
        stderrDone.lock()
        let deadline = Date().addingTimeInterval(0.5)
        while !stderrClosed && !isRunning && stderrDone.wait(until: deadline) {}
        stderrDone.unlock()
        let tail = stderrTail.withLock { $0 }
        return tail.isEmpty ? "" : "; its stderr ended with: " + tail.joined(separator: " | ")
    }

    /// Asks the process to stop (`stop`, end of file) and kills it when it has not exited within
    /// `grace` milliseconds.
    func stop(grace: Int = 1_000) {
        writer.enqueue(Array(StrategyProtocol.stop.utf8))
        writer.finish()
        let deadline = ContinuousClock.now + .milliseconds(grace)
        while isRunning && ContinuousClock.now < deadline { usleep(2_000) }
        terminate()
    }

    /// Kills the process if it still runs, and reaps it.
    func terminate() {
        writer.finish()
        if isRunning { kill(child.pid, SIGKILL) }
        _ = ending(waiting: true)
        StrategyProcessRegistry.shared.remove(child.pid)
    }

    private func readErrors(fd: Int32, logger: Logger) {
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        func emit(_ bytes: ArraySlice<UInt8>) {
            let line = String(decoding: bytes, as: UTF8.self)
            logger.warning("\(line)", metadata: ["strategy": "\(strategyID)", "stream": "stderr"])
            stderrTail.withLock {
                $0.append(String(line.prefix(300)))
                if $0.count > 5 { $0.removeFirst() }
            }
        }
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            pending.append(contentsOf: chunk[0..<got])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                emit(pending[..<newline])
                pending.removeSubrange(...newline)
            }
        }
        if !pending.isEmpty { emit(pending[...]) }
        close(fd)
        stderrDone.lock()
        stderrClosed = true
        stderrDone.broadcast()
        stderrDone.unlock()
    }
}

/// The strategy processes alive, so that every way out of Ballast can kill them
/// (`terminateAll()`, also run at exit).
public final class StrategyProcessRegistry: Sendable {
    public static let shared = StrategyProcessRegistry()
    private let pids = Mutex<Set<Int32>>([])

    private init() {
        atexit { StrategyProcessRegistry.shared.terminateAll() }
    }

    func add(_ pid: Int32) { _ = pids.withLock { $0.insert(pid) } }

    func remove(_ pid: Int32) { _ = pids.withLock { $0.remove(pid) } }

    /// Kills every strategy process still running.
    public func terminateAll() {
        for pid in pids.withLock({ $0 }) { kill(pid, SIGKILL) }
    }
}
