import BallastCore
import BallastEngine

/// Where a long position's stop-loss should rest at the venue (`[execution] stops = "venue"`).
public struct VenueStopTarget: Sendable, Equatable {
    /// The strategy's registration index.
    public var strategy: Int
    public var symbol: String
    /// The position's quantity (what the venue executed of the entry).
    public var quantity: Double
    /// The ledger's stop level (the venue rounds it down to its tick).
    public var stopPrice: Double
    /// The entry's signal time (its order's creation) when the entry filled at the venue and the
    /// ledger books it with the next bar; nil for a position the ledger holds.
    public var entryTime: Int64?
}

extension BacktestKernel {
    /// The stops the venue should hold now, in strategy order: one per long position with a
    /// stop-loss, and one per long entry the venue filled that the ledger books with the next bar (its
    /// stop computed as the ledger will compute it, from the venue's price). A sleeve whose position
    /// is leaving (a pending exit) wants none; shorts get none (Binance spot cannot short).
    package func venueStopTargets() -> [VenueStopTarget] {
        let executions = (fillPolicy as? VenueFills)?.executions ?? [:]
        var targets: [VenueStopTarget] = []
        for index in ledgers.indices {
            let symbol = lanes[index].symbol
            if let order = ledgers[index].pending {
                guard let entry = order.entry, entry.side == .long else { continue }
                let key = Self.venueKey(exit: false, strategy: index, order: order)
                guard let filled = executions[key], filled.executedQuantity > 0, let price = filled.averagePrice
                else { continue }
                var ledger = ledgers[index]
                ledger.position = nil
                ledger.openFilled(
                    entry, quantity: filled.executedQuantity, price: price, fee: 0, bar: 0, time: order.createdAt,
                    context: lanes[index].context)
                guard let stop = ledger.position?.stopLoss else { continue }
                targets.append(
                    VenueStopTarget(
                        strategy: index, symbol: symbol, quantity: filled.executedQuantity, stopPrice: stop,
                        entryTime: order.createdAt.seconds))
            } else if let position = ledgers[index].position, position.side == .long, let stop = position.stopLoss {
                targets.append(
                    VenueStopTarget(
                        strategy: index, symbol: symbol, quantity: position.quantity, stopPrice: stop, entryTime: nil))
            }
        }
        return targets
    }

    /// A venue stop of sleeve `index` filled while the ledger still holds the position and has no
    /// order pending: the position exits at the next fill (reason `stop_loss`, or `trailing_stop`
    /// once the stop trailed), created at the sleeve's last bar. Returns the exit's order key, under
    /// which the stop's execution is recorded so that `VenueFills` books the exit at it; nil when
    /// the sleeve holds no position or has an order pending (whose own exit takes the stop's fill).
    /// `barTime` is that last bar's time (nil: the sleeve's newest bar; a replay, whose series hold
    /// every journaled bar, passes the one the live run used).
    package mutating func requestVenueStopExit(strategy index: Int, barTime: Int64? = nil) -> String? {
        guard let position = ledgers[index].position, ledgers[index].pending == nil,
            let last = barTime ?? columns[lanes[index].series].series.times.last
        else { return nil }
        let order = PendingOrder(
            exitReason: position.stopTrailed ? .trailingStop : .stopLoss, entry: nil,
            createdAt: Timestamp(seconds: last))
        ledgers[index].pending = order
        return Self.venueKey(exit: true, strategy: index, order: order)
    }
}
