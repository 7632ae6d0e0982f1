import BallastEngine

/// Writes a run's journal batches into a `BallastStore` in order: one transaction per call (batches
/// that queued up behind a running write go out together).
/// The writes run on the caller's task (the coordinator overlaps them with the next chunk).
public struct StoreJournalSink: JournalSink {
    public let store: BallastStore
    public let runID: Int64

    public init(store: BallastStore, runID: Int64) {
        self.store = store
        self.runID = runID
    }

    public func write(_ batch: JournalBatch) async throws {
        try store.append(batch, runID: runID)
    }

    public func write(contentsOf batches: [JournalBatch]) async throws {
        try store.append(contentsOf: batches, runID: runID)
    }
}
