/// Where a run's journal goes (the SQLite store, or a test's collector). Batches arrive in order,
/// one call at a time; a sink that throws stops the run, which then reports the error.
public protocol JournalSink: Sendable {
    func write(_ batch: JournalBatch) async throws

    /// Writes consecutive batches that queued up while an earlier write ran, in order. The store
    /// writes them in one transaction (all or none); the default writes them one by one.
    func write(contentsOf batches: [JournalBatch]) async throws
}

extension JournalSink {
    public func write(contentsOf batches: [JournalBatch]) async throws {
        for batch in batches { try await write(batch) }
    }
}
