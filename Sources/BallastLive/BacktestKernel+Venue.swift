import BallastCore
import BallastEngine
import BallastReports
import BallastRisk

/// An order a live run sends to an external venue for a sleeve's pending order, at decision time.
public struct VenueIntent: Sendable, Equatable {
    /// The order's key within the run (`x…` for the exit part, `e…` for the entry part); the client
    /// order id is derived from it.
    public var key: String
    /// The strategy's registration index.
    public var strategy: Int
    public var symbol: String
    public var action: OrderAction
    /// The quantity the ledger plans: the position's for an exit; for an entry, the approved fraction
    /// sized at the decision bar's close, capped by buying power and rounded to the quantity step.
    public var quantity: Double
    /// The decision bar's close.
    public var referencePrice: Double

    /// True for an exit part (`x…`, `z…`), false for an entry part.
    public var isExit: Bool { !key.hasPrefix("e") }
}

extension BacktestKernel {
    /// The key of one part of a pending order: a sleeve has at most one pending order, created at
    /// one bar time, so (part, strategy, creation time) identifies it across restarts. The exits that
    /// end a run (`end_of_data`) have their own prefix, since the last bar may also have sent one.
    static func venueKey(exit: Bool, strategy: Int, order: PendingOrder) -> String {
        let prefix = !exit ? "e" : order.exitReason == .endOfData ? "z" : "x"
        return "\(prefix)\(strategy)-\(order.createdAt.seconds)"
    }

    /// The venue orders the sleeves' pending orders need now, in strategy order (exit part first).
    package func venueIntents() -> [VenueIntent] {
        var intents: [VenueIntent] = []
        for index in ledgers.indices {
            guard let order = ledgers[index].pending else { continue }
            let lane = lanes[index]
            guard let close = columns[lane.series].series.close.last else { continue }
            if order.exitReason != nil, let position = ledgers[index].position {
                intents.append(
                    VenueIntent(
                        key: Self.venueKey(exit: true, strategy: index, order: order), strategy: index,
                        symbol: lane.symbol, action: position.side == .long ? .sell : .buy,
                        quantity: position.quantity, referencePrice: close))
            }
            guard let entry = order.entry else { continue }
            let execution = lane.context.execution
            let price = execution.fillPrice(close, buying: entry.side == .long)
            var quantity = entry.fraction * entry.portfolioEquity / price
            quantity = min(
                quantity, max(0, buyingPower(excluding: index, price: close)) / (price * (1 + execution.feeRate)))
            if let step = lane.quantityStep, step > 0 { quantity = (quantity / step + 1e-9).rounded(.down) * step }
            guard quantity > 0, quantity.isFinite else { continue }
            intents.append(
                VenueIntent(
                    key: Self.venueKey(exit: false, strategy: index, order: order), strategy: index,
                    symbol: lane.symbol, action: entry.side == .long ? .buy : .sell, quantity: quantity,
                    referencePrice: close))
        }
        return intents
    }

    /// Executes a pending order at the venue's executions instead of the model (`VenueFills`): the exit part closes
    /// what the venue sold (or bought back) at its average price; the entry part opens what it
    /// bought at its price. A part the venue did not fill leaves the position as the venue has it: an
    /// unfilled exit keeps the position (and a reversal's entry is then cancelled); an unfilled entry
    /// is journaled cancelled.
    package mutating func executeAtVenue(
        _ order: PendingOrder, strategy index: Int, fills: [String: VenueExecution], bar: Int, time: Timestamp
    ) {
        let feeRate = execution.feeRate
        func fee(_ filled: VenueExecution, quantity: Double, price: Double) -> Double {
            filled.commission > 0 ? filled.commission : quantity * price * feeRate
        }
        if let reason = order.exitReason, let position = ledgers[index].position {
            let key = Self.venueKey(exit: true, strategy: index, order: order)
            if let filled = fills[key], filled.executedQuantity > 0, let price = filled.averagePrice {
                let quantity = min(filled.executedQuantity, position.quantity)
                let exitFee = fee(filled, quantity: quantity, price: price)
                let trade = ledgers[index].closeFilled(
                    quantity: quantity, price: price, fee: exitFee, reason: reason, time: time)
                booked(trade, strategy: index, fee: exitFee, time: time, createdAt: order.createdAt)
            }
        }
        guard let entry = order.entry else { return }
        let key = Self.venueKey(exit: false, strategy: index, order: order)
        guard ledgers[index].position == nil, let filled = fills[key], filled.executedQuantity > 0,
            let price = filled.averagePrice
        else {
            if recordsEvents { recordCancelled(entry, of: order, strategy: index) }
            return
        }
        ledgers[index].mark = price
        ledgers[index].openFilled(
            entry, quantity: filled.executedQuantity, price: price,
            fee: fee(filled, quantity: filled.executedQuantity, price: price), bar: bar, time: time,
            context: lanes[index].context)
        guard recordsEvents, let position = ledgers[index].position else { return }
        recordEntryFill(entry, of: order, strategy: index, position: position, time: time)
    }

    /// Books a venue exit like `closePosition`: the trade for results and dynamic risk, and the journal.
    private mutating func booked(
        _ trade: TradeOutcome, strategy index: Int, fee: Double, time: Timestamp, createdAt: Timestamp
    ) {
        recorder.closed(trade, strategy: index)
        dynamics[index].recordClosedTrade(exitTime: trade.exitTime, pnl: trade.pnl)
        guard recordsEvents else { return }
        recordExitFill(
            trade, strategy: index, fee: fee, time: time, createdAt: createdAt, after: ledgers[index].position)
    }
}

extension BacktestKernel {
    /// Venue mode, before the run ends: every open position gets a pending exit (`end_of_data`, or
    /// the flatten on exit) so that the session sends it to the venue; unfilled entries are dropped.
    package mutating func requestVenueExits() {
        let executions = (fillPolicy as? VenueFills)?.executions ?? [:]
        for index in ledgers.indices {
            let series = columns[lanes[index].series].series
            if let order = ledgers[index].pending {
                ledgers[index].pending = nil
                // An order the venue already executed is booked first (the exchange holds its result);
                // one never sent is dropped.
                let sent = [true, false].contains { exit in
                    executions[Self.venueKey(exit: exit, strategy: index, order: order)] != nil
                }
                if sent {
                    executeAtVenue(
                        order, strategy: index, fills: executions, bar: max(0, series.count - 1),
                        time: Timestamp(seconds: series.times.last ?? 0))
                } else if recordsEvents, let entry = order.entry {
                    recordCancelled(entry, of: order, strategy: index)
                }
            }
            guard ledgers[index].position != nil else { continue }
            ledgers[index].pending = PendingOrder(
                exitReason: .endOfData, entry: nil, createdAt: Timestamp(seconds: series.times.last ?? 0))
        }
    }
}
