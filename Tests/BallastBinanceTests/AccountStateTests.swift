import BallastBinance
import BallastEngine
import BallastFakeExchange
import Testing

/// Issue 16 item 1: what the reconciliation reads from the venue, on the fake exchange's wire.
@Suite struct AccountStateTests {
    @Test("balances moved by a fill and its fee, open orders of anyone on the symbol, assets from exchangeInfo")
    func accountState() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(200, symbol: "BTCUSDT")
            await fx.exchange.setBalance(10_000, asset: "USDT")
            await fx.exchange.setBalance(3, asset: "BNB")
            let venue = fx.venue()
            let bought = try await venue.submit(
                VenueOrder(clientOrderID: "bl1-e0-1", symbol: "BTCUSDT", action: .buy, quantity: 2, referencePrice: 200)
            )
            #expect(bought.status == .filled)
            await fx.exchange.placeForeignOrder(clientOrderID: "manual-1", symbol: "BTCUSDT", quantity: 0.1)
            await fx.exchange.placeForeignOrder(clientOrderID: "other-1", symbol: "ETHUSDT", quantity: 1)

            let state = try await venue.accountState(symbols: ["BTCUSDT"])
            // 10,000 − 2 × 200 − 0.1 % fee of 400.
            #expect(state.balances == ["USDT": 9_599.6, "BTC": 2, "BNB": 3])
            #expect(state.openOrders.map(\.clientOrderID) == ["manual-1"])
            #expect(state.assets == ["BTCUSDT": SymbolAssets(base: "BTC", quote: "USDT")])
            let reads = await fx.exchange.requests(method: "GET", path: "/api/v3/account")
            #expect(reads.count == 1)
            #expect(reads.first?.parameters["signature"] != nil)
            #expect(reads.first?.apiKey == testAPIKey)
        }
    }

}
