import Foundation

/// A symbol's filters as the fake exchange serves them in `GET /api/v3/exchangeInfo` and enforces
/// them on `POST /api/v3/order` (`-1013 Filter failure: …`, as Binance does). Zero means "not set".
public struct FakeSymbolRules: Sendable, Equatable {
    /// `LOT_SIZE`.
    public var stepSize, minQuantity, maxQuantity: Double
    /// `MARKET_LOT_SIZE` (served; a MARKET order is checked against it when its step is set).
    public var marketStepSize: Double
    /// `PRICE_FILTER`.
    public var tickSize: Double
    /// `NOTIONAL` (applied to MARKET orders at the symbol's price).
    public var minNotional: Double

    public init(
        stepSize: Double = 0, minQuantity: Double = 0, maxQuantity: Double = 0, marketStepSize: Double = 0,
        tickSize: Double = 0, minNotional: Double = 0
    ) {
        self.stepSize = stepSize
        self.minQuantity = minQuantity
        self.maxQuantity = maxQuantity
        self.marketStepSize = marketStepSize
        self.tickSize = tickSize
        self.minNotional = minNotional
    }

    /// The `filters` array of the symbol's exchangeInfo entry.
    var filters: [[String: Any]] {
        [
            [
                "filterType": "PRICE_FILTER", "minPrice": "0.01000000", "maxPrice": "1000000.00000000",
                "tickSize": FakeWire.decimal(tickSize),
            ],
            [
                "filterType": "LOT_SIZE", "minQty": FakeWire.decimal(minQuantity),
                "maxQty": FakeWire.decimal(maxQuantity), "stepSize": FakeWire.decimal(stepSize),
            ],
            [
                "filterType": "MARKET_LOT_SIZE", "minQty": "0.00000000", "maxQty": "0.00000000",
                "stepSize": FakeWire.decimal(marketStepSize),
            ],
            [
                "filterType": "NOTIONAL", "minNotional": FakeWire.decimal(minNotional), "applyMinToMarket": true,
                "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5,
            ],
        ]
    }

    /// The filter a MARKET order of `quantity` at `price` fails, nil when it passes.
    func failure(quantity: Double, price: Double) -> String? {
        let step = marketStepSize > 0 ? marketStepSize : stepSize
        if step > 0 {
            let steps = quantity / step
            if abs(steps - steps.rounded()) > 1e-6 { return marketStepSize > 0 ? "MARKET_LOT_SIZE" : "LOT_SIZE" }
        }
        if minQuantity > 0, quantity < minQuantity * (1 - 1e-12) { return "LOT_SIZE" }
        if maxQuantity > 0, quantity > maxQuantity * (1 + 1e-12) { return "LOT_SIZE" }
        if minNotional > 0, quantity * price < minNotional * (1 - 1e-12) { return "NOTIONAL" }
        return nil
    }
}
