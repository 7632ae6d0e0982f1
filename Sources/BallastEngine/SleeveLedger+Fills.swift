import BallastCore
import BallastReports
import BallastRisk

/// The ledger's two fill primitives, at a given quantity, price and fee: the SPEC §8 model
/// (`open`, `close`) computes those and calls them; a live run's external venue (`VenueFills`,
/// BallastLive) calls them with the venue's executions.
extension SleeveLedger {
    /// Opens a position at a fill: its quantity, its average price (slippage is in it), its fee.
    package mutating func openFilled(
        _ entry: PendingOrder.Entry, quantity: Double, price: Double, fee: Double, bar: Int, time: Timestamp,
        context: FillContext
    ) {
        guard quantity > 0, price > 0, quantity.isFinite, price.isFinite else { return }
        realized -= fee
        let levels = StopLossTakeProfit.compute(
            entry: price, side: entry.side, atr: entry.atr, profile: context.profile, parameters: context.parameters,
            tightening: entry.tightening)
        position = OpenPosition(
            side: entry.side, quantity: quantity, entryPrice: price, entryTime: time, entryFee: fee, entryBar: bar,
            stopLoss: levels.stopLoss, takeProfit: levels.takeProfit, atr: entry.atr, bestPrice: price,
            approvedFraction: entry.fraction)
    }

    /// Closes `quantity` of the position (all of it, or part when a venue filled part) at the
    /// fill's price and fee; returns the trade for that quantity, with its share of the entry fee.
    /// A remainder stays open. Precondition: a position is open and `0 < quantity ≤ its quantity`.
    package mutating func closeFilled(quantity: Double, price: Double, fee: Double, reason: ExitReason, time: Timestamp)
        -> TradeOutcome
    {
        guard let position else { preconditionFailure("close without a position") }
        let share = quantity / position.quantity
        let entryFee = position.entryFee * share
        let gross = position.side.sign * quantity * (price - position.entryPrice)
        realized += gross - fee
        if share >= 1 - 1e-12 {
            self.position = nil
        } else {
            self.position?.quantity -= quantity
            self.position?.entryFee -= entryFee
        }
        return TradeOutcome(
            entryTime: position.entryTime, exitTime: time, side: position.side, entryPrice: position.entryPrice,
            exitPrice: price, quantity: quantity, pnl: gross - fee - entryFee, exitReason: reason)
    }
}
