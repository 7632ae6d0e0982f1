import BallastCore
import BallastReports

/// The kernel's order events, each built in one place whichever fill path (the SPEC §8 model or an
/// external venue's executions) booked the order. Callers record only when `recordsEvents`.
extension BacktestKernel {
    /// An entry filled: its order (with its decision), the fill and the position it opened.
    package mutating func recordEntryFill(
        _ entry: PendingOrder.Entry, of order: PendingOrder, strategy index: Int, position: OpenPosition,
        time: Timestamp
    ) {
        events.append(
            .filled(
                KernelFill(
                    strategy: index, intent: .entry, positionSide: entry.side,
                    action: entry.side == .long ? .buy : .sell, quantity: position.quantity,
                    price: position.entryPrice, fee: position.entryFee, time: time, createdAt: order.createdAt,
                    decisionSeq: order.decisionSeq, fraction: entry.fraction, after: position)))
    }

    /// An exit filled: its order and fill, the position left (nil when flat) and the closed trade.
    package mutating func recordExitFill(
        _ trade: TradeOutcome, strategy index: Int, fee: Double, time: Timestamp, createdAt: Timestamp,
        after position: OpenPosition?
    ) {
        events.append(
            .filled(
                KernelFill(
                    strategy: index, intent: .exit(trade.exitReason), positionSide: trade.side,
                    action: trade.side == .short ? .buy : .sell, quantity: trade.quantity, price: trade.exitPrice,
                    fee: fee, time: time, createdAt: createdAt, decisionSeq: nil, fraction: nil, after: position)))
        events.append(.trade(strategy: index, trade))
    }

    /// An approved entry that never filled.
    package mutating func recordCancelled(_ entry: PendingOrder.Entry, of order: PendingOrder, strategy index: Int) {
        events.append(
            .cancelled(
                strategy: index, intent: .entry, side: entry.side, createdAt: order.createdAt,
                decisionSeq: order.decisionSeq, fraction: entry.fraction))
    }
}
