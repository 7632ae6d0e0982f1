import BallastCore
import BallastEngine
import BallastReports
import BallastRisk
import GRDB

/// Writes one `JournalBatch` inside a write transaction the caller opened: multi-row inserts of
/// cached prepared statements (`BulkInsert`), values bound through the SQLite C API. Times are bound
/// as epoch seconds, enums as their raw values, lists as comma-joined text.
struct JournalWriter {
    let db: Database
    let runID: Int64
    let path: String

    /// Writes every record of `batch` (see `BallastStore.append` for the order).
    func write(_ batch: JournalBatch) throws {
        try writeOrders(batch.orders)
        try writeFills(batch.fills)
        try writePositions(batch.positions)
        try writeTrades(batch.trades)
        try writeSnapshots(batch.snapshots)
        try writeDecisions(batch.decisions)
        try writeAdjustments(batch.adjustments)
        try writeAdjustmentEnds(batch.adjustmentEnds)
        try writePerformance(batch.performance)
        try writeReduceOnly(batch.reduceOnly)
        try writeStrategyStates(batch.strategyStates)
        if let state = batch.riskState { try writeRiskState(state) }
        try writeBars(batch.bars)
        try writeOperatorCommandsApplied(batch.operatorCommandsApplied)
    }

    /// Marks operator commands applied at their bar group, in the batch's transaction. A command
    /// recorded as applied already is an inconsistent batch (it would be applied twice).
    private func writeOperatorCommandsApplied(_ applied: [AppliedOperatorCommand]) throws {
        guard !applied.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: "UPDATE operator_commands SET applied_at = ? WHERE id = ? AND run_id = ? AND applied_at IS NULL")
        for command in applied {
            try statement.execute(arguments: [command.closeTime, command.id, runID])
            if db.changesCount != 1 {
                throw StoreError.inconsistentBatch(
                    path: path, runID: runID, reason: "operator command \(command.id) is not pending")
            }
        }
    }

    private func writeBars(_ bars: [LiveBarRecord]) throws {
        guard !bars.isEmpty else { return }
        try BulkInsert(
            db, into: "live_bars",
            columns: [
                "run_id", "series", "time", "close_time", "symbol", "timeframe", "open", "high", "low", "close",
                "volume",
            ]
        )(bars) { row, record in
            row.put(runID)
            row.put(record.series)
            row.put(record.bar.time.seconds)
            row.put(record.closeTime)
            row.put(record.symbol)
            row.put(record.timeframe)
            row.put(record.bar.open)
            row.put(record.bar.high)
            row.put(record.bar.low)
            row.put(record.bar.close)
            row.put(record.bar.volume)
        }
    }

    /// The cached statement for `sql` (prepared once per connection), bound through the C API.
    func statement(_ sql: String) throws -> BoundStatement {
        try BoundStatement(db, sql: sql)
    }

    private func writeOrders(_ orders: [OrderRecord]) throws {
        guard !orders.isEmpty else { return }
        try BulkInsert(
            db, into: "orders",
            columns: [
                "run_id", "seq", "strategy_id", "symbol", "side", "intent", "created_at", "decision_seq", "fraction",
                "status",
            ]
        )(orders) { row, order in
            row.put(runID)
            row.put(order.seq)
            row.put(order.strategyID)
            row.put(order.symbol)
            row.put(order.side)
            row.put(order.intent)
            row.put(order.createdAt.seconds)
            row.put(order.decisionSeq)
            row.put(order.fraction)
            row.put(order.status)
        }
    }

    private func writeFills(_ fills: [FillRecord]) throws {
        guard !fills.isEmpty else { return }
        try BulkInsert(
            db, into: "fills",
            columns: [
                "run_id", "seq", "order_seq", "strategy_id", "symbol", "side", "quantity", "price", "fee", "time",
            ]
        )(fills) { row, fill in
            row.put(runID)
            row.put(fill.seq)
            row.put(fill.orderSeq)
            row.put(fill.strategyID)
            row.put(fill.symbol)
            row.put(fill.side)
            row.put(fill.quantity)
            row.put(fill.price)
            row.put(fill.fee)
            row.put(fill.time.seconds)
        }
    }

    private func writePositions(_ positions: [PositionRecord]) throws {
        guard !positions.isEmpty else { return }
        try BulkInsert(
            db, into: "positions",
            columns: [
                "run_id", "fill_seq", "strategy_id", "symbol", "time", "side", "quantity", "entry_price", "stop_loss",
                "take_profit",
            ]
        )(positions) { row, position in
            row.put(runID)
            row.put(position.fillSeq)
            row.put(position.strategyID)
            row.put(position.symbol)
            row.put(position.time.seconds)
            row.put(position.side)
            row.put(position.quantity)
            row.put(position.entryPrice)
            row.put(position.stopLoss)
            row.put(position.takeProfit)
        }
    }

    private func writeTrades(_ trades: [TradeRecord]) throws {
        guard !trades.isEmpty else { return }
        try BulkInsert(
            db, into: "trades",
            columns: [
                "run_id", "seq", "strategy_id", "symbol", "side", "entry_time", "exit_time", "entry_price",
                "exit_price", "quantity", "pnl", "return_fraction", "exit_reason",
            ]
        )(trades) { row, record in
            let trade = record.trade
            row.put(runID)
            row.put(record.seq)
            row.put(record.strategyID)
            row.put(record.symbol)
            row.put(trade.side)
            row.put(trade.entryTime.seconds)
            row.put(trade.exitTime.seconds)
            row.put(trade.entryPrice)
            row.put(trade.exitPrice)
            row.put(trade.quantity)
            row.put(trade.pnl)
            row.put(trade.returnFraction)
            row.put(trade.exitReason)
        }
    }

    private func writeSnapshots(_ snapshots: [AccountSnapshotRecord]) throws {
        guard !snapshots.isEmpty else { return }
        try BulkInsert(
            db, into: "account_snapshots",
            columns: ["run_id", "time", "scope", "equity", "peak", "drawdown", "gross_exposure", "realized_pnl"]
        )(snapshots) { row, snapshot in
            row.put(runID)
            row.put(snapshot.time.seconds)
            row.put(snapshot.scope)
            row.put(snapshot.equity)
            row.put(snapshot.peak)
            row.put(snapshot.drawdown)
            row.put(snapshot.grossExposure)
            row.put(snapshot.realizedPnL)
        }
    }

    private func writeReduceOnly(_ events: [ReduceOnlyEvent]) throws {
        guard !events.isEmpty else { return }
        try BulkInsert(
            db, into: "reduce_only_events",
            columns: [
                "run_id", "time", "strategy_id", "entered", "drawdown", "max_drawdown", "source", "reason", "message",
            ]
        )(events) { row, event in
            row.put(runID)
            row.put(event.time.seconds)
            row.put(event.strategyID)
            row.put(event.entered)
            row.put(event.drawdown)
            row.put(event.limit)
            row.put(event.source ?? "risk")
            row.put(event.reason)
            row.put(event.message)
        }
    }

    private func writeRiskState(_ state: RiskBookState) throws {
        let json: String
        do {
            json = try StoredText.json(state)
        } catch {
            throw StoreError.inconsistentBatch(path: path, runID: runID, reason: "risk state not encodable: \(error)")
        }
        try statement("INSERT OR REPLACE INTO risk_state (run_id, state_json) VALUES (?, ?)").run { row in
            row.put(runID)
            row.put(json)
        }
    }
}
