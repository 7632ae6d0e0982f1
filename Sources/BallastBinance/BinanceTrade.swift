/// One trade of an order, as `GET /api/v3/myTrades` returns it: what a looked-up order's fees are
/// read from (the order query carries none).
public struct BinanceTrade: Sendable, Equatable, Decodable {
    public var orderId: Int64
    public var price: Double
    public var qty: Double
    public var commission: Double
    public var commissionAsset: String

    enum CodingKeys: String, CodingKey { case orderId, price, qty, commission, commissionAsset }

    public init(orderId: Int64, price: Double, qty: Double, commission: Double, commissionAsset: String) {
        self.orderId = orderId
        self.price = price
        self.qty = qty
        self.commission = commission
        self.commissionAsset = commissionAsset
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        orderId = try c.decode(Int64.self, forKey: .orderId)
        price = try c.decodeDecimal(.price)
        qty = try c.decodeDecimal(.qty)
        commission = try c.decodeDecimal(.commission)
        commissionAsset = try c.decode(String.self, forKey: .commissionAsset)
    }

    /// The trade as a fill of a `FULL` new-order response (the same commission rules apply).
    public var fill: BinanceOrder.Fill {
        BinanceOrder.Fill(price: price, qty: qty, commission: commission, commissionAsset: commissionAsset)
    }
}
