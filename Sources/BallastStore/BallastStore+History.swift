import BallastCore
import BallastEngine
import GRDB

extension BallastStore {
    /// Run `runID`'s closed trades in the order they closed (`seq`), optionally of one strategy.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func trades(runID: Int64, strategy: String? = nil) throws(StoreError) -> [TradeRecord] {
        try history(runID: runID, table: "trades", scopeColumn: "strategy_id", scope: strategy, order: "seq") {
            row throws(StoreError) in try TradeRecord(row)
        }
    }

    /// Run `runID`'s equity snapshots in time order, the portfolio's before the sleeves' at each
    /// time (journal order). With `scope`, only that scope's (`portfolio` or a strategy id).
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func equity(runID: Int64, scope: String? = nil) throws(StoreError) -> [AccountSnapshotRecord] {
        try history(runID: runID, table: "account_snapshots", scopeColumn: "scope", scope: scope, order: "time, id") {
            row throws(StoreError) in try AccountSnapshotRecord(row)
        }
    }

    private func history<Value>(
        runID: Int64, table: String, scopeColumn: String, scope: String?, order: String,
        decode: (StoredRow) throws(StoreError) -> Value
    ) throws(StoreError) -> [Value] {
        var sql = "SELECT * FROM \(table) WHERE run_id = ?"
        var arguments: StatementArguments = [runID]
        if let scope {
            sql += " AND \(scopeColumn) = ?"
            arguments += [scope]
        }
        sql += " ORDER BY \(order)"
        let path = self.path
        return try read("reading \(table) of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row throws(StoreError) in
                try decode(StoredRow(row: row, table: table, path: path))
            }
        }
    }
}

extension BallastStore {
    /// Run `runID`'s JSON summary (SPEC §14); nil while it runs or when it failed.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func summaryJSON(runID: Int64) throws(StoreError) -> String? {
        let path = self.path
        return try read("reading the summary of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try String.fetchOne(db, sql: "SELECT summary_json FROM runs WHERE id = ?", arguments: [runID])
        }
    }
}
