import BallastBinance
import BallastEngine
import BallastFakeExchange
import Testing

/// Issue 16 item 4: a 200 whose body is not JSON (a proxy's page, a truncated answer) is a
/// transient failure like a 5xx — retried with backoff, counted toward `failing` — never the end.
@Suite struct GarbledAnswerTests {
    @Test func garbledAnswersAreRetriedWithBackoff() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 4)) { fx in
            await fx.exchange.scriptFaults([.garbage, .garbage])
            _ = try await fx.client.serverTime()
            #expect(fx.sleeps.requested == [0.5, 1])
            #expect(await fx.exchange.requests.count == 3)
        }
    }

    @Test func garbledAnswersAfterTheLastAttemptAreTransient() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 2)) { fx in
            await fx.exchange.scriptFaults([.garbage, .garbage])
            let error = await #expect(throws: BinanceError.self) { try await fx.client.serverTime() }
            guard case .invalidResponse = error else {
                Issue.record("expected invalidResponse, got \(String(describing: error))")
                return
            }
            #expect(error?.isTransient == true)
        }
    }

    @Test func aGarbledNewOrderAnswerIsQueriedNotPostedTwice() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(100, symbol: "BTCUSDT")
            await fx.exchange.scriptFaults([.garbage], method: "POST", path: "/api/v3/order")
            let order = VenueOrder(clientOrderID: "run1-g", symbol: "BTCUSDT", action: .buy, quantity: 1)
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .filled)
            // The garbled POST was not processed, so the query finds nothing and the order is posted again.
            #expect(await fx.exchange.requests(method: "POST", path: "/api/v3/order").count == 2)
            #expect(await fx.exchange.requests(method: "GET", path: "/api/v3/order").count == 2)
        }
    }
}
