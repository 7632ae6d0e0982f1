import BallastCore

/// What a sleeve will do at its next fill: close its position, open a new one, or both (a reversal).
struct PendingOrder: Sendable, Equatable {
    /// An approved entry waiting for its fill.
    struct Entry: Sendable, Equatable {
        var side: Side
        /// The approved portfolio fraction.
        var fraction: Double
        /// Portfolio equity when the fraction was approved: quantity = fraction × this / fill price.
        var portfolioEquity: Double
        /// ATR at the decision bar (stops and ATR trailing distances).
        var atr: Double?
        /// The dynamic stop tightening in force at the decision.
        var tightening: Double
    }

    /// Close the open position first, for this reason.
    var exitReason: ExitReason?
    var entry: Entry?
    /// When the order was created (its signal bar's time) and the decision behind its entry.
    var createdAt: Timestamp
    var decisionSeq: Int?

    /// Buying power this order has been promised.
    var reserved: Double { entry.map { $0.fraction * $0.portfolioEquity } ?? 0 }
}
