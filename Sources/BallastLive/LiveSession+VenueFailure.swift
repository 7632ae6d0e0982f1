import BallastEngine
import BallastStore
import Foundation
import Logging

extension LiveSession {
    /// The operator-command source of a halt the live run placed itself after a venue failure.
    static let venueFailureSource = "venue"

    /// An order whose sending failed after the venue's retries (its outcome is unknown: it may have
    /// been placed). The run does not end: the strategy is halted (an operator halt with source
    /// `venue` and reason `venue_failure: …`, journaled as a reduce-only event when the next bar
    /// group applies it, lifted by `ballast resume`), the other strategies and every position's
    /// stops and exits go on, and the order is tried again before the next bar group — by its client
    /// order id, which the venue looks up before any new post, so it is never posted twice.
    func venueFailed(_ order: VenueOrder, key: String, strategyID: String, error: any Error) throws {
        unresolvedOrders[key] = order
        logger.error(
            "venue failed while sending an order: strategy halted (reduce-only), order retried next bar group",
            metadata: [
                "order": "\(order.clientOrderID)", "strategy": "\(strategyID)", "error": "\(error)",
            ])
        guard !strategyID.isEmpty, venueHalted.insert(strategyID).inserted else { return }
        _ = try store.submitOperatorCommand(
            runID: runID, action: .halt, strategy: strategyID,
            reason: "venue_failure: \(order.clientOrderID): \(error)", source: Self.venueFailureSource,
            receivedAt: wallClock.now())
    }

    /// Before a bar group is processed: orders whose sending failed are tried again while the ledger
    /// still waits for them (the venue looks each client order id up first). One the ledger no longer
    /// waits for (it was booked unfilled) is only looked up, never posted: when the venue did execute
    /// it, the journal and the venue differ, which is logged for the operator (reconciliation at the
    /// next start reports it).
    func retryUnresolvedOrders() async throws {
        guard !unresolvedOrders.isEmpty else { return }
        try await sendIntents()
        let waiting = Set(portfolio?.venueIntents().map(\.key) ?? [])
        for (key, order) in unresolvedOrders.sorted(by: { $0.key < $1.key }) where !waiting.contains(key) {
            do {
                let known = try await venue.status(clientOrderID: order.clientOrderID, symbol: order.symbol)
                unresolvedOrders.removeValue(forKey: key)
                if let known, known.executedQuantity > 0 {
                    logger.critical(
                        "the venue executed an order the journal booked as not filled; reconcile before trading on",
                        metadata: [
                            "order": "\(order.clientOrderID)", "status": "\(known.status.rawValue)",
                            "executed": "\(known.executedQuantity)",
                        ])
                }
            } catch let error where !(error is CancellationError) && !Task.isCancelled {
                logger.warning(
                    "venue still failing; the order is looked up again next bar group",
                    metadata: ["order": "\(order.clientOrderID)", "error": "\(error)"])
            }
        }
    }
}
