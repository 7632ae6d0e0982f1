import BallastBinance
import BallastEngine
import BallastFakeExchange
import Testing

@Suite struct SpotVenueTests {
    let order = VenueOrder(clientOrderID: "run1-000042", symbol: "BTCUSDT", action: .buy, quantity: 0.01)

    @Test func orderRoundTrip() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(25_000, symbol: "BTCUSDT")
            await fx.exchange.setCommission(rate: 0.001, asset: "USDT")
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .filled)
            #expect(execution.clientOrderID == order.clientOrderID)
            #expect(execution.symbol == "BTCUSDT")
            #expect(execution.executedQuantity == 0.01)
            #expect(execution.averagePrice == 25_000)
            #expect(abs(execution.commission - 0.25) < 1e-9)
            let posts = await fx.exchange.requests(method: "POST", path: "/api/v3/order")
            #expect(posts.count == 1)
            let sent = try #require(posts.first).parameters
            #expect(sent["type"] == "MARKET")
            #expect(sent["side"] == "BUY")
            #expect(sent["quantity"] == "0.01")
            #expect(sent["newClientOrderId"] == order.clientOrderID)
            #expect(sent["newOrderRespType"] == "FULL")
            let later = try await fx.venue().status(clientOrderID: order.clientOrderID, symbol: "BTCUSDT")
            #expect(later?.status == .filled)
            #expect(later?.averagePrice == 25_000)
        }
    }

    @Test func partialFillThenFilledThroughPolling() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(2_000, symbol: "BTCUSDT")
            await fx.exchange.scriptOrder(
                clientOrderID: order.clientOrderID, states: [.partiallyFilled(0.5), .partiallyFilled(0.5), .filled])
            let venue = fx.venue(pollInterval: 0.25)
            let first = try await venue.submit(order)
            #expect(first.status == .partiallyFilled)
            #expect(first.executedQuantity == 0.005)
            let final = try await venue.waitForFinal(clientOrderID: order.clientOrderID, symbol: "BTCUSDT", timeout: 5)
            #expect(final?.status == .filled)
            #expect(final?.executedQuantity == 0.01)
            #expect(final?.averagePrice == 2_000)
            #expect(fx.sleeps.requested == [0.25])
        }
    }

    @Test func waitForFinalGivesUpAtTheTimeoutWithTheLastKnownState() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptOrder(clientOrderID: order.clientOrderID, states: [.new])
            let venue = fx.venue(pollInterval: 0.5)
            _ = try await venue.submit(order)
            let last = try await venue.waitForFinal(clientOrderID: order.clientOrderID, symbol: "BTCUSDT", timeout: 1)
            #expect(last?.status == .new)
            #expect(fx.sleeps.requested == [0.5, 0.5])
            let unknown = try await venue.waitForFinal(clientOrderID: "never-sent", symbol: "BTCUSDT", timeout: 0)
            #expect(unknown == nil)
        }
    }

    @Test func rejectionIsReturnedWithItsReason() async throws {
        try await withExchange { fx in
            let message = "Account has insufficient balance for requested action."
            await fx.exchange.scriptRejection(clientOrderID: order.clientOrderID, message: message)
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .rejected)
            #expect(execution.executedQuantity == 0)
            #expect(execution.reason == "-2010: \(message)")
        }
    }

    @Test func submittingTheSameClientIDTwicePostsOnce() async throws {
        try await withExchange { fx in
            let venue = fx.venue()
            let first = try await venue.submit(order)
            let second = try await venue.submit(order)
            #expect(first.status == .filled)
            #expect(second.status == .filled)
            #expect(second.executedQuantity == first.executedQuantity)
            #expect(await fx.exchange.requests(method: "POST", path: "/api/v3/order").count == 1)
        }
    }

    @Test func lostResponseIsResolvedByQueryingNotByPostingAgain() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptFaults([.processThenFail(status: 504)], method: "POST", path: "/api/v3/order")
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .filled)
            #expect(await fx.exchange.requests(method: "POST", path: "/api/v3/order").count == 1)
            #expect(fx.sleeps.requested == [0.5])
        }
    }

    /// Issue 16 item 0: an order whose answer was lost is looked up with `GET /api/v3/order`, which
    /// carries no fills; its commission comes from its trades, equal to the one the exchange charged.
    @Test func lookedUpOrderCarriesTheCommissionTheExchangeCharged() async throws {
        try await withExchange { fx in
            await fx.exchange.setPrice(25_000, symbol: "BTCUSDT")
            await fx.exchange.setCommission(rate: 0.001, asset: "USDT")
            await fx.exchange.scriptFaults([.processThenFail(status: 504)], method: "POST", path: "/api/v3/order")
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .filled)
            let charged = try #require(await fx.exchange.executedTotals()["BTCUSDT"]).commission
            #expect(abs(charged - 0.25) < 1e-9)
            #expect(abs(execution.commission - charged) < 1e-9)
            let trades = await fx.exchange.requests(method: "GET", path: "/api/v3/myTrades")
            #expect(trades.count == 1)
            #expect(trades.first?.parameters["orderId"] != nil)
            let later = try await fx.venue().status(clientOrderID: order.clientOrderID, symbol: "BTCUSDT")
            #expect(abs((later?.commission ?? 0) - charged) < 1e-9)
        }
    }

    @Test func duplicateOrderAnswerIsResolvedByQuerying() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptOrder(clientOrderID: order.clientOrderID, states: [.new])
            _ = try await fx.client.newOrder(
                symbol: "BTCUSDT", side: .buy, quantity: 0.01, clientOrderID: order.clientOrderID)
            // The venue's first query lags behind the order: Binance answers "does not exist".
            await fx.exchange.scriptFaults([.orderNotFound], method: "GET", path: "/api/v3/order")
            let execution = try await fx.venue().submit(order)
            #expect(execution.status == .new)
            let posts = await fx.exchange.requests(method: "POST", path: "/api/v3/order")
            #expect(posts.map(\.status) == [200, 400])
            let open = try await fx.venue().openOrders(symbols: ["BTCUSDT"])
            #expect(open.count == 1)
        }
    }

    @Test func openOrdersAndCancel() async throws {
        try await withExchange { fx in
            await fx.exchange.scriptOrder(clientOrderID: order.clientOrderID, states: [.new])
            let venue = fx.venue()
            _ = try await venue.submit(order)
            let open = try await venue.openOrders(symbols: ["BTCUSDT", "ETHUSDT"])
            #expect(open.map(\.clientOrderID) == [order.clientOrderID])
            #expect(open.first?.status == .new)
            let canceled = try await venue.cancel(clientOrderID: order.clientOrderID, symbol: "BTCUSDT")
            #expect(canceled.status == .canceled)
            #expect(canceled.clientOrderID == order.clientOrderID)
            // Canceling again: Binance refuses (-2011), the venue reports the order's state.
            let again = try await venue.cancel(clientOrderID: order.clientOrderID, symbol: "BTCUSDT")
            #expect(again.status == .canceled)
            let stillOpen = try await venue.openOrders(symbols: ["BTCUSDT"])
            #expect(stillOpen.isEmpty)
            await #expect(throws: BinanceError.self) {
                try await venue.cancel(clientOrderID: "never-sent", symbol: "BTCUSDT")
            }
        }
    }

    @Test func unknownOrderHasNoStatus() async throws {
        try await withExchange { fx in
            let unknown = try await fx.venue().status(clientOrderID: "never-sent", symbol: "BTCUSDT")
            #expect(unknown == nil)
            #expect(fx.venue().name == "binance")
        }
    }
}
