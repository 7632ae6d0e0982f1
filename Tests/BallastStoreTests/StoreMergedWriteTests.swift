import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@Suite("Batches written together: one transaction, in order; texts and page size")
struct StoreMergedWriteTests {
    typealias F = StoreFixtures

    @Test("consecutive batches in one call are written in order, a later one may end an earlier one's adjustment")
    func batchesInOrder() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            var first = JournalBatch()
            first.orders = [F.order(seq: 1), F.order(seq: 2)]
            first.decisions = [try F.decision(seq: 1)]
            first.adjustments = [F.adjustment(seq: 1)]
            var second = JournalBatch()
            second.orders = [F.order(seq: 3)]
            second.decisions = [try F.decision(seq: 2, correlation: true)]
            second.adjustmentEnds = [
                AdjustmentEndRecord(seq: 1, endedAt: F.time(day: 3), durationSeconds: 86_400, trades: 2, pnl: 5)
            ]
            second.strategyStates = [try F.state(day: 4, quantity: 7)]
            try store.append(contentsOf: [first, second], runID: runID)
            #expect(try store.decisions(runID: runID).map(\.decision.sequence) == [1, 2])
            #expect(try store.budgets(runID: runID).map(\.positionQuantity) == [7])
            let adjustments = try store.adjustments(runID: runID)
            #expect(adjustments.map(\.endedAt) == [F.time(day: 3)])
        }
    }

    @Test("a failure in a later batch leaves none of the batches written")
    func failureWritesNothing() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            var first = JournalBatch()
            first.decisions = [try F.decision(seq: 1)]
            var second = JournalBatch()
            second.decisions = [try F.decision(seq: 1)]  // the same sequence again: a constraint violation
            #expect(throws: StoreError.self) { try store.append(contentsOf: [first, second], runID: runID) }
            #expect(try store.decisions(runID: runID).isEmpty)
            // The store is still usable and the run still running.
            try store.append(first, runID: runID)
            #expect(try store.decisions(runID: runID).map(\.decision.sequence) == [1])
        }
    }

    @Test(
        "texts of every length and script are stored exactly, including ones larger than an arena chunk",
        arguments: ["", "a", "trend-following.EURUSD", "ünïcödé-戦略-📈", String(repeating: "x", count: 20_000)])
    func textsRoundTrip(strategy: String) throws {
        try StoreRoundTripTests.withRun { store, runID, path in
            var batch = JournalBatch()
            // 70 rows: more than one multi-row statement, every row binding the same long text.
            batch.orders = (1...70).map { F.order(seq: $0, strategy: $0 % 2 == 0 ? strategy : "trend") }
            try store.append(batch, runID: runID)
            try store.close()
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            let stored = try queue.read { db in
                try String.fetchAll(db, sql: "SELECT strategy_id FROM orders ORDER BY seq")
            }
            #expect(stored == (1...70).map { $0 % 2 == 0 ? strategy : "trend" })
        }
    }

    @Test("a new database gets 16 KiB pages; an existing one keeps its page size and opens as before")
    func pageSize() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fresh = directory.path("fresh.sqlite")
        try BallastStore.open(path: fresh).close()
        let old = directory.path("old.sqlite")
        let queue = try DatabaseQueue(path: old)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; PRAGMA journal_mode = WAL; CREATE TABLE t (x)")
            try db.execute(sql: "DROP TABLE t")
        }
        try queue.close()
        let store = try BallastStore.open(path: old)
        let runID = try store.beginRun(F.header(), startedAt: F.started)
        var batch = JournalBatch()
        batch.decisions = [try F.decision(seq: 1)]
        try store.append(batch, runID: runID)
        try store.close()
        func pageSize(_ path: String) throws -> Int? {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            return try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
        }
        #expect(try pageSize(fresh) == 16_384)
        #expect(try pageSize(old) == 4_096)
    }
}
