import BallastEngine

/// A journal sink that keeps every batch in memory, for tests.
public actor CollectingJournalSink: JournalSink {
    public private(set) var batches: [JournalBatch] = []

    public init() {}

    public func write(_ batch: JournalBatch) async throws {
        batches.append(batch)
    }

    /// All batches merged in order (the latest states and risk state win).
    public var merged: JournalBatch {
        var all = JournalBatch()
        for batch in batches {
            all.orders += batch.orders
            all.fills += batch.fills
            all.positions += batch.positions
            all.trades += batch.trades
            all.snapshots += batch.snapshots
            all.decisions += batch.decisions
            all.adjustments += batch.adjustments
            all.adjustmentEnds += batch.adjustmentEnds
            all.performance += batch.performance
            all.reduceOnly += batch.reduceOnly
            if !batch.strategyStates.isEmpty { all.strategyStates = batch.strategyStates }
            if let state = batch.riskState { all.riskState = state }
        }
        return all
    }
}
