import BallastStore
import Foundation

/// Opens a run's journal database. A new database is created and migrated in the background while
/// the portfolio's data loads (the two overlap: a new store is mostly file-system latency, loading is
/// CPU); an existing one is opened only once the portfolio has loaded, as before: opening a store
/// for writing and closing it changes the file's bytes even when no run is written (header
/// counters, a freed page, as observed), and a failed command must leave it as it was.
///
/// Invariant: a failed command leaves no database behind that it created, and an existing file
/// untouched. `abandon()` (called when the portfolio or its data turn out to be bad, before any run
/// starts) closes a store opened in the background and removes the file and its WAL companions.
/// Errors of the portfolio come first: an opening error is seen only through `store()`.
struct JournalOpening: Sendable {
    let path: String
    /// The background opening of a database that did not exist; nil for an existing one.
    private let creating: Task<BallastStore, any Error>?

    init(path: String) {
        self.path = path
        creating =
            FileManager.default.fileExists(atPath: path) ? nil : Task.detached { try BallastStore.open(path: path) }
    }

    /// The opened store, or the error of opening it.
    func store() async throws -> BallastStore {
        if let creating { return try await creating.value }
        return try BallastStore.open(path: path)
    }

    /// The run will not start: a database created in the background is closed and removed.
    func abandon() async {
        guard let creating else { return }
        let store = try? await creating.value
        try? store?.close()
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
