import BallastCore
import BallastFakeExchange
import BallastTestKit
import Foundation
import GRDB
import Testing

/// `ballast live --feed binance --venue binance` end to end against the fake exchange on 127.0.0.1:
/// klines polled and caught up from `--start`, orders signed and sent at decision time, the ledger
/// filled at the exchange's executions, a SIGKILL and a restart that sends no order twice.
@Suite("ballast live against a fake Binance on 127.0.0.1", .serialized)
struct LiveBinanceProcessTests {
    static let key = "test-api-key"
    static let secret = "test-api-secret-not-logged"
    static let days = 120

    /// `ballast live PATH` with the Binance feed and venue at the fake exchange's `url`, journaling to
    /// `database`, catching up from `start`, printing each bar group it handles.
    static func liveArguments(_ path: String, url: URL, database: String, start: String) -> [String] {
        [
            "live", path, "--feed", "binance", "--venue", "binance", "--binance-base-url", url.absoluteString,
            "--db", database, "--start", start, "--print-bars",
        ]
    }

    static let portfolio = """
        [portfolio]
        name = "binance-e2e"
        initial_balance = 10_000
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
        """

    /// Daily klines ending at today's 00:00 UTC (all closed), closes swinging so the averages cross.
    static func klines(today: Int64) -> [FakeKline] {
        (0..<days).map { index in
            let open = today - Int64(days - index) * 86_400
            let close = 100 + 12 * sin(Double(index) / 4)
            return FakeKline(
                openSeconds: open, timeframe: .oneDay, open: close - 1, high: close + 2, low: close - 3, close: close)
        }
    }

    @Test("catch-up from --start, signed orders at decision time, SIGKILL and resume without sending any order twice")
    func endToEnd() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write("BTCUSDT.csv", TextFixtures.dailyCSV(count: 10))
        let database = directory.path("live.sqlite")
        let exchange = FakeBinanceExchange(apiKey: Self.key, secret: Self.secret)
        let url = try await exchange.start()
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let klines = Self.klines(today: today)
        await exchange.seedKlines(symbol: "BTCUSDT", timeframe: .oneDay, klines)
        await exchange.setPrice(100, symbol: "BTCUSDT")
        // The account holds the portfolio's initial balance: the reconciliation at each start is clean.
        await exchange.setBalance(10_000, asset: "USDT")
        let start = Timestamp(seconds: klines[0].openTime / 1000 - 86_400).description
        let arguments = Self.liveArguments(path, url: url, database: database, start: start)
        let environment = ["BALLAST_BINANCE_API_KEY": Self.key, "BALLAST_BINANCE_API_SECRET": Self.secret]
        let lastLine = "bar \(Timestamp(seconds: today))"

        let first = try BallastProcess(arguments, environment: environment)
        var seen = 0
        while seen < 60, await first.nextLine() != nil { seen += 1 }
        kill(first.process.processIdentifier, SIGKILL)
        _ = await first.finished()
        #expect(seen == 60)

        let second = try BallastProcess(arguments, environment: environment)
        var reachedEnd = false
        while let line = await second.nextLine() {
            if line.hasPrefix(lastLine) {
                reachedEnd = true
                break
            }
        }
        kill(second.process.processIdentifier, SIGTERM)
        let status = await second.finished()
        await exchange.stop()
        #expect(reachedEnd)
        #expect(status == 0, "\(second.standardError)")
        #expect(!second.standardError.contains(Self.secret))

        // Each start (the first, and the resume after SIGKILL) read the account before its first order.
        let all = await exchange.requests
        let accountReads = all.indices.filter { all[$0].path == "/api/v3/account" }
        #expect(accountReads.count == 2)
        if let firstPost = all.firstIndex(where: { $0.method == "POST" }), let firstRead = accountReads.first {
            #expect(firstRead < firstPost)
        }
        #expect(!second.standardError.contains("differs from the journal"))
        let posts = await exchange.requests(method: "POST", path: "/api/v3/order")
        let ids = posts.compactMap { $0.parameters["newClientOrderId"] }
        #expect(ids.count == Set(ids).count, "an order id was posted twice")
        let queue = try DatabaseQueue(path: database)
        let (fills, orders, filled, bars) = try await queue.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM fills") ?? 0,
                try String.fetchAll(db, sql: "SELECT client_order_id FROM venue_orders ORDER BY fill_seq"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM venue_orders WHERE status = 'filled'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM live_bars") ?? 0
            )
        }
        #expect(bars == Self.days)
        #expect(fills > 4)
        // Orders go out at decision time and the ledger fills at them with the next bar: every fill
        // has its order; the orders of the last group may still wait for a bar (at most one per part).
        #expect(orders.count >= fills && orders.count <= fills + 2)
        #expect(filled == orders.count)
        #expect(Set(ids) == Set(orders))
    }
}
