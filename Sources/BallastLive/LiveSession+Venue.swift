import BallastEngine
import BallastStore
import Logging

extension LiveSession {
    /// External venue: sends every order the pending orders need that was not sent yet (client id
    /// `<prefix>-<key>`, idempotent at the venue), waits for its final state, records it in
    /// `venue_orders` and hands it to the ledger, which fills the pending order at it with the next bar.
    ///
    /// With `stops = "venue"` (LiveSession+Stops): resting stops are checked first (one that filled
    /// books the position's exit), each exit cancels its position's stop before it is sent (what the
    /// stop already sold is not sold again), and the stops are then placed or moved to the ledger's.
    func sendIntents() async throws {
        let stops = portfolio?.restsStopsAtVenue == true
        if stops { try await checkRestingStops() }
        try await sendIntentOrders()
        if stops, try await placeStops() { try await sendIntentOrders() }
    }

    /// The orders the pending orders need that were not sent yet.
    private func sendIntentOrders() async throws {
        guard let intents = portfolio?.venueIntents() else { return }
        for intent in intents where !sentKeys.contains(intent.key) {
            var order = VenueOrder(
                clientOrderID: "\(clientPrefix)-\(intent.key)", symbol: intent.symbol, action: intent.action,
                quantity: intent.quantity, referencePrice: intent.referencePrice)
            let strategyID = portfolio?.setup.strategies[intent.strategy].id ?? ""
            var stopExecution: VenueExecution?
            if portfolio?.restsStopsAtVenue == true, intent.isExit {
                do {
                    stopExecution = try await cancelStop(beforeExit: intent)
                } catch let error where !(error is CancellationError) && !Task.isCancelled {
                    // The stop's state is unknown: no market exit (it could sell twice); both are
                    // looked up again before the next bar group.
                    try venueFailed(order, key: intent.key, strategyID: strategyID, error: error)
                    continue
                }
                let sold = stopExecution?.executedQuantity ?? 0
                if sold >= intent.quantity * (1 - 1e-9) {
                    unresolvedOrders.removeValue(forKey: intent.key)
                    sentKeys.insert(intent.key)
                    if let stopExecution { portfolio?.recordVenueFill(key: intent.key, execution: stopExecution) }
                    continue
                }
                order.quantity = intent.quantity - sold
            }
            let execution: VenueExecution
            do {
                execution = try await execute(order)
            } catch let error where !(error is CancellationError) && !Task.isCancelled {
                try venueFailed(order, key: intent.key, strategyID: strategyID, error: error)
                continue
            }
            unresolvedOrders.removeValue(forKey: intent.key)
            try store.recordVenueOrder(
                VenueOrderRow(
                    runID: runID, venue: venue.name, key: intent.key, fillSeq: nil, strategyID: strategyID,
                    order: order, execution: execution))
            sentKeys.insert(intent.key)
            let combined = VenueStopBook.combined(stop: stopExecution, market: execution) ?? execution
            portfolio?.recordVenueFill(key: intent.key, execution: combined)
            if intent.key.hasPrefix("e"), execution.executedQuantity > 0 {
                stopBook.entryTimes[intent.strategy] = VenueStopBook.orderKey(intent.key)?.time
            }
        }
    }

    /// After a restart (paper venue): orders the venue last reported open get their final state, and
    /// committed fills that never reached the venue are sent (idempotently: a venue that already has
    /// the client order id answers with that order).
    func sendUnsentFills() async throws {
        for row in try store.openVenueOrders(runID: runID) {
            guard
                let final = try await venue.waitForFinal(
                    clientOrderID: row.order.clientOrderID, symbol: row.order.symbol, timeout: finalTimeout)
            else { continue }
            var updated = row
            updated.execution = final
            try store.recordVenueOrder(updated)
        }
        for fill in try store.fillsWithoutVenueOrder(runID: runID) { try await send(fill) }
    }

    /// Paper venue: mirrors one ledger fill (idempotent by client order id) and records the answer.
    func send(_ fill: PendingVenueFill) async throws {
        let order = VenueOrder(
            clientOrderID: "\(clientPrefix)-f\(fill.fillSeq)", symbol: fill.symbol, action: fill.action,
            quantity: fill.quantity, referencePrice: fill.price)
        let execution = try await execute(order)
        try store.recordVenueOrder(
            VenueOrderRow(
                runID: runID, venue: venue.name, key: "f\(fill.fillSeq)", fillSeq: fill.fillSeq,
                strategyID: fill.strategyID, order: order, execution: execution))
    }

    /// Submits an order, polls it to its final state when it is still open, and logs a rejection or
    /// a fill smaller than asked.
    func execute(_ order: VenueOrder) async throws -> VenueExecution {
        var execution = try await venue.submit(order)
        if execution.status.isOpen,
            let final = try await venue.waitForFinal(
                clientOrderID: order.clientOrderID, symbol: order.symbol, timeout: finalTimeout)
        {
            execution = final
        }
        if execution.status == .rejected {
            logger.warning(
                "venue rejected an order",
                metadata: ["order": "\(order.clientOrderID)", "reason": "\(execution.reason ?? "")"])
        } else if execution.executedQuantity < order.quantity * (1 - 1e-9) {
            logger.warning(
                "venue filled less than asked",
                metadata: [
                    "order": "\(order.clientOrderID)", "status": "\(execution.status.rawValue)",
                    "executed": "\(execution.executedQuantity)", "asked": "\(order.quantity)",
                ])
        }
        return execution
    }
}
