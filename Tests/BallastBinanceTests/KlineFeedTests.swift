import BallastBinance
import BallastCore
import BallastEngine
import BallastFakeExchange
import Testing

@Suite struct KlineFeedTests {
    let t0: Int64 = 1_700_000_100  // a multiple of 300

    func feed(
        _ fx: ExchangeFixture, _ series: [(series: Int, symbol: String, timeframe: Timeframe)], driver: FeedDriver,
        failureThreshold: Int = 5
    ) -> BinanceKlineFeed {
        BinanceKlineFeed(
            series: series, client: fx.client, pollInterval: 60, failureThreshold: failureThreshold, now: driver.now,
            sleeper: driver.sleeper, logger: fx.logs.logger("feed"))
    }

    @Test func groupsByCloseTimeAfterTheResumePointAndSkipsOpenKlines() async throws {
        try await withExchange { fx in
            await fx.exchange.seedKlines(
                symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 900, to: t0 + 540))
            await fx.exchange.seedKlines(
                symbol: "ETHUSDT", timeframe: .fiveMinutes,
                minuteKlines(from: t0 - 900, to: t0 + 300, timeframe: .fiveMinutes))
            // Polls at t0+30, t0+90, t0+150.
            let driver = FeedDriver(start: t0 + 30, stopAfter: 3)
            let feed = feed(fx, [(0, "BTCUSDT", .oneMinute), (1, "ETHUSDT", .fiveMinutes)], driver: driver)
            let events = try await collect(feed.events(after: t0 - 300))
            #expect(events.map(\.closeTime) == [t0 - 240, t0 - 180, t0 - 120, t0 - 60, t0, t0 + 60, t0 + 120])
            #expect(events.map(\.seriesIndices) == [[0], [0], [0], [0], [0, 1], [0], [0]])
            guard case .bars(_, let group) = events[4] else { return }
            #expect(group[0].bar.time == Timestamp(seconds: t0 - 60))
            #expect(group[1].bar.time == Timestamp(seconds: t0 - 300))
            #expect(driver.requested == [60, 60, 60])
        }
    }

    @Test func startsAfterTheLatestClosedKlineWithoutAResumePoint() async throws {
        try await withExchange { fx in
            await fx.exchange.seedKlines(
                symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 300, to: t0 + 120))
            let driver = FeedDriver(start: t0 + 30, stopAfter: 2)
            let events = try await collect(feed(fx, [(0, "BTCUSDT", .oneMinute)], driver: driver).events(after: nil))
            #expect(events.map(\.closeTime) == [t0 + 60])
        }
    }

    @Test func missingSeriesGoesStaleItsGroupsGoOutWithoutItThenFresh() async throws {
        try await withExchange { fx in
            let exchange = fx.exchange
            await exchange.seedKlines(
                symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 120, to: t0 - 60))
            await exchange.seedKlines(
                symbol: "ETHUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 120, to: t0 + 180))
            let driver = FeedDriver(start: t0 + 30, stopAfter: 4) { sleep in
                if sleep == 3 {
                    await exchange.seedKlines(
                        symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0, to: t0 + 120))
                }
            }
            let feed = feed(fx, [(0, "BTCUSDT", .oneMinute), (1, "ETHUSDT", .oneMinute)], driver: driver)
            // Polls at t0+30, t0+90, t0+150 (BTC stale since t0+120), t0+210 (BTC back).
            let events = try await collect(feed.events(after: t0 - 120))
            #expect(events.count == 7)
            #expect(events[0].closeTime == t0 - 60)
            #expect(events[1].closeTime == t0)
            #expect(events[2] == .stale(series: [0]))
            #expect(events[3].closeTime == t0 + 60)
            #expect(events[3].seriesIndices == [1])
            #expect(events[4].closeTime == t0 + 120)
            #expect(events[5] == .fresh(series: [0]))
            #expect(events[6].closeTime == t0 + 180)
            #expect(events[6].seriesIndices == [0, 1])
            #expect(fx.logs.all.contains { $0.contains("stale") })
        }
    }

    @Test func repeatedFailuresReportFailingOnceThenRecovered() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 1)) { fx in
            await fx.exchange.seedKlines(
                symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 60, to: t0 + 600))
            await fx.exchange.scriptFaults(
                Array(repeating: .serverError(status: 503), count: 5), path: "/api/v3/klines")
            let driver = FeedDriver(start: t0 + 30, stopAfter: 6)
            let feed = feed(fx, [(0, "BTCUSDT", .oneMinute)], driver: driver, failureThreshold: 3)
            let events = try await collect(feed.events(after: t0 - 60))
            // Five failed polls (backoff 0.5, 1, 2, 4, 8 s), then a success at t0 + 45.5.
            #expect(driver.requested == [0.5, 1, 2, 4, 8, 60])
            #expect(events.count == 3)
            guard case .failing(let reason) = events.first else {
                Issue.record("expected failing first, got \(events)")
                return
            }
            #expect(reason.contains("503"))
            #expect(events[1] == .recovered)
            #expect(events[2].closeTime == t0)
        }
    }

    /// Issue 16 item 4: garbled answers count toward `failing` like 5xx, and the feed recovers.
    @Test func garbledAnswersReportFailingThenRecovered() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 1)) { fx in
            await fx.exchange.seedKlines(
                symbol: "BTCUSDT", timeframe: .oneMinute, minuteKlines(from: t0 - 60, to: t0 + 600))
            await fx.exchange.scriptFaults(Array(repeating: .garbage, count: 3), path: "/api/v3/klines")
            let driver = FeedDriver(start: t0 + 30, stopAfter: 4)
            let feed = feed(fx, [(0, "BTCUSDT", .oneMinute)], driver: driver, failureThreshold: 3)
            let events = try await collect(feed.events(after: t0 - 60))
            #expect(driver.requested.prefix(3) == [0.5, 1, 2])
            guard case .failing(let reason) = events.first else {
                Issue.record("expected failing first, got \(events)")
                return
            }
            #expect(reason.contains("not understood"))
            #expect(events.dropFirst().first == .recovered)
        }
    }

    @Test func unknownSymbolEndsTheStreamWithTheError() async throws {
        try await withExchange { fx in
            let driver = FeedDriver(start: t0, stopAfter: 10)
            let stream = feed(fx, [(0, "NOPEUSDT", .oneMinute)], driver: driver).events(after: t0 - 60)
            let error = await #expect(throws: BinanceError.self) { _ = try await collect(stream) }
            #expect(error?.code == -1121)
        }
    }

    @Test func credentialsNeverLogged() async throws {
        try await withExchange(retryPolicy: BinanceRetryPolicy(maxAttempts: 3)) { fx in
            await fx.exchange.scriptFaults([.rateLimited(retryAfter: 1), .serverError(status: 500)])
            _ = try await fx.venue().submit(
                VenueOrder(clientOrderID: "x1", symbol: "BTCUSDT", action: .sell, quantity: 1))
            #expect(!fx.logs.all.isEmpty)
            for line in fx.logs.all {
                #expect(!line.contains(testAPIKey))
                #expect(!line.contains(testSecret))
            }
        }
    }
}
