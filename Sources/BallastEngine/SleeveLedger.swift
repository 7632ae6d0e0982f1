import BallastCore
import BallastReports
import BallastRisk

/// One strategy's money while a run goes on: realized P&L, the open position, the pending order
/// and the last mark. A plain-data value (no references), so the kernel's per-bar loop can read
/// and update it without reference counting; the sleeve's journals live beside it in the kernel.
///
/// Invariant: `equity == initialEquity + realized + unrealized at mark`; fees are in `realized`.
package struct SleeveLedger: Sendable {
    let initialEquity: Double
    var realized = 0.0
    package var position: OpenPosition?
    package var pending: PendingOrder?
    /// The last close of the strategy's symbol.
    package var mark: Double
    var decisions = 0
    var denied = 0
    var minPositionSizeFactor = 1.0

    init(initialEquity: Double, firstPrice: Double) {
        self.initialEquity = initialEquity
        mark = firstPrice
    }

    /// Sleeve equity marked at `mark`. Inlined: the per-bar loop reads it through an array element,
    /// and an out-of-line getter would take the whole ledger as a copy.
    var equity: Double {
        @inline(__always) get { initialEquity + realized + (position?.unrealized(at: mark) ?? 0) }
    }

    /// |notional| of the open position at `mark`.
    var grossNotional: Double {
        @inline(__always) get { position.map { $0.quantity * mark } ?? 0 }
    }

    /// Opens a position at `rawPrice` (before slippage) for an approved entry. The quantity is the
    /// approved fraction of portfolio equity, capped by `buyingPower` (fee included) and rounded down
    /// to `quantityStep`. Returns false when nothing could be bought.
    mutating func open(
        _ entry: PendingOrder.Entry, rawPrice: Double, bar: Int, time: Timestamp, buyingPower: Double,
        quantityStep: Double?, context: FillContext
    ) -> Bool {
        let execution = context.execution
        let price = execution.fillPrice(rawPrice, buying: entry.side == .long)
        var quantity = entry.fraction * entry.portfolioEquity / price
        quantity = min(quantity, max(0, buyingPower) / (price * (1 + execution.feeRate)))
        if let step = quantityStep, step > 0 { quantity = (quantity / step + 1e-9).rounded(.down) * step }
        guard quantity > 0, quantity.isFinite else { return false }
        openFilled(
            entry, quantity: quantity, price: price, fee: quantity * price * execution.feeRate, bar: bar, time: time,
            context: context)
        return true
    }

    /// Closes the position at `rawPrice` (before slippage) and returns the trade, net of both fees.
    /// Precondition: a position is open.
    mutating func close(rawPrice: Double, reason: ExitReason, time: Timestamp, execution: ExecutionSettings)
        -> TradeOutcome
    {
        guard let position else { preconditionFailure("close without a position") }
        let price = execution.fillPrice(rawPrice, buying: position.side == .short)
        return closeFilled(
            quantity: position.quantity, price: price, fee: position.quantity * price * execution.feeRate,
            reason: reason, time: time)
    }
}

/// The per-strategy settings a fill needs.
package struct FillContext: Sendable {
    package var execution: ExecutionSettings
    package var profile: RiskProfile
    var parameters: RiskParameters
}
