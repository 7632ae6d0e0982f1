import BallastPorts
import Foundation

/// An order as Binance's order endpoints return it (new order with `FULL` response, query, cancel,
/// open orders). Quantities and prices arrive as decimal strings.
public struct BinanceOrder: Sendable, Equatable, Decodable {
    /// One fill of a `FULL` new-order response.
    public struct Fill: Sendable, Equatable, Decodable {
        public var price: Double
        public var qty: Double
        public var commission: Double
        public var commissionAsset: String

        public init(price: Double, qty: Double, commission: Double, commissionAsset: String) {
            self.price = price
            self.qty = qty
            self.commission = commission
            self.commissionAsset = commissionAsset
        }

        enum CodingKeys: String, CodingKey { case price, qty, commission, commissionAsset }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            price = try c.decodeDecimal(.price)
            qty = try c.decodeDecimal(.qty)
            commission = try c.decodeDecimal(.commission)
            commissionAsset = try c.decode(String.self, forKey: .commissionAsset)
        }
    }

    public var symbol: String
    public var orderId: Int64
    /// The order's client id (for a cancel response: the original id, not the cancel's).
    public var clientOrderId: String
    /// `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `REJECTED`, `EXPIRED`, `EXPIRED_IN_MATCH`, …
    public var status: String
    public var origQty: Double
    public var executedQty: Double
    public var cummulativeQuoteQty: Double
    public var side: String
    public var fills: [Fill]?

    enum CodingKeys: String, CodingKey {
        case symbol, orderId, clientOrderId, origClientOrderId, status, origQty, executedQty, cummulativeQuoteQty
        case side, fills
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        symbol = try c.decode(String.self, forKey: .symbol)
        orderId = try c.decode(Int64.self, forKey: .orderId)
        clientOrderId =
            try c.decodeIfPresent(String.self, forKey: .origClientOrderId)
            ?? c.decode(String.self, forKey: .clientOrderId)
        status = try c.decode(String.self, forKey: .status)
        origQty = try c.decodeDecimal(.origQty)
        executedQty = try c.decodeDecimal(.executedQty)
        cummulativeQuoteQty = try c.decodeDecimal(.cummulativeQuoteQty)
        side = try c.decode(String.self, forKey: .side)
        fills = try c.decodeIfPresent([Fill].self, forKey: .fills)
    }

    /// Ballast's status for Binance's (`EXPIRED_IN_MATCH` and unknown final states map to `expired`,
    /// `PENDING_NEW` to `new`).
    public var venueStatus: VenueOrderStatus {
        switch status {
        case "NEW", "PENDING_NEW": .new
        case "PARTIALLY_FILLED": .partiallyFilled
        case "FILLED": .filled
        case "CANCELED", "PENDING_CANCEL": .canceled
        case "REJECTED": .rejected
        default: .expired
        }
    }

    /// `cummulativeQuoteQty / executedQty`, nil while nothing filled.
    public var averagePrice: Double? {
        executedQty > 0 ? cummulativeQuoteQty / executedQty : nil
    }

    /// Fees from `fills`, in quote currency: a fee in the quote asset counts as is, one in the base
    /// asset is converted at the fill price; a fee in a third asset (BNB) counts as its raw amount.
    public var commissionInQuote: Double {
        (fills ?? []).reduce(0) { total, fill in
            let asset = fill.commissionAsset
            if symbol.hasPrefix(asset) && !symbol.hasSuffix(asset) {
                return total + fill.commission * fill.price
            }
            return total + fill.commission
        }
    }

    /// What `OrderVenue` reports for this order.
    public var execution: VenueExecution {
        VenueExecution(
            clientOrderID: clientOrderId, symbol: symbol, status: venueStatus, executedQuantity: executedQty,
            averagePrice: averagePrice, commission: commissionInQuote)
    }
}

extension KeyedDecodingContainer {
    /// A decimal sent as a string (`"0.00100000"`), or as a plain number.
    func decodeDecimal(_ key: Key) throws -> Double {
        if let text = try? decode(String.self, forKey: key) {
            guard let value = Double(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: self, debugDescription: "not a decimal number: \(text)")
            }
            return value
        }
        return try decode(Double.self, forKey: key)
    }
}
