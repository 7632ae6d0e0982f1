import Foundation

/// Balances and orders placed by others (issue 16 item 1): `GET /api/v3/account` answers the
/// balances an account started with (`setBalance`) moved by every order's executed part — a buy
/// adds its quantity to the base asset and takes its quote quantity from the quote asset, a sell the
/// reverse — and by its commission (in `commissionAsset`). Assets come from the symbol's name
/// (`assets(of:)`), as exchangeInfo serves them.
extension FakeBinanceExchange {
    /// Quote assets recognised at the end of a symbol.
    static let quoteAssets = ["USDT", "FDUSD", "USDC", "BUSD", "BTC", "ETH", "BNB", "EUR"]

    /// The symbol's base and quote asset (`BTCUSDT`: `BTC`, `USDT`); the whole symbol and `USDT`
    /// when no known quote asset ends it.
    public static func assets(of symbol: String) -> (base: String, quote: String) {
        guard let quote = quoteAssets.first(where: { symbol.hasSuffix($0) && symbol != $0 }) else {
            return (symbol, "USDT")
        }
        return (String(symbol.dropLast(quote.count)), quote)
    }

    /// The account starts with `amount` of `asset` (free); orders move it from there.
    public func setBalance(_ amount: Double, asset: String) { startingBalances[asset] = amount }

    /// The account's balance of every asset now: the starting balances moved by the orders' fills.
    public func balances() -> [String: Double] {
        var balances = startingBalances
        for order in orders.values where order.executedQty > 0 {
            let (base, quote) = Self.assets(of: order.symbol)
            let sign: Double = order.side == "BUY" ? 1 : -1
            balances[base, default: 0] += sign * order.executedQty
            balances[quote, default: 0] -= sign * order.quoteQty
            balances[commissionAsset, default: 0] -= order.quoteQty * commissionRate
        }
        return balances
    }

    /// An order placed by someone else (another program, a person on the website): open, unfilled,
    /// on `symbol`.
    public func placeForeignOrder(clientOrderID: String, symbol: String, side: String = "BUY", quantity: Double) {
        orders[clientOrderID] = FakeOrder(
            orderId: nextOrderId, clientOrderId: clientOrderID, symbol: symbol, side: side, quantity: quantity,
            price: prices[symbol] ?? defaultPrice, time: serverTime, states: [.new])
        nextOrderId += 1
    }

    /// `GET /api/v3/account` (signed): Binance's answer, `balances` as decimal strings (`locked`: what
    /// resting sell stops hold, `free` the rest), zero balances left out when `omitZeroBalances=true`.
    func accountReply(_ parameters: [String: String]) -> FakeReply {
        let omitZero = parameters["omitZeroBalances"] == "true"
        let rows: [[String: Any]] = balances().sorted { $0.key < $1.key }
            .filter { !omitZero || abs($0.value) > 1e-12 }
            .map { asset, total in
                let locked = lockedByStops(asset: asset)
                return [
                    "asset": asset, "free": FakeWire.decimal(total - locked), "locked": FakeWire.decimal(locked),
                ]
            }
        return .ok([
            "makerCommission": 10, "takerCommission": 10, "canTrade": true, "canWithdraw": false,
            "canDeposit": true, "accountType": "SPOT", "updateTime": serverTime, "balances": rows,
            "permissions": ["SPOT"],
        ])
    }
}
