/// Buy or sell, as a venue sees an order (a short entry is a sell, its exit a buy).
public enum OrderAction: String, Sendable, Codable, Equatable {
    case buy
    case sell
}

/// A market order for a venue, or a stop order (`stopPrice` set: a market order the venue triggers
/// when the price trades through the stop). The client order id is deterministic (derived from the
/// run and the order's journal sequence), so a restarted run that re-derives an order finds it at the
/// venue instead of submitting it twice.
public struct VenueOrder: Sendable, Equatable, Codable {
    /// At most 36 characters of `[A-Za-z0-9._:/-]` (Binance's rule).
    public var clientOrderID: String
    public var symbol: String
    public var action: OrderAction
    /// In base-asset units, > 0.
    public var quantity: Double
    /// The price the ledger's execution model used (the paper venue fills at it); nil when unknown.
    public var referencePrice: Double?
    /// nil for a market order; for a stop order (Binance `STOP_LOSS`), the price whose trade triggers
    /// it, as the ledger has it (the venue rounds it to its tick: down for a sell stop). > 0.
    public var stopPrice: Double?

    public init(
        clientOrderID: String, symbol: String, action: OrderAction, quantity: Double, referencePrice: Double? = nil,
        stopPrice: Double? = nil
    ) {
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.action = action
        self.quantity = quantity
        self.referencePrice = referencePrice
        self.stopPrice = stopPrice
    }

    /// True for a stop order.
    public var isStop: Bool { stopPrice != nil }
}

/// An order's state at a venue.
public enum VenueOrderStatus: String, Sendable, Codable, Equatable {
    case new
    case partiallyFilled = "partially_filled"
    case filled
    case canceled
    case rejected
    case expired

    /// True when the order can still fill.
    public var isOpen: Bool { self == .new || self == .partiallyFilled }
}

/// What a venue says about one order.
public struct VenueExecution: Sendable, Equatable, Codable {
    public var clientOrderID: String
    public var symbol: String
    public var status: VenueOrderStatus
    /// Base-asset quantity filled so far.
    public var executedQuantity: Double
    /// Volume-weighted average fill price, nil while nothing filled.
    public var averagePrice: Double?
    /// Fees charged so far, in quote currency.
    public var commission: Double
    /// The venue's reason when rejected (code and message).
    public var reason: String?

    public init(
        clientOrderID: String, symbol: String, status: VenueOrderStatus, executedQuantity: Double,
        averagePrice: Double?, commission: Double = 0, reason: String? = nil
    ) {
        self.clientOrderID = clientOrderID
        self.symbol = symbol
        self.status = status
        self.executedQuantity = executedQuantity
        self.averagePrice = averagePrice
        self.commission = commission
        self.reason = reason
    }
}

/// Where a live run's orders go: the paper venue (SPEC §8 on live bars) or an exchange.
///
/// Contract: `submit` is idempotent by client order id — when the venue already knows the id it
/// returns that order's state and submits nothing. Rejections are returned (status `rejected` with a
/// reason), not thrown; thrown errors are transport or authentication failures after retries.
public protocol OrderVenue: Sendable {
    /// `paper`, `binance`, … (journaled with each order).
    var name: String { get }
    /// True when the venue executes orders itself (an exchange): the ledger then fills at its
    /// executions, and orders go out at decision time. False for the paper venue, which mirrors the
    /// ledger's SPEC §8 fills.
    var isExternal: Bool { get }
    func submit(_ order: VenueOrder) async throws -> VenueExecution
    /// The order with this client id, nil when the venue never saw it.
    func status(clientOrderID: String, symbol: String) async throws -> VenueExecution?
    /// Orders still open (new or partially filled) on these symbols.
    func openOrders(symbols: [String]) async throws -> [VenueExecution]
    func cancel(clientOrderID: String, symbol: String) async throws -> VenueExecution
    /// Polls an order until it is final or `timeout` seconds of waiting have passed; returns the
    /// final state, else the last known one (nil when the venue never saw it).
    func waitForFinal(clientOrderID: String, symbol: String, timeout: Double) async throws -> VenueExecution?
}

/// A venue that can rest stop orders (`VenueOrder.stopPrice`): an exchange whose symbols list the
/// order type. The paper venue is not one.
public protocol StopOrderVenue: OrderVenue {
    /// The symbols among `symbols` on which the venue does not accept stop orders (empty: all do).
    func symbolsWithoutStopOrders(_ symbols: [String]) async throws -> [String]
}

extension OrderVenue {
    public var isExternal: Bool { false }

    /// A venue whose orders are final at once answers with its current state.
    public func waitForFinal(clientOrderID: String, symbol: String, timeout: Double) async throws -> VenueExecution? {
        try await status(clientOrderID: clientOrderID, symbol: symbol)
    }
}
