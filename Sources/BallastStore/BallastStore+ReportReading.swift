import GRDB

extension BallastStore {
    /// Everything the HTML report of run `runID` draws, in one read transaction (a consistent
    /// snapshot, also while a live run writes). Rows are read by column index through cursors: a
    /// 1,000,000-bar run has hundreds of thousands of positions and decisions.
    ///
    /// - Parameter tradeLimit: at most this many trades (the last ones by exit) are returned;
    ///   `tradeCount` is the run's total.
    /// - Throws: `StoreError.unknownRun` when the run does not exist; `.invalidData` for a row that
    ///   does not decode.
    public func reportJournal(runID: Int64, tradeLimit: Int = 1_000) throws(StoreError) -> ReportJournal {
        let path = self.path
        return try read("reading the report of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            guard let runRow = try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [runID])
            else { throw StoreError.unknownRun(path: path, runID: runID) }
            let stored = StoredRow(row: runRow, table: "runs", path: path)
            let arguments: StatementArguments = [runID]
            var journal = ReportJournal(
                run: try RunRow(stored), summaryJSON: try stored.value("summary_json"),
                configText: try stored.value("config_text"), strategies: [], snapshots: [], positions: [],
                decisions: [], factors: [], adjustments: [], tradeCount: 0, trades: [])
            journal.strategies = try Row.fetchAll(
                db,
                sql: "SELECT id, kind, symbol, timeframe, capital FROM strategies WHERE run_id = ? ORDER BY position",
                arguments: arguments
            ).map { ReportJournal.Strategy(id: $0[0], kind: $0[1], symbol: $0[2], timeframe: $0[3], capital: $0[4]) }
            let snapshots = try Row.fetchCursor(
                db,
                sql: """
                    SELECT time, scope, equity, drawdown, gross_exposure FROM account_snapshots
                    WHERE run_id = ? ORDER BY time, id
                    """, arguments: arguments)
            while let row = try snapshots.next() {
                journal.snapshots.append(
                    .init(time: row[0], scope: row[1], equity: row[2], drawdown: row[3], grossExposure: row[4]))
            }
            let positions = try Row.fetchCursor(
                db,
                sql:
                    "SELECT time, strategy_id, quantity, entry_price FROM positions WHERE run_id = ? ORDER BY fill_seq",
                arguments: arguments)
            while let row = try positions.next() {
                journal.positions.append(.init(time: row[0], strategyID: row[1], quantity: row[2], entryPrice: row[3]))
            }
            let decisions = try Row.fetchCursor(
                db,
                sql: """
                    SELECT time, strategy_id, approved_fraction, binding_limit, correlation_group,
                           correlation_exposure, correlation_cap
                    FROM risk_decisions WHERE run_id = ? ORDER BY seq
                    """, arguments: arguments)
            while let row = try decisions.next() {
                let group: String? = row[4]
                journal.decisions.append(
                    .init(
                        time: row[0], strategyID: row[1], approvedFraction: row[2], bindingLimit: row[3],
                        correlationGroup: group.map(StoredText.split), correlationExposure: row[5],
                        correlationCap: row[6]))
            }
            let factors = try Row.fetchCursor(
                db,
                sql: """
                    SELECT time, strategy_id, position_size_factor, stop_loss_tightening, drawdown_tier
                    FROM dynamic_performance_metrics WHERE run_id = ? ORDER BY time, id
                    """, arguments: arguments)
            while let row = try factors.next() {
                journal.factors.append(
                    .init(
                        time: row[0], strategyID: row[1], positionSizeFactor: row[2], stopLossTightening: row[3],
                        drawdownTier: row[4]))
            }
            let adjustments = try Row.fetchCursor(
                db,
                sql: """
                    SELECT time, strategy_id, component, reason, previous_reason, tier_before, tier_after,
                           position_size_factor_adjusted, stop_loss_tightening_adjusted
                    FROM risk_adjustments WHERE run_id = ? ORDER BY seq
                    """, arguments: arguments)
            while let row = try adjustments.next() {
                journal.adjustments.append(
                    .init(
                        time: row[0], strategyID: row[1], component: row[2], reason: row[3], previousReason: row[4],
                        tierBefore: row[5], tierAfter: row[6], sizeFactorAfter: row[7], tighteningAfter: row[8]))
            }
            journal.tradeCount =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trades WHERE run_id = ?", arguments: arguments) ?? 0
            journal.trades = try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM (
                        SELECT strategy_id, symbol, side, entry_time, exit_time, entry_price, exit_price, quantity,
                               pnl, return_fraction, exit_reason, seq
                        FROM trades WHERE run_id = ? ORDER BY exit_time DESC, seq DESC LIMIT ?)
                    ORDER BY exit_time, seq
                    """, arguments: [runID, max(0, tradeLimit)]
            ).map { row throws(StoreError) in
                let stored = StoredRow(row: row, table: "trades", path: path)
                return ReportJournal.Trade(
                    strategyID: row[0], symbol: row[1], side: try stored.raw("side"), entryTime: row[3],
                    exitTime: row[4], entryPrice: row[5], exitPrice: row[6], quantity: row[7], pnl: row[8],
                    returnFraction: row[9], exitReason: try stored.raw("exit_reason"))
            }
            return journal
        }
    }
}
