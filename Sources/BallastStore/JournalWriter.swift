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
            row.bind(
                runID, record.series, record.bar.time.seconds, record.closeTime, record.symbol,
                record.timeframe.rawValue, record.bar.open, record.bar.high, record.bar.low, record.bar.close,
                record.bar.volume,
            )
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
            row.bind(
                runID, order.seq, order.strategyID, order.symbol, order.side.rawValue, order.intent,
                order.createdAt.seconds, order.decisionSeq, order.fraction, order.status,
            )
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
            row.bind(
                runID, fill.seq, fill.orderSeq, fill.strategyID, fill.symbol, fill.side, fill.quantity, fill.price,
                fill.fee, fill.time.seconds,
            )
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
            row.bind(
                runID, position.fillSeq, position.strategyID, position.symbol, position.time.seconds,
                position.side?.rawValue, position.quantity, position.entryPrice, position.stopLoss,
                position.takeProfit,
            )
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
            row.bind(
                runID, record.seq, record.strategyID, record.symbol, trade.side.rawValue, trade.entryTime.seconds,
                trade.exitTime.seconds, trade.entryPrice, trade.exitPrice, trade.quantity, trade.pnl,
                trade.returnFraction, trade.exitReason,
            )
        }
    }

    private func writeSnapshots(_ snapshots: [AccountSnapshotRecord]) throws {
        guard !snapshots.isEmpty else { return }
        try BulkInsert(
            db, into: "account_snapshots",
            columns: ["run_id", "time", "scope", "equity", "peak", "drawdown", "gross_exposure", "realized_pnl"]
        )(snapshots) { row, snapshot in
            row.bind(
                runID, snapshot.time.seconds, snapshot.scope, snapshot.equity, snapshot.peak, snapshot.drawdown,
                snapshot.grossExposure, snapshot.realizedPnL,
            )
        }
    }

    private func writeReduceOnly(_ events: [ReduceOnlyEvent]) throws {
        guard !events.isEmpty else { return }
        try BulkInsert(
            db, into: "reduce_only_events",
            columns: ["run_id", "time", "strategy_id", "entered", "drawdown", "max_drawdown"]
        )(events) { row, event in
            row.bind(
                runID, event.time.seconds, event.strategyID, event.entered, event.drawdown, event.limit,
            )
        }
    }

    private func writeRiskState(_ state: RiskBookState) throws {
        let json: String
        do {
            json = try StoredText.json(state)
        } catch {
            throw StoreError.inconsistentBatch(path: path, runID: runID, reason: "risk state not encodable: \(error)")
        }
        try statement("INSERT OR REPLACE INTO risk_state (run_id, state_json) VALUES (?, ?)")
            .run(runID, json)
    }
}
