/// Where a run's journal goes (the SQLite store, or a test's collector). Batches arrive in order,
/// one at a time; a sink that throws stops the run, which then reports the error.
public protocol JournalSink: Sendable {
    func write(_ batch: JournalBatch) async throws
}
