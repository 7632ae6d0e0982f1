import BallastCore
import Foundation
import GRDB

extension BallastStore {
    /// Every strategy's budget in run `runID` as it stood at `time`, in registration order
    /// (``PastBudgetRow`` says what that means). The caller checks that `time` is in the run's range.
    ///
    /// - Throws: `StoreError.unknownRun` when the run does not exist; `.invalidData` for a row that
    ///   does not decode.
    public func budgets(runID: Int64, at time: Timestamp) throws(StoreError) -> [PastBudgetRow] {
        let path = self.path
        return try read("reading budgets of run \(runID) at \(time)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            let initial =
                try Double.fetchOne(db, sql: "SELECT initial_equity FROM runs WHERE id = ?", arguments: [runID]) ?? 0
            let strategies = try Row.fetchAll(
                db,
                sql:
                    "SELECT id, position, symbol, capital, timeframe FROM strategies WHERE run_id = ? ORDER BY position",
                arguments: [runID])
            return try strategies.map { strategy in
                let id: String = strategy[0]
                let capital: Double = strategy[3]
                var row = PastBudgetRow(
                    runID: runID, strategyID: id, position: strategy[1], symbol: strategy[2], at: time, asOf: nil,
                    capital: capital, sleeveEquity: capital * initial, sleevePeak: capital * initial,
                    sleeveDrawdown: 0, grossExposure: 0, realizedPnL: 0, portfolioEquity: nil,
                    portfolioDrawdown: nil, positionSizeFactor: 1, stopLossTightening: 1, dailyRiskFactor: 1,
                    primaryReason: .normal, drawdownTier: nil, activeReasons: [], positionSide: nil,
                    positionQuantity: 0, strategyReduceOnly: false, portfolioReduceOnly: false)
                // Sleeve snapshots carry the label (open) time of the day's last bar; it closed one
                // bar later, less a second (the engine clock).
                let barSeconds = Timeframe(rawValue: strategy[4])?.nominalSeconds ?? 0
                let close = { (label: Int64) in label + max(0, barSeconds - 1) }
                guard
                    let snapshot = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT time, equity, peak, drawdown, gross_exposure, realized_pnl FROM account_snapshots
                            WHERE run_id = ? AND scope = ? AND time <= ? ORDER BY time DESC, id DESC LIMIT 1
                            """, arguments: [runID, id, time.seconds - max(0, barSeconds - 1)])
                else { return row }
                var asOf = close(snapshot[0])
                (row.sleeveEquity, row.sleevePeak, row.sleeveDrawdown) = (snapshot[1], snapshot[2], snapshot[3])
                (row.grossExposure, row.realizedPnL) = (snapshot[4], snapshot[5])
                let state = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT time, sleeve_equity, sleeve_peak, sleeve_drawdown, realized_pnl FROM strategy_state
                        WHERE run_id = ? AND strategy_id = ? AND time <= ?
                        """, arguments: [runID, id, time.seconds])
                if let state {
                    // The latest state is the budget itself at its time (the last bar group's close):
                    // at or after it, nothing later has happened.
                    asOf = state[0]
                    (row.sleeveEquity, row.sleevePeak, row.sleeveDrawdown) = (state[1], state[2], state[3])
                    row.realizedPnL = state[4]
                }
                row.asOf = Timestamp(seconds: asOf)
                if let portfolio = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT equity, drawdown FROM account_snapshots
                        WHERE run_id = ? AND scope = 'portfolio' AND time <= ? ORDER BY time DESC, id DESC LIMIT 1
                        """, arguments: [runID, asOf])
                {
                    (row.portfolioEquity, row.portfolioDrawdown) = (portfolio[0], portfolio[1])
                }
                if let factors = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT position_size_factor, stop_loss_tightening, daily_risk_factor, primary_reason,
                               drawdown_tier, active_reasons
                        FROM \(state == nil ? "dynamic_performance_metrics" : "strategy_state")
                        WHERE run_id = ? AND strategy_id = ? AND time <= ? ORDER BY time DESC LIMIT 1
                        """, arguments: [runID, id, asOf])
                {
                    let stored = StoredRow(row: factors, table: "dynamic_performance_metrics", path: path)
                    (row.positionSizeFactor, row.stopLossTightening) = (factors[0], factors[1])
                    row.dailyRiskFactor = factors[2]
                    row.primaryReason = try stored.raw("primary_reason")
                    row.drawdownTier = factors[4]
                    row.activeReasons = try stored.reasons("active_reasons")
                }
                if let position = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT side, quantity FROM positions
                        WHERE run_id = ? AND strategy_id = ? AND time <= ? ORDER BY fill_seq DESC LIMIT 1
                        """, arguments: [runID, id, asOf])
                {
                    let stored = StoredRow(row: position, table: "positions", path: path)
                    row.positionSide = try stored.optionalRaw("side")
                    row.positionQuantity = position[1]
                }
                (row.strategyReduceOnly, row.portfolioReduceOnly) = try Self.reduceOnly(
                    db, runID: runID, strategy: id, at: asOf)
                return row
            }
        }
    }

    /// Whether the strategy's and the portfolio's reduce-only latches were set at `time` (their last
    /// event at or before it entered). The risk layer's latches only: an operator halt
    /// (`source = 'operator'`) is not a latch of the drawdown limits, as in plain `budgets`.
    private static func reduceOnly(_ db: Database, runID: Int64, strategy: String, at time: Int64) throws -> (
        Bool, Bool
    ) {
        let last = """
            SELECT entered FROM reduce_only_events WHERE run_id = ? AND %@ AND time <= ? AND source = 'risk'
              AND reason = 'max_drawdown'
            ORDER BY time DESC, id DESC LIMIT 1
            """
        let own = try Bool.fetchOne(
            db, sql: last.replacingOccurrences(of: "%@", with: "strategy_id = ?"), arguments: [runID, strategy, time])
        let portfolio = try Bool.fetchOne(
            db, sql: last.replacingOccurrences(of: "%@", with: "strategy_id IS NULL"), arguments: [runID, time])
        return (own ?? false, portfolio ?? false)
    }
}
