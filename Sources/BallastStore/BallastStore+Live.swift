import BallastCore
import BallastEngine
import Foundation
import GRDB

extension BallastStore {
    /// Every bar live run `runID` processed, in (close time, series) order.
    public func liveBars(runID: Int64) throws(StoreError) -> [LiveBarRecord] {
        let path = self.path
        return try read("reading the bars of run \(runID)") { db in
            try Self.requireRun(db, runID: runID, path: path)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM live_bars WHERE run_id = ? ORDER BY close_time, series", arguments: [runID]
            ).map { row in
                let timeframeText: String = row["timeframe"]
                guard let timeframe = Timeframe(rawValue: timeframeText) else {
                    throw StoreError.invalidData(path: path, reason: "live_bars: unknown timeframe \(timeframeText)")
                }
                return LiveBarRecord(
                    series: row["series"], symbol: row["symbol"], timeframe: timeframe,
                    bar: Bar(
                        time: Timestamp(seconds: row["time"]), open: row["open"], high: row["high"], low: row["low"],
                        close: row["close"], volume: row["volume"]))
            }
        }
    }

    /// Records (or updates) what a venue said about an order, by its client order id.
    public func recordVenueOrder(_ row: VenueOrderRow) throws(StoreError) {
        try write("recording venue order \(row.order.clientOrderID)") { db in
            try db.execute(
                sql: """
                    INSERT INTO venue_orders (run_id, client_order_id, venue, order_key, fill_seq, strategy_id, symbol,
                        action, quantity, reference_price, status, executed_quantity, average_price, commission, reason,
                        stop_price, exit_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (client_order_id) DO UPDATE SET status = excluded.status,
                        executed_quantity = excluded.executed_quantity, average_price = excluded.average_price,
                        commission = excluded.commission, reason = excluded.reason,
                        exit_key = COALESCE(excluded.exit_key, venue_orders.exit_key)
                    """,
                arguments: [
                    row.runID, row.order.clientOrderID, row.venue, row.key, row.fillSeq, row.strategyID,
                    row.order.symbol,
                    row.order.action.rawValue, row.order.quantity, row.order.referencePrice,
                    row.execution.status.rawValue, row.execution.executedQuantity, row.execution.averagePrice,
                    row.execution.commission,
                    row.execution.reason, row.order.stopPrice, row.exitKey,
                ])
        }
    }

    /// Every order run `runID` sent to its venue, in the order they were recorded.
    public func venueOrders(runID: Int64) throws(StoreError) -> [VenueOrderRow] {
        let path = self.path
        return try read("reading the venue orders of run \(runID)") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM venue_orders WHERE run_id = ? ORDER BY rowid", arguments: [runID]
            ).map { row throws(StoreError) in try VenueOrderRow(StoredRow(row: row, table: "venue_orders", path: path))
            }
        }
    }

    /// The venue's executions of run `runID` by order key: what a restart replays an external venue's
    /// fills from.
    public func venueExecutions(runID: Int64) throws(StoreError) -> [String: VenueExecution] {
        var executions: [String: VenueExecution] = [:]
        for row in try venueOrders(runID: runID) { executions[row.key] = row.execution }
        return executions
    }

    /// The orders of run `runID` the venue last reported open (new or partially filled): a restart
    /// asks the venue for their final state.
    public func openVenueOrders(runID: Int64) throws(StoreError) -> [VenueOrderRow] {
        try venueOrders(runID: runID).filter { $0.execution.status.isOpen }
    }

    /// The fills of run `runID` that have no venue order yet (a crash came between the journal's
    /// commit and the venue), in fill order: a restart sends them, idempotently.
    public func fillsWithoutVenueOrder(runID: Int64) throws(StoreError) -> [PendingVenueFill] {
        let path = self.path
        return try read("reading unsent fills of run \(runID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT f.seq, f.strategy_id, f.symbol, f.side, f.quantity, f.price FROM fills f
                    WHERE f.run_id = ? AND NOT EXISTS (
                        SELECT 1 FROM venue_orders v WHERE v.run_id = f.run_id AND v.fill_seq = f.seq)
                    ORDER BY f.seq
                    """,
                arguments: [runID]
            ).map { row throws(StoreError) in
                let stored = StoredRow(row: row, table: "fills", path: path)
                return PendingVenueFill(
                    fillSeq: try stored.value("seq"), strategyID: try stored.value("strategy_id"),
                    symbol: try stored.value("symbol"), action: try stored.raw("side"),
                    quantity: try stored.value("quantity"), price: try stored.value("price"))
            }
        }
    }
}

/// A fill of the ledger that still has to reach the venue.
public struct PendingVenueFill: Sendable, Equatable {
    public var fillSeq: Int
    public var strategyID: String
    public var symbol: String
    public var action: OrderAction
    public var quantity: Double
    public var price: Double

    public init(
        fillSeq: Int, strategyID: String, symbol: String, action: OrderAction, quantity: Double, price: Double
    ) {
        self.fillSeq = fillSeq
        self.strategyID = strategyID
        self.symbol = symbol
        self.action = action
        self.quantity = quantity
        self.price = price
    }
}
