import Foundation

/// Writes a child process's stdin on a thread of its own, in the order chunks were queued, with
/// SIGPIPE blocked on that thread: a child that exits turns the next write into an error (the
/// writer stops and drops what is queued), never into a signal that would kill Ballast.
///
/// `enqueue` blocks while more than `limit` bytes wait, so a producer cannot run ahead of the
/// child by more than that. `finish` writes what is queued, then closes the pipe (the child sees
/// end of file).
final class PipeWriter: @unchecked Sendable {
    private let fd: Int32
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var queuedBytes = 0
    private var closing = false
    private var broken = false
    private let limit: Int

    /// Starts the writer thread over `fd`, which it owns and closes.
    init(fd: Int32, limit: Int = 1 << 20) {
        self.fd = fd
        self.limit = limit
        let thread = Thread { [self] in run() }
        thread.name = "ballast-strategy-stdin"
        thread.start()
    }

    /// Queues `bytes` to be written (dropped when the pipe broke).
    func enqueue(_ bytes: [UInt8]) {
        condition.lock()
        while queuedBytes > limit && !broken { condition.wait() }
        if !broken && !closing {
            queue.append(bytes)
            queuedBytes += bytes.count
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Writes what is queued, then closes the pipe.
    func finish() {
        condition.lock()
        closing = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
        while true {
            condition.lock()
            while queue.isEmpty && !closing { condition.wait() }
            let chunks = queue
            queue.removeAll()
            let done = closing && chunks.isEmpty
            condition.unlock()
            if done { break }
            for chunk in chunks where !write(chunk) {
                condition.lock()
                broken = true
                queue.removeAll()
                queuedBytes = 0
                condition.broadcast()
                condition.unlock()
                break
            }
            condition.lock()
            queuedBytes -= min(queuedBytes, chunks.reduce(0) { $0 + $1.count })
            condition.broadcast()
            condition.unlock()
        }
        close(fd)
    }

    private func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
