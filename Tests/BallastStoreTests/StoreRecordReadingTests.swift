import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@Suite("The store reads journal tables back into the engine's own record types")
struct StoreRecordReadingTests {
    typealias F = StoreFixtures

    @Test("a trade and a snapshot read back equal to the records the engine journaled")
    func recordsReadBackEqual() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try BallastStore.open(path: directory.path("journal.sqlite"))
        defer { try? store.close() }
        let runID = try store.beginRun(F.header(), startedAt: F.started)
        var batch = JournalBatch()
        batch.trades = [F.trade(seq: 1)]
        batch.snapshots = [
            AccountSnapshotRecord(
                time: F.time(day: 2), scope: "portfolio", equity: 101_000, peak: 102_000, drawdown: 1 / 102,
                grossExposure: 0.5, realizedPnL: 1_000)
        ]
        try store.append(batch, runID: runID)
        #expect(try store.trades(runID: runID) == batch.trades)
        #expect(try store.equity(runID: runID) == batch.snapshots)
    }

    @Test("a trade record encodes flat with the trades table's column names, and decodes back")
    func tradeRecordJSON() throws {
        let record = F.trade(seq: 7)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.keys.sorted() == TradeRecord.columns.sorted())
        #expect(try JSONDecoder().decode(TradeRecord.self, from: data) == record)
    }

    @Test(
        "a trades row that breaks a trade's invariant is invalid data, not a trap",
        arguments: ["quantity = 0", "entry_price = -1", "exit_time = entry_time - 1"])
    func corruptTradeIsInvalidData(change: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("journal.sqlite")
        let store = try BallastStore.open(path: path)
        defer { try? store.close() }
        let runID = try store.beginRun(F.header(), startedAt: F.started)
        var batch = JournalBatch()
        batch.trades = [F.trade(seq: 1)]
        try store.append(batch, runID: runID)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "UPDATE trades SET \(change)") }
        try queue.close()
        #expect {
            _ = try store.trades(runID: runID)
        } throws: { error in
            guard case .invalidData(_, let reason) = error as? StoreError else { return false }
            return reason.contains("trades")
        }
    }
}
