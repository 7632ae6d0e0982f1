import Synchronization

/// Hands a run's journal batches to its sink in order while the kernel goes on: one write runs at
/// a time, off the caller's actor; batches that arrive meanwhile queue up and go out together in
/// the next write (one transaction in the store), so a writer that falls behind catches up with
/// fewer, larger transactions instead of a growing chain of small ones.
///
/// Invariants: batches reach the sink in submission order, each exactly once; after a write fails
/// nothing more is written and `finish` throws that error. `submit` and `finish` are called from
/// one task (the coordinator), never concurrently with each other.
final class JournalPipeline: Sendable {
    private struct State {
        var queued: [JournalBatch] = []
        var writing = false
    }

    private let sink: any JournalSink
    private let state = Mutex(State())
    private let current = Mutex<Task<Void, any Error>?>(nil)

    init(sink: any JournalSink) {
        self.sink = sink
    }

    /// Queues `batch` (ignored when empty) and starts a writer unless one is running.
    func submit(_ batch: JournalBatch) {
        guard !batch.isEmpty else { return }
        let start = state.withLock { state in
            state.queued.append(batch)
            guard !state.writing else { return false }
            state.writing = true
            return true
        }
        guard start else { return }
        let task = Task.detached { [self] in try await drain() }
        current.withLock { $0 = task }
    }

    /// Waits until every submitted batch is written; rethrows the first write error.
    func finish() async throws {
        try await current.withLock { $0 }?.value
    }

    /// Writes what is queued, again and again, until nothing is left. A failure leaves `writing`
    /// set, so no later batch is written.
    private func drain() async throws {
        while true {
            let batches = state.withLock { state -> [JournalBatch] in
                let batches = state.queued
                state.queued = []
                if batches.isEmpty { state.writing = false }
                return batches
            }
            if batches.isEmpty { return }
            if batches.count == 1 {
                try await sink.write(batches[0])
            } else {
                try await sink.write(contentsOf: batches)
            }
        }
    }
}
