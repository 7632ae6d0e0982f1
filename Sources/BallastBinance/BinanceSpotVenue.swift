import BallastPorts
import Foundation
import Logging

/// `OrderVenue` on Binance spot: MARKET and `STOP_LOSS` orders identified by their client order id.
///
/// Invariants: `submit` never places a second order for a client id Binance already knows — it
/// queries the id first and submits only on `-2013` (unknown); a `-2010 Duplicate order sent.`
/// (a retried POST whose first attempt reached the exchange) is resolved by querying again. Other
/// `-2010` rejections are returned as `.rejected` with the reason, not thrown. When a POST's outcome
/// is unknown (transport error, 5xx), `submit` backs off and queries again before resubmitting, up to
/// the client's `retryPolicy.maxAttempts`.
///
/// Venue rules (issue 16 item 2): before a POST, the order's quantity is rounded down to the symbol's
/// step and checked against its quantity and notional bounds (`BinanceSymbolRules`, from
/// exchangeInfo, cached in `rules`). An order that cannot meet them is not sent: it comes back
/// `.rejected` with reason `venue_filter: <filter>: <detail>`, which the live run journals in
/// `venue_orders`. A rejection by the venue for a filter (`-1013`, or `-2010` with "Filter failure")
/// is returned the same way and drops the cached rules, so the next order reads them afresh. When
/// exchangeInfo cannot be read, the order is sent unrounded (the venue still enforces its rules) and
/// a warning is logged.
public struct BinanceSpotVenue: OrderVenue {
    public let name = "binance"
    public let client: BinanceRESTClient
    /// Seconds between two status queries in `waitForFinal`.
    public let pollInterval: Double
    /// The symbols' trading rules, fetched once and refreshed after a filter rejection.
    public let rules: BinanceSymbolRulesCache
    private let sleeper: BinanceSleeper
    private let logger: Logger

    public init(
        client: BinanceRESTClient, pollInterval: Double = 0.5,
        sleeper: @escaping BinanceSleeper = BinanceSystem.sleeper,
        logger: Logger = Logger(label: "ballast.binance.venue")
    ) {
        self.client = client
        self.rules = BinanceSymbolRulesCache()
        self.pollInterval = pollInterval
        self.sleeper = sleeper
        self.logger = logger
    }

    public func submit(_ order: VenueOrder) async throws -> VenueExecution {
        var attempt = 0
        while true {
            attempt += 1
            if let known = try await status(clientOrderID: order.clientOrderID, symbol: order.symbol) {
                logger.info(
                    "Binance knows this client order id; not submitting it again",
                    metadata: ["client_order_id": "\(order.clientOrderID)", "status": "\(known.status.rawValue)"])
                return known
            }
            let admitted: VenueOrder
            switch await admit(order) {
            case .success(let ready): admitted = ready
            case .failure(let refusal): return refused(order, reason: refusal.description)
            }
            do {
                return try await place(admitted)
            } catch let error as BinanceError where error.isTransient && attempt < client.retryPolicy.maxAttempts {
                let wait = client.retryPolicy.backoff(afterAttempt: attempt)
                logger.warning(
                    "Binance order outcome unknown; querying it before any resubmission",
                    metadata: [
                        "client_order_id": "\(order.clientOrderID)", "error": "\(error)", "wait_s": "\(wait)",
                    ])
                try await sleeper(wait)
            }
        }
    }

    /// The order with its quantity rounded to the symbol's rules (and a stop order's `stopPrice`
    /// rounded down to the tick), or the rule it cannot meet.
    func admit(_ order: VenueOrder) async -> Result<VenueOrder, VenueFilterRefusal> {
        let symbolRules: BinanceSymbolRules?
        do {
            symbolRules = try await rules.rules(for: order.symbol, client: client)
        } catch {
            logger.warning(
                "Binance exchange info not read; sending the order unrounded",
                metadata: ["symbol": "\(order.symbol)", "error": "\(error)"])
            return .success(order)
        }
        guard let symbolRules else { return .success(order) }
        let stopPrice = order.stopPrice.map { symbolRules.roundPriceDown($0) }
        if let stopPrice, stopPrice <= 0 {
            return .failure(.init(filter: "PRICE_FILTER", detail: "stop price \(order.stopPrice ?? 0) rounds to 0"))
        }
        return symbolRules.admit(quantity: order.quantity, price: stopPrice ?? order.referencePrice).map { quantity in
            var rounded = order
            rounded.quantity = quantity
            rounded.stopPrice = stopPrice
            return rounded
        }
    }

    /// A `.rejected` execution for an order that was not sent (or that the venue refused for a filter).
    private func refused(_ order: VenueOrder, reason: String) -> VenueExecution {
        logger.warning(
            "order refused by the venue's rules",
            metadata: ["client_order_id": "\(order.clientOrderID)", "reason": "\(reason)"])
        return VenueExecution(
            clientOrderID: order.clientOrderID, symbol: order.symbol, status: .rejected, executedQuantity: 0,
            averagePrice: nil, reason: reason)
    }

    /// Posts the order; a `-2010` rejection becomes a `.rejected` execution, a duplicate is queried;
    /// a filter rejection (`-1013`, or "Filter failure") drops the cached rules.
    private func place(_ order: VenueOrder) async throws -> VenueExecution {
        do {
            let placed = try await client.newOrder(
                symbol: order.symbol, side: order.action, quantity: order.quantity, clientOrderID: order.clientOrderID,
                stopPrice: order.stopPrice)
            return placed.execution
        } catch let error as BinanceError
            where error.code == BinanceError.filterRejectedCode
            || (error.code == BinanceError.newOrderRejectedCode && "\(error)".contains("Filter failure"))
        {
            await rules.invalidate(order.symbol)
            guard case .api(_, let code, let message) = error else { throw error }
            return refused(order, reason: "venue_filter: \(code): \(message)")
        } catch let error as BinanceError where error.code == BinanceError.newOrderRejectedCode {
            guard case .api(_, let code, let message) = error else { throw error }
            if message == BinanceError.duplicateOrderMessage,
                let known = try await status(clientOrderID: order.clientOrderID, symbol: order.symbol)
            {
                return known
            }
            logger.warning(
                "Binance rejected an order",
                metadata: ["client_order_id": "\(order.clientOrderID)", "reason": "\(code): \(message)"])
            return VenueExecution(
                clientOrderID: order.clientOrderID, symbol: order.symbol, status: .rejected, executedQuantity: 0,
                averagePrice: nil, reason: "\(code): \(message)")
        }
    }

    /// The order's state; nil when Binance answers `-2013`. Binance's order query carries no fills
    /// (only the `FULL` new-order response does), so the commission of an order with an execution is
    /// read from its trades (`GET /api/v3/myTrades`) and converted to quote as the new-order path
    /// does: an order looked up after its answer was lost is journaled with the fee it was charged.
    public func status(clientOrderID: String, symbol: String) async throws -> VenueExecution? {
        guard var order = try await client.queryOrder(symbol: symbol, origClientOrderId: clientOrderID) else {
            return nil
        }
        if order.executedQty > 0, order.fills == nil {
            order.fills = try await client.myTrades(symbol: symbol, orderId: order.orderId).map(\.fill)
        }
        return order.execution
    }

    public func openOrders(symbols: [String]) async throws -> [VenueExecution] {
        var result: [VenueExecution] = []
        for symbol in symbols {
            result += try await client.openOrders(symbol: symbol).map(\.execution)
        }
        return result
    }

    /// Cancels an open order. When Binance refuses (`-2011`: already final), returns the order's
    /// current state if it knows the order, else throws. A part filled before the cancel carries its
    /// fees, read from the order's trades.
    public func cancel(clientOrderID: String, symbol: String) async throws -> VenueExecution {
        do {
            var order = try await client.cancelOrder(symbol: symbol, origClientOrderId: clientOrderID)
            if order.executedQty > 0, order.fills == nil {
                order.fills = try await client.myTrades(symbol: symbol, orderId: order.orderId).map(\.fill)
            }
            return order.execution
        } catch let error as BinanceError where error.code == BinanceError.cancelRejectedCode {
            if let known = try await status(clientOrderID: clientOrderID, symbol: symbol) { return known }
            throw error
        }
    }

    /// Polls the order every `pollInterval` seconds (through the injected sleeper) until it is final
    /// or `timeout` seconds of waiting have been spent. Returns the final state, else the last known
    /// one, nil when Binance never knew the order.
    public func waitForFinal(clientOrderID: String, symbol: String, timeout: Double) async throws -> VenueExecution? {
        var waited = 0.0
        var last: VenueExecution?
        while true {
            if let current = try await status(clientOrderID: clientOrderID, symbol: symbol) {
                last = current
                if !current.status.isOpen { return current }
            }
            guard waited + pollInterval <= timeout else { return last }
            try await sleeper(pollInterval)
            waited += pollInterval
        }
    }
}
