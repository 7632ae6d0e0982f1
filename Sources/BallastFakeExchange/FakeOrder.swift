/// An order held by the fake exchange.
struct FakeOrder: Sendable {
    var orderId: Int64
    var clientOrderId: String
    var symbol: String
    var side: String
    var quantity: Double
    var price: Double
    var time: Int64
    /// Scripted states: `states[step]` is the current one.
    var states: [FakeOrderState]
    var step = 0
    /// Set by a cancel; overrides the script.
    var canceled = false
    /// `MARKET` or `STOP_LOSS`.
    var type = "MARKET"
    /// A `STOP_LOSS` order's trigger price (nil for a MARKET order).
    var stopPrice: Double?

    /// The fraction filled when the order was cancelled (a cancel keeps what already filled).
    var filledAtCancel = 0.0

    var state: FakeOrderState { canceled ? .canceled : states[min(step, states.count - 1)] }
    var executedQty: Double { quantity * (canceled ? filledAtCancel : state.filledFraction) }

    /// Cancels the order, keeping what already filled.
    mutating func cancel() {
        filledAtCancel = state.filledFraction
        canceled = true
    }
    var quoteQty: Double { executedQty * price }
    var isOpen: Bool {
        switch state {
        case .new, .partiallyFilled: true
        case .filled, .canceled, .expired: false
        }
    }

    /// Moves to the next scripted state (a status query does this).
    mutating func advance() {
        if !canceled && step < states.count - 1 { step += 1 }
    }

    /// The `RESULT` fields (query, open orders).
    func result() -> [String: Any] {
        [
            "symbol": symbol, "orderId": orderId, "orderListId": -1, "clientOrderId": clientOrderId,
            "price": FakeWire.decimal(0), "origQty": FakeWire.decimal(quantity),
            "executedQty": FakeWire.decimal(executedQty), "cummulativeQuoteQty": FakeWire.decimal(quoteQty),
            "status": state.binanceStatus, "timeInForce": "GTC", "type": type, "side": side,
            "stopPrice": FakeWire.decimal(stopPrice ?? 0), "icebergQty": FakeWire.decimal(0), "time": time,
            "updateTime": time,
            "isWorking": true, "workingTime": time, "origQuoteOrderQty": FakeWire.decimal(0),
            "selfTradePreventionMode": "NONE",
        ]
    }

    /// The new-order response of type `ACK`, `RESULT` or `FULL` (with one fill for what is filled).
    func newOrderResponse(type: String, commissionRate: Double, commissionAsset: String) -> [String: Any] {
        if type == "ACK" {
            return [
                "symbol": symbol, "orderId": orderId, "orderListId": -1, "clientOrderId": clientOrderId,
                "transactTime": time,
            ]
        }
        var fields = result()
        fields["transactTime"] = time
        for key in ["time", "updateTime", "isWorking", "stopPrice", "icebergQty", "origQuoteOrderQty"] {
            fields.removeValue(forKey: key)
        }
        if type == "FULL" {
            fields["fills"] =
                executedQty > 0
                ? [
                    [
                        "price": FakeWire.decimal(price), "qty": FakeWire.decimal(executedQty),
                        "commission": FakeWire.decimal(quoteQty * commissionRate), "commissionAsset": commissionAsset,
                        "tradeId": orderId,
                    ] as [String: Any]
                ] : [[String: Any]]()
        }
        return fields
    }
}
