import GRDB

extension BallastStore {
    /// The ids of run `runID`'s strategies, in registration order.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func strategyIDs(runID: Int64) throws(StoreError) -> [String] {
        let path = self.path
        return try read("reading the strategies of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try String.fetchAll(
                db, sql: "SELECT id FROM strategies WHERE run_id = ? ORDER BY position", arguments: [runID])
        }
    }
}
