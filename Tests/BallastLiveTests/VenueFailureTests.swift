import BallastBinance
import BallastCore
import BallastEngine
import BallastFakeExchange
import BallastLive
import BallastStore
import BallastTestKit
import Foundation
import Testing

/// A venue that keeps failing while an order is sent (after every retry) does not end a live run:
/// the strategy is halted, positions stay protected, and the order is looked up and tried again by
/// its client order id before the next bar group — never posted twice.
@Suite("Live with the Binance venue: a venue failure while sending an order halts the strategy, not the run")
struct VenueFailureTests {
    @Test("the answer to the entry is lost, then every query fails: the run goes on, the entry is found next group")
    func lostAnswerThenFailingQueries() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try await VenueFillTests.fixture(
            script: [1: .enterLong, 4: .exit, 6: .enterLong], directory: directory, clientSleeper: { _ in }
        ) { exchange in
            // The entry is placed but its answer is lost; the venue's look-up then fails on every
            // attempt (5 venue attempts × 5 client attempts would be needed; 5 exhaust one submit).
            await exchange.scriptFaults([.processThenFail(status: 504)], method: "POST", path: "/api/v3/order")
            await exchange.scriptFaults(
                [.orderNotFound] + Array(repeating: .serverError(status: 503), count: 5), method: "GET",
                path: "/api/v3/order")
        }
        try await VenueFillTests.feed(fixture, through: 8)
        let entry = VenueFillTests.entryID(fixture, bar: 1)
        let posted = await fixture.exchange.requests(method: "POST", path: "/api/v3/order")
        let ids = posted.compactMap { $0.parameters["newClientOrderId"] }
        // Posted once; the exit went out; the halt stopped the entry of bar 6.
        #expect(ids.filter { $0 == entry }.count == 1)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count == 2)
        let result = await fixture.session.result()
        let trades = result.strategies[0].trades
        #expect(trades.count == 1)
        #expect(trades.first?.entryPrice == 105)
        let commands = try fixture.store.operatorCommands(runID: fixture.runID)
        #expect(commands.map(\.action) == [.halt])
        #expect(commands.first?.source == "venue")
        #expect(commands.first?.reason.hasPrefix("venue_failure: \(entry)") == true)
        #expect(commands.first?.appliedAt != nil)
        let halts = result.reduceOnlyEvents.filter { $0.strategyID == "s" && $0.entered }
        #expect(halts.count == 1)
        await fixture.exchange.stop()
    }
}
