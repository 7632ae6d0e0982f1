import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import Foundation
import GRDB
import Testing

@Suite("Batches of any size are written whole and in order")
struct StoreBulkWriteTests {
    typealias F = StoreFixtures

    @Test("every record of a batch is written once, in order", arguments: [1, 2, 63, 64, 65, 127, 130, 1_000])
    func everyRecordOnce(count: Int) throws {
        try StoreRoundTripTests.withRun { store, runID, path in
            var batch = JournalBatch()
            batch.fills = (1...count).map { F.fill(seq: $0, strategy: $0 % 3 == 0 ? "revert" : "trend") }
            batch.positions = (1...count).map { F.position(fillSeq: $0) }
            batch.decisions = try (1...count).map { try F.decision(seq: $0, correlation: $0 % 2 == 0) }
            try store.append(batch, runID: runID)

            let decisions = try store.decisions(runID: runID)
            #expect(decisions.map(\.decision.sequence) == Array(1...count))
            #expect(decisions.map { $0.decision.correlation != nil } == (1...count).map { $0 % 2 == 0 })
            try store.close()
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            let (fills, strategies, positions) = try queue.read { db in
                (
                    try Int.fetchAll(db, sql: "SELECT seq FROM fills ORDER BY seq"),
                    try String.fetchAll(db, sql: "SELECT strategy_id FROM fills ORDER BY seq"),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM positions") ?? 0
                )
            }
            #expect(fills == Array(1...count))
            #expect(strategies == (1...count).map { $0 % 3 == 0 ? "revert" : "trend" })
            #expect(positions == count)
        }
    }

    @Test("an empty batch writes nothing and succeeds")
    func emptyBatch() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            try store.append(JournalBatch(), runID: runID)
            let decisions = try store.decisions(runID: runID)
            let budgets = try store.budgets(runID: runID)
            #expect(decisions.isEmpty && budgets.isEmpty)
        }
    }

    @Test("the latest state of a strategy wins, within a batch and across batches")
    func latestStateWins() throws {
        try StoreRoundTripTests.withRun { store, runID, _ in
            var first = JournalBatch()
            first.strategyStates = [try F.state(day: 1, quantity: 1), try F.state(day: 2, quantity: 2)]
            try store.append(first, runID: runID)
            var budgets = try store.budgets(runID: runID)
            #expect(budgets.map(\.positionQuantity) == [2])
            #expect(budgets.first?.asOf == F.time(day: 2))

            var second = JournalBatch()
            second.strategyStates = [try F.state(strategy: "revert", day: 3, quantity: 0), try F.state(day: 3)]
            try store.append(second, runID: runID)
            budgets = try store.budgets(runID: runID)
            #expect(budgets.map(\.strategyID) == ["trend", "revert"])
            #expect(budgets.map(\.positionQuantity) == [3, 0])
        }
    }
}
