extension FakeBinanceExchange {
    func orderReply(method: String, path: String, _ parameters: [String: String]) -> FakeReply {
        guard let symbol = parameters["symbol"] else {
            if path == "/api/v3/openOrders" { return .ok(openOrders(symbol: nil)) }
            return .error(400, code: -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")
        }
        switch (method, path) {
        case ("POST", _): return newOrder(symbol: symbol, parameters)
        case ("GET", "/api/v3/openOrders"): return .ok(openOrders(symbol: symbol))
        case ("GET", _): return queryOrder(symbol: symbol, parameters)
        default: return cancelOrder(symbol: symbol, parameters)
        }
    }

    private func newOrder(symbol: String, _ parameters: [String: String]) -> FakeReply {
        guard let side = parameters["side"], side == "BUY" || side == "SELL" else {
            return .error(400, code: -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.")
        }
        let orderType = parameters["type"] ?? ""
        guard orderType == "MARKET" || orderType == "STOP_LOSS" else {
            return .error(400, code: -1116, "Invalid orderType.")
        }
        guard let quantity = parameters["quantity"].flatMap({ Double($0) }), quantity > 0 else {
            return .error(400, code: -1013, "Invalid quantity.")
        }
        let clientId = parameters["newClientOrderId"] ?? "fake-\(nextOrderId)"
        if let existing = orders[clientId], existing.isOpen {
            return .error(400, code: -2010, "Duplicate order sent.")
        }
        if let message = rejections[clientId] { return .error(400, code: -2010, message) }
        if orderType == "STOP_LOSS" {
            return newStopOrder(symbol: symbol, side: side, quantity: quantity, clientId: clientId, parameters)
        }
        if let refusal = oversold(symbol: symbol, side: side, quantity: quantity) { return refusal }
        if let failed = symbolRules[symbol]?.failure(quantity: quantity, price: prices[symbol] ?? defaultPrice) {
            return .error(400, code: -1013, "Filter failure: \(failed)")
        }
        let order = FakeOrder(
            orderId: nextOrderId, clientOrderId: clientId, symbol: symbol, side: side, quantity: quantity,
            price: prices[symbol] ?? defaultPrice, time: serverTime, states: scripts[clientId] ?? [.filled])
        nextOrderId += 1
        orders[clientId] = order
        placements[clientId, default: 0] += 1
        let type = parameters["newOrderRespType"] ?? "FULL"
        return .ok(order.newOrderResponse(type: type, commissionRate: commissionRate, commissionAsset: commissionAsset))
    }

    private func queryOrder(symbol: String, _ parameters: [String: String]) -> FakeReply {
        guard let key = orderKey(symbol: symbol, parameters) else {
            return .error(400, code: -2013, "Order does not exist.")
        }
        orders[key]?.advance()
        return .ok(orders[key]!.result())
    }

    private func cancelOrder(symbol: String, _ parameters: [String: String]) -> FakeReply {
        guard let key = orderKey(symbol: symbol, parameters), orders[key]!.isOpen else {
            return .error(400, code: -2011, "Unknown order sent.")
        }
        orders[key]!.cancel()
        var fields = orders[key]!.result()
        fields["origClientOrderId"] = key
        fields["clientOrderId"] = parameters["newClientOrderId"] ?? "cancel-\(orders[key]!.orderId)"
        fields["transactTime"] = serverTime
        for field in ["time", "updateTime", "isWorking", "workingTime", "stopPrice", "icebergQty"] {
            fields.removeValue(forKey: field)
        }
        return .ok(fields)
    }

    private func openOrders(symbol: String?) -> [[String: Any]] {
        orders.values.filter { $0.isOpen && (symbol == nil || $0.symbol == symbol) }
            .sorted { $0.orderId < $1.orderId }.map { $0.result() }
    }

    /// The client id of the order named by `origClientOrderId` or `orderId` on `symbol`.
    private func orderKey(symbol: String, _ parameters: [String: String]) -> String? {
        if let id = parameters["origClientOrderId"], orders[id]?.symbol == symbol { return id }
        if let orderId = parameters["orderId"].flatMap({ Int64($0) }) {
            return orders.first { $0.value.orderId == orderId && $0.value.symbol == symbol }?.key
        }
        return nil
    }
}
