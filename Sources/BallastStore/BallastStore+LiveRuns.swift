import GRDB

/// A live run that can be resumed: `running` (stopped or killed) or `failed` (stopped on an error).
public struct ResumableLiveRun: Sendable, Equatable {
    public var runID: Int64
    /// Running or failed (a finished run cannot be resumed).
    public var status: RunStatus
    /// The run's key (`RunIdentity.liveKey`, or the older `live-bt-…` form).
    public var inputHash: String
    public var name: String
    public var portfolioPath: String
    /// The portfolio file's text when the run began.
    public var configText: String
    /// Why it failed, for a failed run.
    public var error: String?
}

extension BallastStore {
    /// The newest resumable live run with this key, nil when there is none.
    public func resumableLiveRun(key: String) throws(StoreError) -> ResumableLiveRun? {
        try resumableLiveRuns(where: "input_hash = ?", arguments: [key]).first
    }

    /// The newest resumable live run of the same portfolio, whatever its key (a run whose settings
    /// may have changed underneath it): one whose file has the same name as `path` and that has the
    /// same path (as given) or the same portfolio `name`. Two portfolio files of one directory
    /// (sharing its default database) are not taken for each other.
    public func resumableLiveRun(portfolioPath path: String, name: String) throws(StoreError) -> ResumableLiveRun? {
        let fileName = Self.fileName(path)
        return try resumableLiveRuns(where: "(portfolio_path = ? OR name = ?)", arguments: [path, name])
            .first { Self.fileName($0.portfolioPath) == fileName }
    }

    private static func fileName(_ path: String) -> Substring {
        path.split(separator: "/").last ?? Substring(path)
    }

    private func resumableLiveRuns(where condition: String, arguments: StatementArguments) throws(StoreError)
        -> [ResumableLiveRun]
    {
        let path = self.path
        return try read("finding a live run to resume") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, status, input_hash, name, portfolio_path, config_text, error FROM runs
                    WHERE mode = 'live' AND status IN ('running', 'failed') AND \(condition)
                    ORDER BY id DESC
                    """,
                arguments: arguments
            ).map { row throws(StoreError) in
                ResumableLiveRun(
                    runID: row["id"], status: try StoredRow(row: row, table: "runs", path: path).raw("status"),
                    inputHash: row["input_hash"], name: row["name"],
                    portfolioPath: row["portfolio_path"], configText: row["config_text"], error: row["error"])
            }
        }
    }

    /// Makes a resumable live run `running` again under `key` (a failed run's error and end are
    /// cleared; its journal stays).
    ///
    /// - Throws: `StoreError.runNotRunning` when it is neither running nor failed (it finished).
    public func reopenLiveRun(_ runID: Int64, key: String) throws(StoreError) {
        let path = self.path
        try write("resuming run \(runID)") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'running', finished_at = NULL, error = NULL, input_hash = ?
                    WHERE id = ? AND mode = 'live' AND status IN ('running', 'failed')
                    """,
                arguments: [key, runID])
            if db.changesCount == 0 { try Self.requireRunning(db, runID: runID, path: path) }
        }
    }

    /// True when the journal of run `runID` leaves a position open or an approved entry unfilled
    /// (a risk decision approved with no order resolved for it yet).
    public func holdsPositions(runID: Int64) throws(StoreError) -> Bool {
        try read("reading the positions of run \(runID)") { db in
            let open =
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM strategy_state WHERE run_id = ? AND position_quantity > 0)",
                    arguments: [runID]) ?? false
            let pending =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM risk_decisions d WHERE d.run_id = ? AND d.approved_fraction > 0
                            AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.run_id = d.run_id AND o.decision_seq = d.seq))
                        """, arguments: [runID]) ?? false
            return open || pending
        }
    }
}
