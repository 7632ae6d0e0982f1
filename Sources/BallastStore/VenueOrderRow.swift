import BallastEngine
import GRDB

/// One row of `venue_orders`: an order sent to a venue for one ledger fill, and the venue's answer.
public struct VenueOrderRow: Sendable, Equatable {
    public var runID: Int64
    public var venue: String
    /// The order's key in the run (unique per run): `f<fill seq>`, or a pending order part's key.
    public var key: String
    /// The ledger fill the order mirrors (paper venue); nil for an order sent at decision time.
    public var fillSeq: Int?
    public var strategyID: String
    public var order: VenueOrder
    public var execution: VenueExecution

    public init(
        runID: Int64, venue: String, key: String, fillSeq: Int?, strategyID: String, order: VenueOrder,
        execution: VenueExecution
    ) {
        self.runID = runID
        self.venue = venue
        self.key = key
        self.fillSeq = fillSeq
        self.strategyID = strategyID
        self.order = order
        self.execution = execution
    }

    init(row: Row) throws {
        let clientID: String = row["client_order_id"]
        let symbol: String = row["symbol"]
        runID = row["run_id"]
        venue = row["venue"]
        key = row["order_key"]
        fillSeq = row["fill_seq"]
        strategyID = row["strategy_id"]
        order = VenueOrder(
            clientOrderID: clientID, symbol: symbol, action: OrderAction(rawValue: row["action"]) ?? .buy,
            quantity: row["quantity"], referencePrice: row["reference_price"])
        execution = VenueExecution(
            clientOrderID: clientID, symbol: symbol, status: VenueOrderStatus(rawValue: row["status"]) ?? .rejected,
            executedQuantity: row["executed_quantity"], averagePrice: row["average_price"],
            commission: row["commission"], reason: row["reason"])
    }
}
