/// `STOP_LOSS` orders (issue 16 item 3): a sell stop rests as `NEW` (its quantity locked in the base
/// asset: free decreases), is listed by openOrders and cancellable, and fills as a market sell at the
/// symbol's price once that price (`setPrice`) trades at or below its `stopPrice`. A stop whose price
/// has already traded through is refused (`-2010 Stop price would trigger immediately.`), as is a
/// `stopPrice` off the symbol's tick (`-1013 Filter failure: PRICE_FILTER`) and, on a symbol whose
/// `orderTypes` omit it, the type itself (`-1116`). With `setChecksFreeBalance(true)`, a sell larger
/// than the free balance is rejected (`-2010 Account has insufficient balance for requested action.`).
extension FakeBinanceExchange {
    /// What exchangeInfo lists as a symbol's `orderTypes` unless `setOrderTypes` says otherwise.
    public static let defaultOrderTypes = [
        "LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT",
    ]

    /// Serves `types` as the symbol's `orderTypes` (and refuses the order types it omits).
    public func setOrderTypes(_ types: [String], symbol: String) { orderTypes[symbol] = types }

    /// Rejects sells larger than the free balance when `on` (off by default).
    public func setChecksFreeBalance(_ on: Bool) { checksFreeBalance = on }

    /// Once `count` stop orders were placed on `symbol`, its price moves to `price` (triggering the
    /// stops it trades through): a market move between two bar groups, while Ballast runs.
    public func scriptPriceMove(afterStopPlacements count: Int, to price: Double, symbol: String) {
        stopPriceMoves[symbol] = (count, price)
    }

    /// Cancels an open order as a person on the website would (no request recorded).
    public func cancelByHand(clientOrderID: String) {
        guard orders[clientOrderID]?.isOpen == true else { return }
        orders[clientOrderID]?.cancel()
    }

    /// A resting stop sells `fraction` of its quantity at `price` and stays open for the rest
    /// (`PARTIALLY_FILLED`): a thin market that traded through the stop and came back. The symbol's
    /// price is not changed.
    public func fillStopPartially(clientOrderID: String, fraction: Double, price: Double) {
        guard let order = orders[clientOrderID], order.type == "STOP_LOSS", order.isOpen else { return }
        orders[clientOrderID]?.states = [.partiallyFilled(fraction)]
        orders[clientOrderID]?.step = 0
        orders[clientOrderID]?.price = price
        orders[clientOrderID]?.time = serverTime
    }

    /// The stop orders held, open or not, oldest first.
    public var stopOrders: [(clientOrderID: String, side: String, quantity: Double, stopPrice: Double, status: String)]
    {
        orders.values.filter { $0.type == "STOP_LOSS" }.sorted { $0.orderId < $1.orderId }.map {
            ($0.clientOrderId, $0.side, $0.quantity, $0.stopPrice ?? 0, $0.state.binanceStatus)
        }
    }

    func newStopOrder(
        symbol: String, side: String, quantity: Double, clientId: String, _ parameters: [String: String]
    ) -> FakeReply {
        guard (orderTypes[symbol] ?? Self.defaultOrderTypes).contains("STOP_LOSS") else {
            return .error(400, code: -1116, "Invalid orderType.")
        }
        guard let stopPrice = parameters["stopPrice"].flatMap({ Double($0) }), stopPrice > 0 else {
            return .error(
                400, code: -1102, "Mandatory parameter 'stopPrice' was not sent, was empty/null, or malformed.")
        }
        if let tick = symbolRules[symbol]?.tickSize, tick > 0 {
            let ticks = stopPrice / tick
            if abs(ticks - ticks.rounded()) > 1e-6 { return .error(400, code: -1013, "Filter failure: PRICE_FILTER") }
        }
        let price = prices[symbol] ?? defaultPrice
        if (side == "SELL" && price <= stopPrice) || (side == "BUY" && price >= stopPrice) {
            return .error(400, code: -2010, "Stop price would trigger immediately.")
        }
        if let failed = symbolRules[symbol]?.failure(quantity: quantity, price: stopPrice) {
            return .error(400, code: -1013, "Filter failure: \(failed)")
        }
        if let refusal = oversold(symbol: symbol, side: side, quantity: quantity) { return refusal }
        var order = FakeOrder(
            orderId: nextOrderId, clientOrderId: clientId, symbol: symbol, side: side, quantity: quantity,
            price: stopPrice, time: serverTime, states: [.new])
        order.type = "STOP_LOSS"
        order.stopPrice = stopPrice
        nextOrderId += 1
        orders[clientId] = order
        placements[clientId, default: 0] += 1
        let type = parameters["newOrderRespType"] ?? "FULL"
        let reply = FakeReply.ok(
            order.newOrderResponse(type: type, commissionRate: commissionRate, commissionAsset: commissionAsset))
        if let move = stopPriceMoves[symbol],
            orders.values.filter({ $0.type == "STOP_LOSS" && $0.symbol == symbol }).count >= move.afterPlacements
        {
            stopPriceMoves[symbol] = nil
            setPrice(move.price, symbol: symbol)
        }
        return reply
    }

    /// Fills every open stop on `symbol` that the symbol's price has traded through, at that price.
    func triggerStops(symbol: String) {
        guard let price = prices[symbol] else { return }
        for (id, order) in orders where order.type == "STOP_LOSS" && order.symbol == symbol && order.isOpen {
            guard let stop = order.stopPrice else { continue }
            let crossed = order.side == "SELL" ? price <= stop : price >= stop
            guard crossed else { continue }
            orders[id]?.states = [.filled]
            orders[id]?.step = 0
            orders[id]?.price = price
            orders[id]?.time = serverTime
        }
    }

    /// What open sell stops lock of `asset` (their unfilled quantity).
    func lockedByStops(asset: String) -> Double {
        orders.values.filter {
            $0.type == "STOP_LOSS" && $0.side == "SELL" && $0.isOpen && Self.assets(of: $0.symbol).base == asset
        }.reduce(0) { $0 + $1.quantity - $1.executedQty }
    }

    /// The refusal of a sell larger than the free base balance, when the exchange checks it.
    func oversold(symbol: String, side: String, quantity: Double) -> FakeReply? {
        guard checksFreeBalance, side == "SELL" else { return nil }
        let base = Self.assets(of: symbol).base
        let free = (balances()[base] ?? 0) - lockedByStops(asset: base)
        guard quantity > free + 1e-9 else { return nil }
        return .error(400, code: -2010, "Account has insufficient balance for requested action.")
    }
}
