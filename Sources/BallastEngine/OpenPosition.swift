import BallastCore

/// A sleeve's open position and its protective orders.
///
/// Invariants: `quantity > 0`; for a long, `stopLoss < entryPrice < takeProfit` when set (mirrored
/// for a short); the stop only moves in the position's favour.
package struct OpenPosition: Sendable, Equatable {
    package var side: Side
    package var quantity: Double
    /// The fill price, slippage included.
    var entryPrice: Double
    var entryTime: Timestamp
    /// The fee paid on entry (already taken from the sleeve's realized P&L).
    var entryFee: Double
    /// Index of the bar the entry filled on; exits are checked from the next bar on.
    var entryBar: Int
    /// Read by a live run that rests the stop at its venue (`stops = "venue"`).
    package internal(set) var stopLoss: Double?
    var takeProfit: Double?
    /// ATR at the decision bar, for an ATR-based trailing distance.
    var atr: Double?
    /// The best price since entry (highest high for a long, lowest low for a short).
    var bestPrice: Double
    /// True once a trailing stop has moved the stop.
    package internal(set) var stopTrailed = false
    /// The portfolio fraction approved for this entry.
    var approvedFraction: Double

    /// Signed P&L of the position at `price`, before exit costs.
    @inline(__always)
    func unrealized(at price: Double) -> Double {
        side.sign * quantity * (price - entryPrice)
    }
}
