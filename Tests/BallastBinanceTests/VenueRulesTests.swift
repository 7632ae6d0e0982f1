import BallastBinance
import BallastEngine
import BallastFakeExchange
import Foundation
import Testing

/// Issue 16 item 2: the symbol's filters, read from exchangeInfo, shape what goes on the wire.
@Suite struct VenueRulesTests {
    static let rules = FakeSymbolRules(stepSize: 0.001, minQuantity: 0.001, maxQuantity: 9000, minNotional: 10)

    @Test("a quantity off the LOT_SIZE step is rounded down on the wire and fills")
    func lotSizeRoundingOnTheWire() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(25_000, symbol: "BTCUSDT")
            await fx.exchange.setSymbolRules(Self.rules, symbol: "BTCUSDT")
            let order = VenueOrder(
                clientOrderID: "run1-lot", symbol: "BTCUSDT", action: .buy, quantity: 0.0123456, referencePrice: 25_000)
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .filled)
            #expect(execution.executedQuantity == 0.012)
            let posts = await fx.exchange.requests(method: "POST", path: "/api/v3/order")
            #expect(posts.map { $0.parameters["quantity"] } == ["0.012"])
            #expect(posts.allSatisfy { $0.status == 200 })
        }
    }

    @Test("an order below the minimum notional is not sent and comes back rejected with venue_filter")
    func belowMinimumIsNotSent() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(25_000, symbol: "BTCUSDT")
            await fx.exchange.setSymbolRules(Self.rules, symbol: "BTCUSDT")
            // 0.0003 rounds to 0 at the 0.001 step (LOT_SIZE); 0.001 at 5,000 is 5 < 10 (NOTIONAL).
            let tiny = VenueOrder(
                clientOrderID: "run1-tiny", symbol: "BTCUSDT", action: .buy, quantity: 0.0003, referencePrice: 25_000)
            let small = VenueOrder(
                clientOrderID: "run1-small", symbol: "BTCUSDT", action: .buy, quantity: 0.001, referencePrice: 5_000)
            let venue = fx.venue()
            let first = try await venue.submit(tiny)
            let second = try await venue.submit(small)
            #expect(first.status == .rejected)
            #expect(first.reason?.hasPrefix("venue_filter: LOT_SIZE") == true)
            #expect(second.status == .rejected)
            #expect(second.reason?.hasPrefix("venue_filter: NOTIONAL") == true)
            #expect(await fx.exchange.requests(method: "POST", path: "/api/v3/order").isEmpty)
            // exchangeInfo is read once and cached.
            #expect(await fx.exchange.requests(method: "GET", path: "/api/v3/exchangeInfo").count == 1)
        }
    }

    @Test("a filter rejection by the venue is venue_filter and refreshes the cached rules")
    func venueRejectionRefreshesRules() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(25_000, symbol: "BTCUSDT")
            let venue = fx.venue()
            // The rules change after Ballast cached them (none at first).
            let first = try await venue.submit(
                VenueOrder(
                    clientOrderID: "run1-a", symbol: "BTCUSDT", action: .buy, quantity: 0.0123, referencePrice: 25_000))
            #expect(first.status == .filled)
            await fx.exchange.setSymbolRules(Self.rules, symbol: "BTCUSDT")
            let second = try await venue.submit(
                VenueOrder(
                    clientOrderID: "run1-b", symbol: "BTCUSDT", action: .buy, quantity: 0.0123, referencePrice: 25_000))
            #expect(second.status == .rejected)
            #expect(second.reason == "venue_filter: -1013: Filter failure: LOT_SIZE")
            let third = try await venue.submit(
                VenueOrder(
                    clientOrderID: "run1-c", symbol: "BTCUSDT", action: .buy, quantity: 0.0123, referencePrice: 25_000))
            #expect(third.status == .filled)
            let posts = await fx.exchange.requests(method: "POST", path: "/api/v3/order")
            #expect(posts.map { $0.parameters["quantity"] } == ["0.0123", "0.0123", "0.012"])
            #expect(await fx.exchange.requests(method: "GET", path: "/api/v3/exchangeInfo").count == 2)
        }
    }

    @Test("exchangeInfo filters are parsed, MARKET_LOT_SIZE taking precedence for the step")
    func parsesFilters() async throws {
        try await withExchange { fx in
            await fx.exchange.setSymbolRules(
                FakeSymbolRules(
                    stepSize: 0.01, minQuantity: 0.01, maxQuantity: 100, marketStepSize: 0.1, tickSize: 0.5,
                    minNotional: 5),
                symbol: "ETHUSDT")
            let rules = try #require(try await fx.client.symbolRules(symbol: "ETHUSDT"))
            #expect(rules.stepSize == 0.1)
            #expect(rules.minQuantity == 0.01)
            #expect(rules.maxQuantity == 100)
            #expect(rules.tickSize == 0.5)
            #expect(rules.minNotional == 5)
            #expect(rules.roundPrice(101.3) == 101.5)
        }
    }

    @Test(
        "admit rounds down to the step and refuses what cannot meet the rules",
        arguments: [
            (0.3, 100.0, "0.3"), (0.29999999, 100.0, "0.2"), (0.05, 100.0, "LOT_SIZE"), (0.2, 10.0, "NOTIONAL"),
            (2000.0, 1.0, "LOT_SIZE"),
        ])
    func admitTable(quantity: Double, price: Double, expected: String) {
        let rules = BinanceSymbolRules(symbol: "X", stepSize: 0.1, minQuantity: 0.1, maxQuantity: 1000, minNotional: 5)
        switch rules.admit(quantity: quantity, price: price) {
        case .success(let sent): #expect(BinanceDecimal.format(sent) == expected)
        case .failure(let refusal): #expect(refusal.filter == expected)
        }
    }
}
