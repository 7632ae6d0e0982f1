import BallastCore
import BallastEngine
import BallastStore
import BallastTestKit
import GRDB
import Testing

@Suite("Enum columns: bound as their raw text, read back strictly")
struct StoreEnumColumnTests {
    typealias F = StoreFixtures

    @Test("every order intent's text reads back as the same intent; other text is no intent")
    func orderIntentText() {
        let intents: [OrderIntent] = [.entry] + ExitReason.allCases.map(OrderIntent.exit)
        #expect(
            intents.map(\.rawValue) == [
                "entry", "signal", "reversal", "stop_loss", "take_profit", "trailing_stop", "end_of_data",
            ])
        for intent in intents { #expect(OrderIntent(rawValue: intent.rawValue) == intent) }
        #expect(OrderIntent(rawValue: "exit") == nil)
        #expect(OrderIntent(rawValue: "Entry") == nil)
    }

    @Test(
        "a venue order status this build does not know is invalid data, not a default (free text stays)",
        arguments: [("status", "pending_cancel"), ("reason", "'x'")])
    func unknownVenueOrderStatus(column: String, text: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("journal.sqlite")
        let store = try BallastStore.open(path: path)
        defer { try? store.close() }
        let runID = try store.beginRun(F.header(), startedAt: F.started)
        let order = VenueOrder(
            clientOrderID: "r1-f1", symbol: "GOOG", action: .sell, quantity: 2, referencePrice: 100)
        try store.recordVenueOrder(
            VenueOrderRow(
                runID: runID, venue: "paper", key: "f1", fillSeq: nil, strategyID: "trend", order: order,
                execution: VenueExecution(
                    clientOrderID: "r1-f1", symbol: "GOOG", status: .filled, executedQuantity: 2, averagePrice: 100,
                    commission: 0.2, reason: nil)))
        #expect(try store.venueOrders(runID: runID).map(\.execution.status) == [.filled])
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "UPDATE venue_orders SET \(column) = ?", arguments: [text])
        }
        if column == "status" {
            do {
                _ = try store.venueOrders(runID: runID)
                Issue.record("an unknown status read back without an error")
            } catch {
                guard case .invalidData(_, let reason) = error else {
                    Issue.record("expected invalid data, got \(error)")
                    return
                }
                #expect(reason.contains("venue_orders.status") && reason.contains("pending_cancel"))
            }
        } else {
            // A free-text column keeps any text.
            #expect(try store.venueOrders(runID: runID).first?.execution.reason == text)
        }
    }
}
