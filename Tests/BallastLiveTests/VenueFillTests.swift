import BallastBinance
import BallastCore
import BallastEngine
import BallastFakeExchange
import BallastLive
import BallastStore
import BallastStrategies
import BallastTestKit
import Foundation
import Logging
import Testing

/// With an external venue the ledger fills at the venue's executions: its price, its quantity, and
/// nothing when it rejects. Orders go out at decision time, keyed so that a restart replays them.
@Suite("Live with the Binance venue (fake exchange on 127.0.0.1): the ledger fills at the venue's executions")
struct VenueFillTests {
    static let key = "venue-test-key"
    static let secret = "venue-test-secret"

    struct Fixture {
        let session: LiveSession
        let store: BallastStore
        let exchange: FakeBinanceExchange
        let bars: BarSeries
        let runID: Int64
    }

    /// One scripted strategy on flat 100 daily bars, a fresh live run, the Binance venue on the fake.
    static func fixture(
        script: [Int: Signal], directory: TemporaryDirectory,
        clientSleeper: @escaping BinanceSleeper = BinanceSystem.sleeper,
        configure: (FakeBinanceExchange) async -> Void
    ) async throws -> Fixture {
        let exchange = FakeBinanceExchange(apiKey: key, secret: secret)
        let url = try await exchange.start()
        await exchange.setPrice(105, symbol: "BTCUSDT")
        await configure(exchange)
        // In-process fake exchange: its server shares the test process's concurrency pool with every
        // other test, so under a full parallel run an answer can wait seconds; the timeout and the
        // receive window are generous here (the transport's own deadline is tested elsewhere).
        let client = BinanceRESTClient(
            baseURL: url, credentials: BinanceCredentials(apiKey: key, secret: secret),
            transport: AsyncHTTPClientTransport(timeout: 120), recvWindow: 60_000,
            sleeper: clientSleeper)
        let venue = BinanceSpotVenue(client: client, pollInterval: 0.5, sleeper: { _ in })
        let bars = BarFixtures.flat("BTCUSDT", price: 100, count: 10)
        let setup = PortfolioSetup(
            name: "v", initialBalance: 10_000, execution: ExecutionSettings(),
            series: [BarSeries(symbol: "BTCUSDT", timeframe: .oneDay)],
            strategies: [
                StrategySetup(
                    id: "s", symbol: "BTCUSDT", seriesIndex: 0, capital: 1, strategy: ScriptedStrategy(script))
            ])
        let store = try BallastStore.open(path: directory.path("venue.sqlite"))
        let runID = try store.beginRun(
            LiveRunFixtures.scriptedHeader(name: "v", symbol: "BTCUSDT", inputHash: "v"),
            startedAt: LiveRunFixtures.started)
        let portfolio = LivePortfolio(
            setup: setup, annualization: .calendarDays365, journaling: true, venueFills: [:])
        let session = LiveSession(
            portfolio: portfolio, store: store, runID: runID, venue: venue, logger: Logger(label: "test"),
            wallClock: FixedWallClock(LiveRunFixtures.started))
        return Fixture(session: session, store: store, exchange: exchange, bars: bars, runID: runID)
    }

    static func feed(_ fixture: Fixture, through last: Int) async throws {
        for index in 0...last {
            _ = try await fixture.session.handle(
                .bars(
                    closeTime: fixture.bars.closeTime(at: index).seconds,
                    [LiveBar(series: 0, bar: fixture.bars[index])]))
        }
    }

    /// The entry order's client id for a signal at bar `bar` of strategy 0.
    static func entryID(_ fixture: Fixture, bar: Int) -> String {
        "bl\(fixture.runID)-e0-\(fixture.bars[bar].time.seconds)"
    }

    @Test("entry and exit fill at the exchange's 105, not the model's open of 100; orders sent at decision time")
    func fillsAtVenuePrice() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try await Self.fixture(script: [1: .enterLong, 4: .exit], directory: directory) { _ in }
        try await Self.feed(fixture, through: 1)
        // The entry went out right after bar 1's group, before bar 2 arrived.
        let posted = await fixture.exchange.requests(method: "POST", path: "/api/v3/order")
        #expect(posted.map { $0.parameters["newClientOrderId"] } == [Self.entryID(fixture, bar: 1)])
        try await Self.feed(fixture, through: 6)
        let result = await fixture.session.result()
        let trade = try #require(result.strategies[0].trades.first)
        #expect(trade.entryPrice == 105)
        #expect(trade.exitPrice == 105)
        let orders = try fixture.store.venueOrders(runID: fixture.runID)
        #expect(orders.map(\.order.action) == [.buy, .sell])
        #expect(orders.allSatisfy { $0.execution.status == .filled && $0.fillSeq == nil })
        // The ledger bought what the exchange filled.
        #expect(trade.quantity == orders[0].execution.executedQuantity)
        await fixture.exchange.stop()
    }

    @Test("a partial fill opens only the executed quantity; a rejected entry opens nothing")
    func partialAndRejected() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try await Self.fixture(
            script: [1: .enterLong, 3: .exit, 5: .enterLong], directory: directory
        ) { _ in }
        await fixture.exchange.scriptOrder(
            clientOrderID: Self.entryID(fixture, bar: 1), states: [.partiallyFilled(0.4)])
        await fixture.exchange.scriptRejection(
            clientOrderID: Self.entryID(fixture, bar: 5), message: "Account has insufficient balance")
        try await Self.feed(fixture, through: 7)
        let orders = try fixture.store.venueOrders(runID: fixture.runID)
        #expect(orders.map(\.execution.status) == [.partiallyFilled, .filled, .rejected])
        let asked = orders[0].order.quantity
        let result = await fixture.session.result()
        let trades = result.strategies[0].trades
        #expect(trades.count == 1)
        #expect(abs((trades.first?.quantity ?? 0) - 0.4 * asked) < 1e-6 * asked)
        // The exit asked the venue for what the ledger held: the partial quantity.
        #expect(abs(orders[1].order.quantity - 0.4 * asked) < 1e-6 * asked)
        await fixture.exchange.stop()
    }

    @Test("finishing sends the exits to the venue first: an entry filled at the last bar is booked, then closed there")
    func finishFlattensAtVenue() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let fixture = try await Self.fixture(script: [5: .enterLong], directory: directory) { _ in }
        try await Self.feed(fixture, through: 5)  // the entry went out after bar 5; no bar 6 comes
        try await fixture.session.finish()
        let orders = try fixture.store.venueOrders(runID: fixture.runID)
        #expect(orders.map(\.key) == ["e0-\(fixture.bars[5].time.seconds)", "z0-\(fixture.bars[5].time.seconds)"])
        #expect(orders.map(\.order.action) == [.buy, .sell])
        let result = await fixture.session.result()
        let trade = try #require(result.strategies[0].trades.first)
        #expect(trade.exitReason == .endOfData)
        #expect(trade.entryPrice == 105 && trade.exitPrice == 105)
        #expect(result.strategies[0].trades.count == 1)
        await fixture.exchange.stop()
    }
}
