import BallastPorts
import Foundation

/// A symbol's trading rules from `GET /api/v3/exchangeInfo`: the filters a MARKET order must meet.
///
/// Read: `LOT_SIZE` (step, min, max quantity), `MARKET_LOT_SIZE` (the same for MARKET orders; a
/// zero step or max means "not set", then `LOT_SIZE` applies), `PRICE_FILTER` (tick, min, max
/// price) and `MIN_NOTIONAL` / `NOTIONAL` (quantity × price bounds; only when `applyToMarket` /
/// `applyMinToMarket` is true, as Binance checks them for MARKET orders only then).
///
/// Invariant: `admit` is pure; the quantity it returns is a multiple of the step (rounded down,
/// never up: a MARKET order never buys or sells more than the ledger asked) within every bound, or
/// it returns the first rule the order cannot meet (an order above the maximum is refused, not cut).
public struct BinanceSymbolRules: Sendable, Equatable {
    public var symbol: String
    /// Quantity step (0: none), from `MARKET_LOT_SIZE` when set, else `LOT_SIZE`.
    public var stepSize: Double = 0
    public var minQuantity: Double = 0
    /// 0: no maximum.
    public var maxQuantity: Double = 0
    /// Price tick (0: none), from `PRICE_FILTER`.
    public var tickSize: Double = 0
    /// Smallest quantity × price a MARKET order may have (0: none).
    public var minNotional: Double = 0
    /// Largest quantity × price a MARKET order may have (0: none).
    public var maxNotional: Double = 0
    /// The symbol's `baseAsset` and `quoteAsset` (nil when exchangeInfo does not name them).
    public var assets: SymbolAssets?
    /// The symbol's `orderTypes` (`MARKET`, `STOP_LOSS`, …); nil when exchangeInfo does not list them.
    public var orderTypes: [String]?

    public init(
        symbol: String, stepSize: Double = 0, minQuantity: Double = 0, maxQuantity: Double = 0,
        tickSize: Double = 0, minNotional: Double = 0, maxNotional: Double = 0
    ) {
        self.symbol = symbol
        self.stepSize = stepSize
        self.minQuantity = minQuantity
        self.maxQuantity = maxQuantity
        self.tickSize = tickSize
        self.minNotional = minNotional
        self.maxNotional = maxNotional
    }

    /// The quantity to send for a MARKET order of `quantity` at about `price` (nil: unknown, the
    /// notional bounds are then not checked), or the rule it cannot meet.
    public func admit(quantity: Double, price: Double?) -> Result<Double, VenueFilterRefusal> {
        let rounded = Self.roundDown(quantity, step: stepSize)
        guard rounded > 0 else {
            return .failure(.init(filter: "LOT_SIZE", detail: "quantity \(quantity) rounds to 0 at step \(stepSize)"))
        }
        if minQuantity > 0, rounded < minQuantity * (1 - 1e-12) {
            return .failure(.init(filter: "LOT_SIZE", detail: "quantity \(rounded) below the minimum \(minQuantity)"))
        }
        if maxQuantity > 0, rounded > maxQuantity * (1 + 1e-12) {
            return .failure(.init(filter: "LOT_SIZE", detail: "quantity \(rounded) above the maximum \(maxQuantity)"))
        }
        if let price, price > 0 {
            let notional = rounded * price
            if minNotional > 0, notional < minNotional * (1 - 1e-12) {
                return .failure(
                    .init(
                        filter: "NOTIONAL",
                        detail: "notional \(BinanceDecimal.format(notional)) below the minimum \(minNotional)"))
            }
            if maxNotional > 0, notional > maxNotional {
                return .failure(
                    .init(
                        filter: "NOTIONAL",
                        detail: "notional \(BinanceDecimal.format(notional)) above the maximum \(maxNotional)"))
            }
        }
        return .success(rounded)
    }

    /// `price` rounded to the nearest tick (for priced orders; a MARKET order carries no price).
    public func roundPrice(_ price: Double) -> Double {
        guard tickSize > 0 else { return price }
        return ((price / tickSize).rounded() * tickSize * 1e12).rounded() / 1e12
    }

    /// `price` rounded down to a tick (a sell stop's `stopPrice`: never above the ledger's stop, so
    /// never tighter than it).
    public func roundPriceDown(_ price: Double) -> Double {
        Self.roundDown(price, step: tickSize)
    }

    /// True when the symbol accepts Binance `STOP_LOSS` orders (its `orderTypes` list it).
    public var acceptsStopLoss: Bool { orderTypes?.contains("STOP_LOSS") ?? false }

    /// `value` rounded down to a multiple of `step`, tolerant of binary noise (0.3 / 0.1 is 2.999…).
    static func roundDown(_ value: Double, step: Double) -> Double {
        guard step > 0 else { return value }
        let steps = (value / step + 1e-9).rounded(.down)
        return (steps * step * 1e12).rounded() / 1e12
    }

    /// Parses the `symbols[]` entry of an exchangeInfo answer for `symbol`; nil when absent.
    static func parse(exchangeInfo body: Data, symbol: String) throws -> BinanceSymbolRules? {
        struct Info: Decodable { var symbols: [Entry] }
        struct Entry: Decodable {
            var symbol: String
            var baseAsset, quoteAsset: String?
            var orderTypes: [String]?
            var filters: [Filter]
        }
        struct Filter: Decodable {
            var filterType: String
            var stepSize, minQty, maxQty, tickSize, minNotional, maxNotional: String?
            var applyToMarket, applyMinToMarket, applyMaxToMarket: Bool?
        }
        let info = try JSONDecoder().decode(Info.self, from: body)
        guard let entry = info.symbols.first(where: { $0.symbol == symbol }) else { return nil }
        func number(_ text: String?) -> Double { text.flatMap { Double($0) } ?? 0 }
        var rules = BinanceSymbolRules(symbol: symbol)
        if let base = entry.baseAsset, let quote = entry.quoteAsset {
            rules.assets = SymbolAssets(base: base, quote: quote)
        }
        rules.orderTypes = entry.orderTypes
        var market: Filter?
        for filter in entry.filters {
            switch filter.filterType {
            case "LOT_SIZE":
                rules.stepSize = number(filter.stepSize)
                rules.minQuantity = number(filter.minQty)
                rules.maxQuantity = number(filter.maxQty)
            case "MARKET_LOT_SIZE":
                market = filter
            case "PRICE_FILTER":
                rules.tickSize = number(filter.tickSize)
            case "MIN_NOTIONAL" where filter.applyToMarket ?? true:
                rules.minNotional = max(rules.minNotional, number(filter.minNotional))
            case "NOTIONAL":
                if filter.applyMinToMarket ?? true {
                    rules.minNotional = max(rules.minNotional, number(filter.minNotional))
                }
                if filter.applyMaxToMarket ?? false { rules.maxNotional = number(filter.maxNotional) }
            default:
                break
            }
        }
        if let market {
            if number(market.stepSize) > 0 { rules.stepSize = number(market.stepSize) }
            if number(market.minQty) > 0 { rules.minQuantity = max(rules.minQuantity, number(market.minQty)) }
            if number(market.maxQty) > 0 {
                rules.maxQuantity =
                    rules.maxQuantity > 0 ? min(rules.maxQuantity, number(market.maxQty)) : number(market.maxQty)
            }
        }
        return rules
    }
}

/// Why an order was not sent: the filter it cannot meet, journaled as reason `venue_filter: …`.
public struct VenueFilterRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var filter: String
    public var detail: String

    public var description: String { "venue_filter: \(filter): \(detail)" }
}
