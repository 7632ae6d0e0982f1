extension FakeBinanceExchange {
    /// Draws a fault for every request no scripted fault matches, from `schedule` (nil: none).
    public func setFaultSchedule(_ schedule: FakeFaultSchedule?) { faultSchedule = schedule }

    /// How many faults the schedule injected, by kind (`FakeFaultSchedule.Kind.rawValue`).
    public var injectedFaultCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: injectedFaults.map { ($0.key.rawValue, $0.value) })
    }

    /// What the exchange executed, per symbol: net base quantity (bought − sold), net quote flow
    /// (sold − bought, before commission) and commission, over every order it holds.
    public func executedTotals() -> [String: FakeExecutedTotals] {
        var totals: [String: FakeExecutedTotals] = [:]
        for order in orders.values where order.executedQty > 0 {
            let sign = order.side == "BUY" ? 1.0 : -1.0
            totals[order.symbol, default: FakeExecutedTotals()].baseQuantity += sign * order.executedQty
            totals[order.symbol, default: FakeExecutedTotals()].quoteFlow -= sign * order.quoteQty
            totals[order.symbol, default: FakeExecutedTotals()].commission += order.quoteQty * commissionRate
            totals[order.symbol, default: FakeExecutedTotals()].grossQuantity += order.executedQty
            totals[order.symbol, default: FakeExecutedTotals()].orders += 1
        }
        return totals
    }

    /// Client order ids under which more than one order was placed (a duplicate order), with the
    /// number placed.
    public var duplicatePlacements: [String: Int] { placements.filter { $0.value > 1 } }

    /// Orders placed in all.
    public var placedOrderCount: Int { placements.values.reduce(0, +) }

    func scheduledFault(path: String) -> FakeFault? {
        guard let drawn = faultSchedule?.next(path: path) else { return nil }
        injectedFaults[drawn.kind, default: 0] += 1
        return drawn.fault
    }
}

/// One symbol's executions at the fake exchange.
public struct FakeExecutedTotals: Sendable, Equatable {
    /// Bought minus sold.
    public var baseQuantity = 0.0
    /// Received for sales minus paid for purchases (commission not included).
    public var quoteFlow = 0.0
    /// Commission charged, in the commission asset (`quote × rate`).
    public var commission = 0.0
    /// Bought plus sold.
    public var grossQuantity = 0.0
    /// Orders with an execution.
    public var orders = 0

    public init() {}
}
