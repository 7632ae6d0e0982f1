import BallastCore
import BallastFakeExchange
import BallastTestKit
import Foundation
import GRDB
import Testing

/// Issue 16 item 3: `[execution] stops = "venue"` — each long position's stop-loss also rests at the
/// (fake) exchange as a `STOP_LOSS` order, moved with the trailing stop, cancelled before the
/// position's exit, booked as the exit when it sells, and reconciled at a restart. Asserted on the
/// fake exchange's wire, on 127.0.0.1.
@Suite("ballast live rests protective stops at the venue", .serialized)
struct VenueStopsProcessTests {
    /// A generous request deadline: at the start of a whole `swift test` the test process's
    /// concurrency pool (which serves the fake exchange) can be saturated by other suites for tens of
    /// seconds, and a 10 s deadline then fails every attempt of the first request.
    static let environment = VenueReconciliationProcessTests.environment.merging([
        "BALLAST_BINANCE_TIMEOUT": "60"
    ]) { $1 }

    /// The e2e portfolio with a 3.33 % stop-loss resting at the venue (and, when `trailing`, a 2 %
    /// trailing stop).
    static func portfolio(trailing: Bool = false, stops: String = "venue") -> String {
        """
        [portfolio]
        name = "binance-stops"
        initial_balance = 10_000
        [execution]
        stops = "\(stops)"
        [risk]
        max_daily_risk = 0.5
        [[strategies]]
        id = "swing"
        kind = "sma_cross"
        symbol = "BTCUSDT"
        timeframe = "1d"
        data = "BTCUSDT.csv"
        params = { fast = 2, slow = 5 }
        [strategies.risk]
        base_fraction = 0.5
        stop_loss_pct = 0.0333
        """ + (trailing ? "\n[strategies.risk.trailing_stop]\ndistance_pct = 0.02\n" : "\n")
    }

    /// Daily closes: 20 days down from 104, then up (`rising` days), then down again (`falling` days);
    /// highs and lows 0.3 away. The last kline closes at `today` 00:00.
    static func klines(today: Int64, rising: Int = 10, falling: Int = 0) -> [FakeKline] {
        var closes = (0..<20).map { 104 - 0.3 * Double($0) }
        closes += (0..<rising).map { 98.5 + 0.3 * Double($0) }
        let top = closes.last ?? 100
        closes += (0..<falling).map { top - 0.5 * Double($0 + 1) }
        return closes.enumerated().map { index, close in
            FakeKline(
                openSeconds: today - Int64(closes.count - index) * 86_400, timeframe: .oneDay, open: close,
                high: close + 0.3, low: close - 0.3, close: close)
        }
    }

    struct Setup {
        var directory: TemporaryDirectory
        var exchange: FakeBinanceExchange
        var arguments: [String]
        var database: String
        var klines: [FakeKline]
    }

    /// A fake exchange at price 100 with a 0.001 step and a 0.25 tick, holding the initial balance and
    /// refusing a sell above the free balance; `seeded` klines served.
    static func setUp(portfolio: String, klines: [FakeKline], seeded: Int? = nil) async throws -> Setup {
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.toml", portfolio)
        try directory.write("BTCUSDT.csv", TextFixtures.dailyCSV(count: 10))
        let exchange = FakeBinanceExchange(
            apiKey: LiveBinanceProcessTests.key, secret: LiveBinanceProcessTests.secret)
        let url = try await exchange.start()
        await exchange.seedKlines(symbol: "BTCUSDT", timeframe: .oneDay, Array(klines.prefix(seeded ?? klines.count)))
        await exchange.setPrice(100, symbol: "BTCUSDT")
        await exchange.setSymbolRules(FakeSymbolRules(stepSize: 0.001, tickSize: 0.25), symbol: "BTCUSDT")
        await exchange.setBalance(10_000, asset: "USDT")
        await exchange.setChecksFreeBalance(true)
        let database = directory.path("live.sqlite")
        let start = Timestamp(seconds: klines[0].openTime / 1000 - 86_400).description
        return Setup(
            directory: directory, exchange: exchange,
            arguments: LiveBinanceProcessTests.liveArguments(path, url: url, database: database, start: start),
            database: database, klines: klines)
    }

    /// The line `--print-bars` prints for the group closing at kline `index`'s close.
    static func line(_ klines: [FakeKline], _ index: Int) -> String {
        "bar \(Timestamp(seconds: (klines[index].closeTime + 1) / 1000 - 86_400))"
    }

    /// Runs until the line of kline `index`, then sends `signal`; returns the exit status.
    static func run(_ setup: Setup, until index: Int, extra: [String] = [], signal: Int32 = SIGTERM) async throws
        -> (status: Int32, reached: Bool, errors: String)
    {
        let child = try BallastProcess(setup.arguments + extra, environment: environment)
        var reached = false
        let wanted = line(setup.klines, index)
        while let line = await child.nextLine() {
            if line.hasPrefix(wanted) {
                reached = true
                break
            }
        }
        kill(child.process.processIdentifier, signal)
        let status = await child.finished()
        return (status, reached, child.standardError)
    }

    static func orderPosts(_ exchange: FakeBinanceExchange) async -> [FakeRecordedRequest] {
        await exchange.requests(method: "POST", path: "/api/v3/order")
    }

    static func trades(_ database: String) throws -> [(reason: String, price: Double, quantity: Double)] {
        try DatabaseQueue(path: database).read { db in
            try Row.fetchAll(db, sql: "SELECT exit_reason, exit_price, quantity FROM trades ORDER BY seq").map {
                (
                    reason: $0["exit_reason"] as String, price: $0["exit_price"] as Double,
                    quantity: $0["quantity"] as Double
                )
            }
        }
    }

    /// The journal's net base position and quote flow (fills) against what the exchange executed.
    static func journalEqualsExchange(_ setup: Setup) async throws -> [String] {
        let fills = try await DatabaseQueue(path: setup.database).read { db in
            try Row.fetchAll(db, sql: "SELECT side, quantity, price, fee FROM fills").map {
                (
                    buy: ($0["side"] as String) == "buy", quantity: $0["quantity"] as Double,
                    price: $0["price"] as Double, fee: $0["fee"] as Double
                )
            }
        }
        var base = 0.0
        var quote = 0.0
        for fill in fills {
            base += (fill.buy ? 1 : -1) * fill.quantity
            quote += (fill.buy ? -1 : 1) * fill.quantity * fill.price - fill.fee
        }
        let venue = await setup.exchange.executedTotals()["BTCUSDT"] ?? FakeExecutedTotals()
        var differences: [String] = []
        if abs(base - venue.baseQuantity) > 1e-6 { differences.append("base \(base) vs \(venue.baseQuantity)") }
        if abs(quote - (venue.quoteFlow - venue.commission)) > 0.01 {
            differences.append("quote \(quote) vs \(venue.quoteFlow - venue.commission)")
        }
        return differences
    }

    @Test(
        "an entry fill is followed by a STOP_LOSS at the tick-rounded stop; a trailing move cancels and places the next version; the exit cancels the stop first, one sell per position"
    )
    func placeMoveAndCancelBeforeExit() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(
            portfolio: Self.portfolio(trailing: true), klines: Self.klines(today: today, rising: 10, falling: 8))
        defer { setup.directory.remove() }
        let outcome = try await Self.run(setup, until: setup.klines.count - 1)
        let all = await setup.exchange.requests
        let stops = await setup.exchange.stopOrders
        await setup.exchange.stop()
        #expect(outcome.reached, "\(outcome.errors)")
        #expect(outcome.status == 0, "\(outcome.errors)")
        let orders = all.filter { $0.path == "/api/v3/order" && $0.method != "GET" }
        #expect(orders.allSatisfy { $0.status == 200 }, "\(orders.filter { $0.status != 200 })")
        let posts = orders.filter { $0.method == "POST" }
        let buys = posts.filter { $0.parameters["side"] == "BUY" }
        #expect(!buys.isEmpty)
        // Every entry is followed, before any other order, by a STOP_LOSS of its quantity at
        // 100 × (1 − 0.0333) = 96.67 rounded down to the 0.25 tick.
        for buy in buys {
            guard let index = orders.firstIndex(where: { $0 == buy }), index + 1 < orders.count else {
                Issue.record("no order after the entry")
                continue
            }
            let next = orders[index + 1]
            #expect(next.method == "POST" && next.parameters["type"] == "STOP_LOSS", "\(next)")
            #expect(next.parameters["side"] == "SELL")
            #expect(next.parameters["quantity"] == buy.parameters["quantity"])
            #expect(next.parameters["stopPrice"].flatMap(Double.init) == 96.5, "\(next.parameters)")
            #expect(next.parameters["newClientOrderId"]?.hasSuffix("-1") == true)
        }
        // The trailing stop moved: a cancel of version 1, then version 2 higher up.
        let stopPosts = posts.filter { $0.parameters["type"] == "STOP_LOSS" }
        #expect(stopPosts.count >= 2)
        let prices = stopPosts.compactMap { $0.parameters["stopPrice"].flatMap(Double.init) }
        #expect(prices.count >= 2 && prices[1] > prices[0], "\(prices)")
        for (index, request) in orders.enumerated()
        where request.method == "POST" && request.parameters["newClientOrderId"]?.hasSuffix("-2") == true {
            let previous = orders[index - 1]
            #expect(previous.method == "DELETE", "\(previous)")
            #expect(previous.parameters["origClientOrderId"]?.hasSuffix("-1") == true)
        }
        // Each market sell (an exit) comes right after the cancel of the position's resting stop.
        let sells = orders.indices.filter {
            orders[$0].method == "POST" && orders[$0].parameters["type"] == "MARKET"
                && orders[$0].parameters["side"] == "SELL"
        }
        #expect(!sells.isEmpty)
        for index in sells {
            #expect(orders[index - 1].method == "DELETE", "\(orders[index - 1])")
        }
        // One sell per position: what was bought was sold once, no stop filled, none left open.
        #expect(stops.allSatisfy { $0.status == "CANCELED" }, "\(stops)")
        let bought = buys.compactMap { $0.parameters["quantity"].flatMap(Double.init) }.reduce(0, +)
        let sold = orders.indices.filter { sells.contains($0) }.compactMap {
            orders[$0].parameters["quantity"].flatMap(Double.init)
        }.reduce(0, +)
        #expect(abs(bought - sold) < 1e-9)
        #expect(try await Self.journalEqualsExchange(setup).isEmpty)
    }

    @Test(
        "a stop that sells at the fake while Ballast runs is booked as the exit at its price, reason stop_loss; journal equals exchange"
    )
    func stopFillsWhileRunning() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(portfolio: Self.portfolio(), klines: Self.klines(today: today))
        defer { setup.directory.remove() }
        await setup.exchange.scriptPriceMove(afterStopPlacements: 1, to: 95, symbol: "BTCUSDT")
        let outcome = try await Self.run(setup, until: setup.klines.count - 1)
        let posts = await Self.orderPosts(setup.exchange)
        let stops = await setup.exchange.stopOrders
        let differences = try await Self.journalEqualsExchange(setup)
        #expect(outcome.reached && outcome.status == 0, "\(outcome.errors)")
        #expect(stops.first?.status == "FILLED", "\(stops)")
        let trades = try Self.trades(setup.database)
        #expect(trades.first?.reason == "stop_loss", "\(trades)")
        #expect(trades.first?.price == 95)
        // The stop sold the position: no market sell was sent for it.
        #expect(!posts.contains { $0.parameters["type"] == "MARKET" && $0.parameters["side"] == "SELL" })
        #expect(posts.allSatisfy { $0.status == 200 })
        #expect(differences.isEmpty, "\(differences)")
        // A restart replays the exit the stop booked after the same bar group: the replay reproduces
        // the committed state (else the resume is refused).
        let again = try await Self.restartAndFlatten(setup)
        await setup.exchange.stop()
        #expect(again.status == 0, "\(again.errors)")
        #expect(!again.errors.contains("did not reproduce"), "\(again.errors)")
    }

    /// A restart with nothing new to trade and `--flatten-on-exit`: once its feed polls the exchange,
    /// SIGTERM; the reconciliation runs before the finish (SPEC §18). Returns the exit status.
    static func restartAndFlatten(_ setup: Setup, extra: [String] = []) async throws -> (status: Int32, errors: String)
    {
        let polls = await setup.exchange.requests(method: "GET", path: "/api/v3/klines").count
        let child = try BallastProcess(setup.arguments + ["--flatten-on-exit"] + extra, environment: environment)
        for _ in 0..<200 {
            if await setup.exchange.requests(method: "GET", path: "/api/v3/klines").count > polls { break }
            if !child.process.isRunning { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        kill(child.process.processIdentifier, SIGTERM)
        let status = await child.finished()
        return (status, child.standardError)
    }

    @Test(
        "kill -9 with a position open, the stop sells while Ballast is down: the restart reconciles and books the exit from the stop's fill, selling nothing"
    )
    func stopFillsWhileDown() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(portfolio: Self.portfolio(), klines: Self.klines(today: today))
        defer { setup.directory.remove() }
        let first = try await Self.run(setup, until: setup.klines.count - 1, signal: SIGKILL)
        #expect(first.reached, "\(first.errors)")
        let resting = await setup.exchange.stopOrders
        #expect(resting.count == 1 && resting.first?.status == "NEW", "\(resting)")
        let postsBefore = await Self.orderPosts(setup.exchange).count
        // While Ballast is down the price trades through the stop.
        await setup.exchange.setPrice(95, symbol: "BTCUSDT")
        let second = try await Self.restartAndFlatten(setup)
        let posts = await Self.orderPosts(setup.exchange)
        let differences = try await Self.journalEqualsExchange(setup)
        await setup.exchange.stop()
        #expect(second.status == 0, "\(second.errors)")
        #expect(!second.errors.contains("differs from the journal"), "\(second.errors)")
        #expect(posts.count == postsBefore, "\(posts.dropFirst(postsBefore))")
        let trades = try Self.trades(setup.database)
        #expect(trades.count == 1)
        #expect(trades.first?.reason == "stop_loss", "\(trades)")
        #expect(trades.first?.price == 95)
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test("a journal-open stop gone at the venue: exit 1 with the table; with --adopt-venue-state it is placed again")
    func stopMissingAtRestart() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(portfolio: Self.portfolio(), klines: Self.klines(today: today))
        defer { setup.directory.remove() }
        let first = try await Self.run(setup, until: setup.klines.count - 1, signal: SIGKILL)
        #expect(first.reached, "\(first.errors)")
        let resting = try #require(await setup.exchange.stopOrders.first)
        await setup.exchange.cancelByHand(clientOrderID: resting.clientOrderID)
        let postsBefore = await Self.orderPosts(setup.exchange).count
        let refused = try await Self.restartAndFlatten(setup)
        #expect(refused.status == 1, "\(refused.errors)")
        #expect(refused.errors.contains("open order \(resting.clientOrderID) (BTCUSDT)"), "\(refused.errors)")
        #expect(await Self.orderPosts(setup.exchange).count == postsBefore)
        let adopted = try await Self.restartAndFlatten(setup, extra: ["--adopt-venue-state"])
        let stops = await setup.exchange.stopOrders
        let orders = await setup.exchange.requests.filter { $0.path == "/api/v3/order" && $0.method != "GET" }
        await setup.exchange.stop()
        #expect(adopted.status == 0, "\(adopted.errors)")
        #expect(adopted.errors.contains("placing it again"), "\(adopted.errors)")
        #expect(stops.count == 2, "\(stops)")
        let again = String(resting.clientOrderID.dropLast()) + "2"
        #expect(stops.last?.clientOrderID == again)
        #expect(stops.last?.stopPrice == resting.stopPrice)
        // --flatten-on-exit then cancels it before the position's market sell.
        #expect(stops.last?.status == "CANCELED")
        let placed = orders.firstIndex { $0.method == "POST" && $0.parameters["newClientOrderId"] == again }
        let cancelled = orders.firstIndex { $0.method == "DELETE" && $0.parameters["origClientOrderId"] == again }
        let sold = orders.firstIndex {
            $0.method == "POST" && $0.parameters["side"] == "SELL" && $0.parameters["type"] == "MARKET"
        }
        #expect(placed != nil && cancelled != nil && sold != nil)
        if let placed, let cancelled, let sold { #expect(placed < cancelled && cancelled < sold) }
    }

    @Test(
        "a stop that sold part of the position before its exit: the exit sells only the rest and books both at their average"
    )
    func partlyFilledStopBeforeExit() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(portfolio: Self.portfolio(), klines: Self.klines(today: today))
        defer { setup.directory.remove() }
        let child = try BallastProcess(setup.arguments + ["--flatten-on-exit"], environment: Self.environment)
        var reached = false
        let last = Self.line(setup.klines, setup.klines.count - 1)
        while let line = await child.nextLine() {
            if line.hasPrefix(last) {
                reached = true
                break
            }
        }
        let stop = try #require(await setup.exchange.stopOrders.first)
        // The market traded through the stop (96.5) and came back: half of it sold at 96. Then
        // SIGTERM with --flatten-on-exit sends the position's exit (the price is 100 again).
        await setup.exchange.fillStopPartially(clientOrderID: stop.clientOrderID, fraction: 0.5, price: 96)
        kill(child.process.processIdentifier, SIGTERM)
        let status = await child.finished()
        let errors = child.standardError
        let posts = await Self.orderPosts(setup.exchange)
        let stops = await setup.exchange.stopOrders
        let differences = try await Self.journalEqualsExchange(setup)
        await setup.exchange.stop()
        #expect(reached && status == 0, "\(errors)")
        #expect(stops.first?.status == "CANCELED", "\(stops)")
        let sells = posts.filter { $0.parameters["side"] == "SELL" && $0.parameters["type"] == "MARKET" }
        #expect(sells.count == 1)
        #expect(sells.first?.parameters["quantity"].flatMap(Double.init) == stop.quantity / 2, "\(sells)")
        let trades = try Self.trades(setup.database)
        #expect(trades.count == 1)
        #expect(abs((trades.first?.quantity ?? 0) - stop.quantity) < 1e-9)
        // Booked at the average of the stop's half (96) and the market's half (100).
        #expect(abs((trades.first?.price ?? 0) - 98) < 1e-9, "\(trades)")
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test("a symbol without STOP_LOSS among its order types: exit 78 naming the file, line and key, nothing sent")
    func symbolWithoutStopOrders() async throws {
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let setup = try await Self.setUp(portfolio: Self.portfolio(), klines: Self.klines(today: today))
        defer { setup.directory.remove() }
        await setup.exchange.setOrderTypes(["LIMIT", "MARKET"], symbol: "BTCUSDT")
        let child = try BallastProcess(setup.arguments, environment: Self.environment)
        var lines = 0
        while await child.nextLine() != nil { lines += 1 }
        let status = await child.finished()
        let errors = child.standardError
        let posts = await Self.orderPosts(setup.exchange)
        await setup.exchange.stop()
        #expect(status == 78, "\(errors)")
        #expect(lines == 0)
        #expect(posts.isEmpty)
        #expect(errors.contains("p.toml:5: execution.stops: "), "\(errors)")
        #expect(errors.contains("BTCUSDT does not accept stop orders"), "\(errors)")
        if FileManager.default.fileExists(atPath: setup.database) {
            #expect(try VenueReconciliationProcessTests.count("runs", in: setup.database) == 0)
        }
    }
}
