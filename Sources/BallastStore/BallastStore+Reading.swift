import BallastRisk
import Foundation
import GRDB

extension BallastStore {
    /// Every run, oldest first. Each read is one consistent snapshot, also while a run is writing.
    /// The traded range of a live run is that of the bars it processed (`live_bars`); a backtest
    /// traded its data, which is cut to the requested range before it runs.
    public func runs() throws(StoreError) -> [RunRow] {
        let path = self.path
        let sql = """
            SELECT runs.*,
                CASE WHEN mode = 'live' THEN (SELECT MIN(time) FROM live_bars WHERE run_id = runs.id)
                    ELSE data_start END AS traded_start,
                CASE WHEN mode = 'live' THEN (SELECT MAX(time) FROM live_bars WHERE run_id = runs.id)
                    ELSE data_end END AS traded_end
            FROM runs ORDER BY id
            """
        return try read("listing runs") { db in
            try Row.fetchAll(db, sql: sql).map { row throws(StoreError) in
                try RunRow(StoredRow(row: row, table: "runs", path: path))
            }
        }
    }

    /// The id of the newest run that is running or finished (failed runs are skipped); nil when
    /// there is none.
    public func latestRunID() throws(StoreError) -> Int64? {
        try read("finding the latest run") { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM runs WHERE status IN ('running', 'finished') ORDER BY id DESC LIMIT 1")
        }
    }

    /// Every strategy's budget in run `runID`, in registration order, as of the last journaled
    /// batch. A strategy whose state was never journaled (a run that has written no batch yet) is
    /// not listed, so the result may be empty.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func budgets(runID: Int64) throws(StoreError) -> [BudgetRow] {
        let path = self.path
        return try read("reading budgets of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            var rows = try Row.fetchAll(
                db, sql: "SELECT * FROM budgets WHERE run_id = ? ORDER BY position", arguments: [runID]
            )
            .map { row throws(StoreError) in try BudgetRow(StoredRow(row: row, table: "budgets", path: path)) }
            let halts = Self.operatorHalts(
                try Self.fetchOperatorCommands(db, runID: runID, path: path),
                strategies: try String.fetchAll(
                    db, sql: "SELECT id FROM strategies WHERE run_id = ? ORDER BY position", arguments: [runID]))
            for index in rows.indices { rows[index].operatorHalt = halts[rows[index].strategyID] }
            return rows
        }
    }

    /// Run `runID`'s risk decisions, oldest first.
    ///
    /// - Parameters:
    ///   - strategy: only this strategy's decisions.
    ///   - binding: only decisions with this binding limit.
    ///   - limit: only the last `limit` decisions that match (0 gives none); nil for all.
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func decisions(
        runID: Int64, strategy: String? = nil, binding: BindingLimit? = nil, limit: Int? = nil
    ) throws(StoreError) -> [DecisionRow] {
        var filter = "run_id = ?"
        var arguments: StatementArguments = [runID]
        if let strategy {
            filter += " AND strategy_id = ?"
            arguments += [strategy]
        }
        if let binding {
            filter += " AND binding_limit = ?"
            arguments += [binding.rawValue]
        }
        var sql = "SELECT * FROM risk_decisions WHERE \(filter) ORDER BY seq DESC"
        if let limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        let path = self.path
        let query = "SELECT * FROM (\(sql)) ORDER BY seq"
        return try read("reading decisions of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try Row.fetchAll(db, sql: query, arguments: arguments).map { row throws(StoreError) in
                try DecisionRow(StoredRow(row: row, table: "risk_decisions", path: path))
            }
        }
    }

    /// Run `runID`'s risk adjustments, oldest first, optionally of one strategy only.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist.
    public func adjustments(runID: Int64, strategy: String? = nil) throws(StoreError) -> [AdjustmentRow] {
        var sql = "SELECT * FROM risk_adjustments WHERE run_id = ?"
        var arguments: StatementArguments = [runID]
        if let strategy {
            sql += " AND strategy_id = ?"
            arguments += [strategy]
        }
        sql += " ORDER BY seq"
        let path = self.path
        return try read("reading adjustments of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row throws(StoreError) in
                try AdjustmentRow(StoredRow(row: row, table: "risk_adjustments", path: path))
            }
        }
    }

    /// The shared book's last journaled state in run `runID` (what a restarted live run restores);
    /// nil when no batch carried one.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist; `.invalidData` when the stored
    ///   JSON does not decode.
    public func riskState(runID: Int64) throws(StoreError) -> RiskBookState? {
        let path = self.path
        let json = try read("reading the risk state of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try String.fetchOne(
                db, sql: "SELECT state_json FROM risk_state WHERE run_id = ?", arguments: [runID])
        }
        guard let json else { return nil }
        do {
            return try JSONDecoder().decode(RiskBookState.self, from: Data(json.utf8))
        } catch {
            throw .invalidData(path: path, reason: "risk_state.state_json of run \(runID): \(error)")
        }
    }
}
