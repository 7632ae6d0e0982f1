import BallastCore

/// One closed trade (a round trip: entry fill to exit fill) as the trade statistics of SPEC §14
/// see it.
///
/// Invariants (checked by the initialiser, which traps on a violation): `entryPrice` and `quantity`
/// are finite and > 0, `exitPrice` and `pnl` are finite, `entryTime <= exitTime`, and
/// `returnFraction == pnl / (entryPrice × quantity)`.
///
/// Encodes with snake_case keys: `entry_time`, `exit_time` (Unix seconds), `side`, `entry_price`,
/// `exit_price`, `quantity`, `pnl`, `return_fraction`, `exit_reason`.
public struct TradeOutcome: Sendable, Equatable, Codable {
    /// The time of the entry fill.
    public let entryTime: Timestamp
    /// The time of the exit fill.
    public let exitTime: Timestamp
    /// The direction of the position.
    public let side: Side
    /// The average entry fill price (slippage included); > 0.
    public let entryPrice: Double
    /// The average exit fill price (slippage included).
    public let exitPrice: Double
    /// The quantity traded, always positive whatever the side.
    public let quantity: Double
    /// The realised profit or loss in account currency, net of all fees of both fills.
    public let pnl: Double
    /// The P&L as a fraction of the entry notional: `pnl / (entryPrice × quantity)`.
    public let returnFraction: Double
    /// Why the position was closed (journaled and encoded as its raw value, e.g. `stop_loss`).
    public let exitReason: ExitReason

    /// Creates a trade outcome and derives ``returnFraction`` from the P&L and the entry notional.
    /// Traps when an invariant listed on the type does not hold.
    public init(
        entryTime: Timestamp, exitTime: Timestamp, side: Side, entryPrice: Double, exitPrice: Double,
        quantity: Double, pnl: Double, exitReason: ExitReason
    ) {
        precondition(entryPrice.isFinite && entryPrice > 0, "TradeOutcome: entry price \(entryPrice) must be positive")
        precondition(quantity.isFinite && quantity > 0, "TradeOutcome: quantity \(quantity) must be positive")
        precondition(exitPrice.isFinite && pnl.isFinite, "TradeOutcome: exit price and P&L must be finite")
        precondition(entryTime <= exitTime, "TradeOutcome: exit \(exitTime) is before entry \(entryTime)")
        self.entryTime = entryTime
        self.exitTime = exitTime
        self.side = side
        self.entryPrice = entryPrice
        self.exitPrice = exitPrice
        self.quantity = quantity
        self.pnl = pnl
        self.returnFraction = pnl / (entryPrice * quantity)
        self.exitReason = exitReason
    }

    /// The entry notional, `entryPrice × quantity`.
    public var entryNotional: Double { entryPrice * quantity }

    /// True when the trade made money (`pnl > 0`); a zero P&L is not a win.
    public var isWin: Bool { pnl > 0 }

    enum CodingKeys: String, CodingKey {
        case entryTime = "entry_time"
        case exitTime = "exit_time"
        case side
        case entryPrice = "entry_price"
        case exitPrice = "exit_price"
        case quantity
        case pnl
        case returnFraction = "return_fraction"
        case exitReason = "exit_reason"
    }

    /// Decodes with snake_case keys. `return_fraction` is recomputed from the other fields, so a
    /// stored value cannot contradict them; throws `DecodingError.dataCorrupted` on an invariant violation.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let entryTime = try container.decode(Timestamp.self, forKey: .entryTime)
        let exitTime = try container.decode(Timestamp.self, forKey: .exitTime)
        let entryPrice = try container.decode(Double.self, forKey: .entryPrice)
        let exitPrice = try container.decode(Double.self, forKey: .exitPrice)
        let quantity = try container.decode(Double.self, forKey: .quantity)
        let pnl = try container.decode(Double.self, forKey: .pnl)
        let valid =
            entryPrice.isFinite && entryPrice > 0 && quantity.isFinite && quantity > 0 && exitPrice.isFinite
            && pnl.isFinite && entryTime <= exitTime
        guard valid else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "TradeOutcome: non-positive price or quantity, non-finite value or exit before entry"))
        }
        self.init(
            entryTime: entryTime, exitTime: exitTime, side: try container.decode(Side.self, forKey: .side),
            entryPrice: entryPrice, exitPrice: exitPrice, quantity: quantity, pnl: pnl,
            exitReason: try container.decode(ExitReason.self, forKey: .exitReason))
    }

    /// Encodes with snake_case keys, `return_fraction` included for readers of the JSON.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(entryTime, forKey: .entryTime)
        try container.encode(exitTime, forKey: .exitTime)
        try container.encode(side, forKey: .side)
        try container.encode(entryPrice, forKey: .entryPrice)
        try container.encode(exitPrice, forKey: .exitPrice)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(pnl, forKey: .pnl)
        try container.encode(returnFraction, forKey: .returnFraction)
        try container.encode(exitReason, forKey: .exitReason)
    }
}
