import BallastEngine

/// The `paper` venue: the ledger's execution model (SPEC §8) is the venue, so an order fills
/// whole at the price the ledger used (`referencePrice`). It keeps every order it saw, so a second
/// submission of a client order id returns the first answer and fills nothing twice.
public actor PaperVenue: OrderVenue {
    public nonisolated let name = "paper"
    private var orders: [String: VenueExecution] = [:]
    /// How many orders were accepted (each client id once).
    public private(set) var submissions = 0

    public init() {}

    public func submit(_ order: VenueOrder) -> VenueExecution {
        if let known = orders[order.clientOrderID] { return known }
        submissions += 1
        let execution: VenueExecution
        if order.quantity > 0, let price = order.referencePrice, price > 0 {
            execution = VenueExecution(
                clientOrderID: order.clientOrderID, symbol: order.symbol, status: .filled,
                executedQuantity: order.quantity, averagePrice: price)
        } else {
            execution = VenueExecution(
                clientOrderID: order.clientOrderID, symbol: order.symbol, status: .rejected, executedQuantity: 0,
                averagePrice: nil, reason: "paper: no quantity or reference price")
        }
        orders[order.clientOrderID] = execution
        return execution
    }

    public func status(clientOrderID: String, symbol: String) -> VenueExecution? { orders[clientOrderID] }

    public func openOrders(symbols: [String]) -> [VenueExecution] { [] }

    public func cancel(clientOrderID: String, symbol: String) -> VenueExecution {
        orders[clientOrderID]
            ?? VenueExecution(
                clientOrderID: clientOrderID, symbol: symbol, status: .rejected, executedQuantity: 0,
                averagePrice: nil, reason: "paper: unknown order")
    }
}
