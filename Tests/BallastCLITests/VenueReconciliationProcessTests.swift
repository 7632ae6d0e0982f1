import BallastCore
import BallastFakeExchange
import BallastTestKit
import Foundation
import GRDB
import Testing

/// Issue 16 item 1 (SPEC §18): `ballast live --venue binance` reconciles the fake exchange's balances
/// and open orders with the journal before its first order. A difference stops the run (exit 1)
/// with the table and nothing sent or journaled; `--adopt-venue-state` journals the venue's state
/// and the run proceeds. The clean start and the resume after SIGKILL are in
/// `LiveBinanceProcessTests.endToEnd` (one account read per start, before the first order).
@Suite("ballast live reconciles the venue with the journal at start", .serialized)
struct VenueReconciliationProcessTests {
    struct Setup {
        var directory: TemporaryDirectory
        var exchange: FakeBinanceExchange
        var arguments: [String]
        var database: String
        var lastLine: String
    }

    static let environment = [
        "BALLAST_BINANCE_API_KEY": LiveBinanceProcessTests.key,
        "BALLAST_BINANCE_API_SECRET": LiveBinanceProcessTests.secret,
    ]

    /// An account holding the initial balance, 0.5 BTC nobody told Ballast about and an open order
    /// placed by hand.
    static func setUp() async throws -> Setup {
        let directory = try TemporaryDirectory()
        let path = try directory.write("p.toml", LiveBinanceProcessTests.portfolio)
        try directory.write("BTCUSDT.csv", TextFixtures.dailyCSV(count: 10))
        let exchange = FakeBinanceExchange(apiKey: LiveBinanceProcessTests.key, secret: LiveBinanceProcessTests.secret)
        let url = try await exchange.start()
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        let klines = LiveBinanceProcessTests.klines(today: today)
        await exchange.seedKlines(symbol: "BTCUSDT", timeframe: .oneDay, klines)
        await exchange.setPrice(100, symbol: "BTCUSDT")
        await exchange.setBalance(10_000, asset: "USDT")
        await exchange.setBalance(0.5, asset: "BTC")
        await exchange.placeForeignOrder(clientOrderID: "manual-1", symbol: "BTCUSDT", quantity: 0.1)
        let database = directory.path("live.sqlite")
        let start = Timestamp(seconds: klines[0].openTime / 1000 - 86_400).description
        return Setup(
            directory: directory, exchange: exchange,
            arguments: LiveBinanceProcessTests.liveArguments(path, url: url, database: database, start: start),
            database: database, lastLine: "bar \(Timestamp(seconds: today))")
    }

    static func count(_ table: String, in database: String) throws -> Int {
        try DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        }
    }

    @Test("a venue holding more than the journal: exit 1 with the table, no order sent, nothing journaled")
    func differenceStopsTheRun() async throws {
        let setup = try await Self.setUp()
        defer { setup.directory.remove() }
        let child = try BallastProcess(setup.arguments, environment: Self.environment)
        var lines = 0
        while await child.nextLine() != nil { lines += 1 }
        let status = await child.finished()
        let posts = await setup.exchange.requests(method: "POST", path: "/api/v3/order")
        let cancels = await setup.exchange.requests(method: "DELETE", path: "/api/v3/order")
        let reads = await setup.exchange.requests(method: "GET", path: "/api/v3/account")
        await setup.exchange.stop()
        #expect(status == 1, "\(child.standardError)")
        #expect(lines == 0)
        #expect(reads.count == 1)
        #expect(posts.isEmpty && cancels.isEmpty)
        let errors = child.standardError
        #expect(errors.contains("the venue's account differs from the journal; nothing was sent"))
        #expect(errors.contains("what"))
        #expect(errors.range(of: #"balance BTC\s+0\s+0\.5"#, options: .regularExpression) != nil, "\(errors)")
        #expect(
            errors.range(of: #"open order manual-1 \(BTCUSDT\)\s+none\s+new"#, options: .regularExpression) != nil)
        #expect(errors.contains("--adopt-venue-state"))
        for table in ["live_bars", "fills", "venue_orders", "venue_adoptions"] {
            #expect(try Self.count(table, in: setup.database) == 0, "\(table)")
        }
    }

    @Test(
        "--adopt-venue-state journals the venue's balance and cancels the unknown order, trades; a resume after SIGKILL reconciles"
    )
    func adoptionProceeds() async throws {
        let setup = try await Self.setUp()
        defer { setup.directory.remove() }
        let child = try BallastProcess(setup.arguments + ["--adopt-venue-state"], environment: Self.environment)
        var seen = 0
        while seen < 60, await child.nextLine() != nil { seen += 1 }
        kill(child.process.processIdentifier, SIGKILL)
        _ = await child.finished()
        #expect(seen == 60, "\(child.standardError)")
        #expect(child.standardError.contains("adopted the venue's state for live run 1"))
        var all = await setup.exchange.requests
        let cancel = all.firstIndex { $0.method == "DELETE" && $0.parameters["origClientOrderId"] == "manual-1" }
        let firstPost = all.firstIndex { $0.method == "POST" }
        #expect(cancel != nil)
        if let cancel, let firstPost { #expect(cancel < firstPost) }
        let adoptions = try await DatabaseQueue(path: setup.database).read { db in
            try Row.fetchAll(db, sql: "SELECT kind, asset, client_order_id, offset FROM venue_adoptions ORDER BY id")
                .map { row -> String in
                    let asset: String? = row["asset"]
                    let id: String? = row["client_order_id"]
                    let offset: Double = row["offset"]
                    return "\(row["kind"] as String) \(asset ?? "-") \(id ?? "-") \(offset)"
                }
        }
        #expect(adoptions == ["balance BTC - 0.5", "order_cancelled - manual-1 0.0"])

        // The same command without the flag after a SIGKILL: the adopted 0.5 BTC is part of what the
        // journal implies, so the account reconciles before the first new bar and the run catches up.
        let again = try BallastProcess(setup.arguments, environment: Self.environment)
        var reachedEnd = false
        while let line = await again.nextLine() {
            if line.hasPrefix(setup.lastLine) {
                reachedEnd = true
                break
            }
        }
        kill(again.process.processIdentifier, SIGTERM)
        let status = await again.finished()
        all = await setup.exchange.requests
        await setup.exchange.stop()
        #expect(reachedEnd, "\(again.standardError)")
        #expect(status == 0, "\(again.standardError)")
        #expect(!again.standardError.contains("differs from the journal"))
        #expect(all.filter { $0.path == "/api/v3/account" }.count == 2)
        let ids = all.filter { $0.method == "POST" }.compactMap { $0.parameters["newClientOrderId"] }
        #expect(ids.count == Set(ids).count, "an order id was posted twice")
        #expect(try Self.count("venue_adoptions", in: setup.database) == 2)
        #expect(try Self.count("fills", in: setup.database) > 4)
        let balances = await setup.exchange.balances()
        #expect((balances["BTC"] ?? 0) >= 0.5 - 1e-9)
    }
}
