import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Synchronization
import Testing

@Suite("Readers during a run (WAL)")
struct StoreConcurrencyTests {
    typealias F = StoreFixtures

    /// What the reader saw: how many reads, how many saw a run in progress, and every inconsistency.
    struct ReaderReport: Sendable {
        var reads = 0
        var partialReads = 0
        var violations: [String] = []
    }

    /// Shared progress: the reader counts its reads, the writer says when it is done.
    final class Progress: Sendable {
        private let state = Mutex((reads: 0, done: false))
        func finish() { state.withLock { $0.done = true } }
        var isDone: Bool { state.withLock { $0.done } }
        func countRead() { state.withLock { $0.reads += 1 } }
        var reads: Int { state.withLock { $0.reads } }

        /// Waits (at most about two seconds) until the reader has read `count` times.
        func waitForReads(_ count: Int) async throws {
            for _ in 0..<2_000 where reads < count {
                try await Task.sleep(for: .milliseconds(1))
            }
        }
    }

    static let batches = 20
    static let perBatch = 200

    /// Batch `index`: `perBatch` fills, their positions and decisions, and a state whose position
    /// quantity is the number of batches written so far.
    static func batch(_ index: Int) throws -> JournalBatch {
        let base = index * perBatch
        var batch = JournalBatch()
        batch.fills = (1...perBatch).map { F.fill(seq: base + $0) }
        batch.positions = (1...perBatch).map { F.position(fillSeq: base + $0) }
        batch.decisions = try (1...perBatch).map { try F.decision(seq: base + $0) }
        batch.strategyStates = [try F.state(quantity: Double(index + 1))]
        return batch
    }

    /// Reads until the writer is done (and once more): every snapshot must hold whole batches. Gives
    /// up after 60 s, saying so, so that a writer that never finishes cannot keep it spinning.
    static func read(pool: DatabasePool, store: BallastStore, runID: Int64, progress: Progress) -> ReaderReport {
        var report = ReaderReport()
        var finalRead = false
        let deadline = Date().addingTimeInterval(60)
        while !finalRead {
            finalRead = progress.isDone
            if !finalRead && Date() > deadline {
                report.violations.append("the writer did not finish within 60 s")
                return report
            }
            do {
                let (fills, positions, quantity) = try pool.read { db in
                    (
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM fills") ?? -1,
                        try Int.fetchOne(db, sql: "SELECT count(*) FROM positions") ?? -1,
                        try Double.fetchOne(db, sql: "SELECT position_quantity FROM strategy_state") ?? 0
                    )
                }
                if fills != positions || fills % perBatch != 0 || Int(quantity) * perBatch != fills {
                    report.violations.append("fills \(fills), positions \(positions), state after batch \(quantity)")
                }
                let decisions = try store.decisions(runID: runID).count
                if decisions % perBatch != 0 { report.violations.append("decisions \(decisions)") }
                if fills > 0 && fills < batches * perBatch { report.partialReads += 1 }
                report.reads += 1
                progress.countRead()
            } catch {
                report.violations.append("read failed: \(error)")
                return report
            }
        }
        return report
    }

    @Test("every read during a run sees whole batches: as many positions as fills, never half a batch")
    func readersSeeWholeBatches() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("journal.sqlite")
        let writer = try BallastStore.open(path: path)
        let runID = try writer.beginRun(F.header(), startedAt: F.started)
        let readerStore = try BallastStore.openForReading(path: path)
        var configuration = Configuration()
        configuration.readonly = true
        let pool = try DatabasePool(path: path, configuration: configuration)
        let progress = Progress()

        // The reader reads without pause: on its own thread, not the concurrency pool, where its
        // loop would hold a pool thread and, under a full parallel `swift test`, could starve the
        // writer below (which then never finishes, and the reader spins on).
        let reading = Task {
            await withCheckedContinuation { continuation in
                Thread {
                    continuation.resume(
                        returning: Self.read(pool: pool, store: readerStore, runID: runID, progress: progress))
                }.start()
            }
        }
        do {
            defer { progress.finish() }
            for index in 0..<Self.batches {
                // Let the reader read at least once before each batch, so reads and writes interleave.
                try await progress.waitForReads(progress.reads + 1)
                try writer.append(try Self.batch(index), runID: runID)
            }
        }
        let report = await reading.value

        #expect(report.violations.isEmpty, "\(report.violations.prefix(5))")
        #expect(report.partialReads > 0, "the reader never read while the run was in progress")
        let budgets = try readerStore.budgets(runID: runID)
        #expect(budgets.first?.positionQuantity == Double(Self.batches))
        try pool.close()
        try readerStore.close()
        try writer.close()
    }
}
