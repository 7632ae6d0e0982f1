import BallastEngine

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
    /// A stop order that filled: the key of the position's exit its execution is booked as (nil
    /// for a market order, and for a stop that has not filled).
    public var exitKey: String?

    public init(
        runID: Int64, venue: String, key: String, fillSeq: Int?, strategyID: String, order: VenueOrder,
        execution: VenueExecution, exitKey: String? = nil
    ) {
        self.runID = runID
        self.venue = venue
        self.key = key
        self.fillSeq = fillSeq
        self.strategyID = strategyID
        self.order = order
        self.execution = execution
        self.exitKey = exitKey
    }

    /// Reads a `venue_orders` row; an action or status this build does not know is
    /// `StoreError.invalidData` naming the column (never a silent default).
    init(_ row: StoredRow) throws(StoreError) {
        let clientID: String = try row.value("client_order_id")
        let symbol: String = try row.value("symbol")
        runID = try row.value("run_id")
        venue = try row.value("venue")
        key = try row.value("order_key")
        fillSeq = try row.value("fill_seq")
        strategyID = try row.value("strategy_id")
        order = VenueOrder(
            clientOrderID: clientID, symbol: symbol, action: try row.raw("action"),
            quantity: try row.value("quantity"), referencePrice: try row.value("reference_price"),
            stopPrice: try row.value("stop_price"))
        execution = VenueExecution(
            clientOrderID: clientID, symbol: symbol, status: try row.raw("status"),
            executedQuantity: try row.value("executed_quantity"), averagePrice: try row.value("average_price"),
            commission: try row.value("commission"), reason: try row.value("reason"))
        exitKey = try row.value("exit_key")
    }
}
