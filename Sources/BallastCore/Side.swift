/// The direction of a position or an order.
public enum Side: String, Sendable, Codable, CaseIterable {
    case long
    case short

    /// +1 for long, −1 for short: multiplies a price move into P&L.
    public var sign: Double { self == .long ? 1 : -1 }

    /// The other side.
    public var opposite: Side { self == .long ? .short : .long }
}
