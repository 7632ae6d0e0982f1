import BallastCore

/// What a sleeve will do at its next fill: close its position, open a new one, or both (a reversal).
package struct PendingOrder: Sendable, Equatable {
    /// An approved entry waiting for its fill.
    package struct Entry: Sendable, Equatable {
        package var side: Side
        /// The approved portfolio fraction.
        package var fraction: Double
        /// Portfolio equity when the fraction was approved: quantity = fraction × this / fill price.
        package var portfolioEquity: Double
        /// ATR at the decision bar (stops and ATR trailing distances).
        var atr: Double?
        /// The dynamic stop tightening in force at the decision.
        var tightening: Double
    }

    /// Close the open position first, for this reason.
    package var exitReason: ExitReason?
    package var entry: Entry?
    /// When the order was created (its signal bar's time) and the decision behind its entry.
    package var createdAt: Timestamp
    var decisionSeq: Int?

    package init(exitReason: ExitReason?, entry: Entry?, createdAt: Timestamp, decisionSeq: Int? = nil) {
        self.exitReason = exitReason
        self.entry = entry
        self.createdAt = createdAt
        self.decisionSeq = decisionSeq
    }

    /// Buying power this order has been promised.
    var reserved: Double { entry.map { $0.fraction * $0.portfolioEquity } ?? 0 }
}
