/// `GET /api/v3/myTrades` (signed): the trades of the account on a symbol, in Binance's format. Each
/// order with an execution is one trade (its executed quantity at its price), with the commission
/// the exchange charged (`commissionRate` × quote quantity, in `commissionAsset`), as the `FULL`
/// new-order response reports it.
extension FakeBinanceExchange {
    func myTradesReply(_ parameters: [String: String]) -> FakeReply {
        guard let symbol = parameters["symbol"] else {
            return .error(400, code: -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.")
        }
        let orderId = parameters["orderId"].flatMap { Int64($0) }
        let trades: [[String: Any]] = orders.values
            .filter { $0.symbol == symbol && $0.executedQty > 0 && (orderId == nil || $0.orderId == orderId) }
            .sorted { $0.orderId < $1.orderId }
            .map { order in
                [
                    "symbol": order.symbol, "id": order.orderId, "orderId": order.orderId, "orderListId": -1,
                    "price": FakeWire.decimal(order.price), "qty": FakeWire.decimal(order.executedQty),
                    "quoteQty": FakeWire.decimal(order.quoteQty),
                    "commission": FakeWire.decimal(order.quoteQty * commissionRate),
                    "commissionAsset": commissionAsset, "time": order.time, "isBuyer": order.side == "BUY",
                    "isMaker": false, "isBestMatch": true,
                ]
            }
        return .ok(trades)
    }
}
