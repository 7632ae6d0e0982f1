import BallastCore
import BallastFakeExchange
import BallastTestKit
import Foundation
import GRDB
import Testing

/// The chaos test of issue 16 (SPEC §18 "Faults"): `ballast live --feed binance --venue binance`
/// against the fake exchange on 127.0.0.1 with a seeded schedule of faults on every request (5xx,
/// lost responses, 429 and 418 with `Retry-After`, answers slower than the client's timeout) and
/// SIGKILLs of Ballast at random bar groups, each followed by the same command again. At the end
/// (SIGTERM with `--flatten-on-exit`): no client order id placed twice, no fill journaled twice,
/// and the journal's positions and quote balance equal what the exchange executed.
///
/// `swift test` runs a short version (300 groups, 2 kills). The full one (docs/RELIABILITY.md):
/// `BALLAST_CHAOS_GROUPS=2000 BALLAST_CHAOS_KILLS=5 swift test --filter LiveChaosProcessTests`.
@Suite("Chaos: a live run against a faulty fake Binance, killed and resumed", .serialized)
struct LiveChaosProcessTests {
    static let key = "chaos-api-key"
    static let secret = "chaos-api-secret-not-logged"

    static let portfolio = """
        [portfolio]
        name = "chaos"
        initial_balance = 100_000
        [risk]
        max_daily_risk = 0.5
        max_position_size = 0.5
        max_correlated_exposure = 1.0
        [execution]
        fee_rate = 0.001
        [[strategies]]
        id = "swing-btc"
        kind = "sma_cross"
        symbol = "BTCUSDT"
        timeframe = "1d"
        data = "BTCUSDT.csv"
        params = { fast = 2, slow = 5 }
        [strategies.risk]
        base_fraction = 0.3
        [[strategies]]
        id = "swing-eth"
        kind = "sma_cross"
        symbol = "ETHUSDT"
        timeframe = "1d"
        data = "ETHUSDT.csv"
        params = { fast = 3, slow = 7 }
        [strategies.risk]
        base_fraction = 0.3
        """

    static func setting(_ name: String, default fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? fallback
    }

    /// Daily klines ending at today's 00:00 UTC (all closed), closes swinging so the averages cross.
    static func klines(today: Int64, days: Int, phase: Double) -> [FakeKline] {
        (0..<days).map { index in
            let open = today - Int64(days - index) * 86_400
            let close = 100 + 12 * sin(Double(index) / 4 + phase)
            return FakeKline(
                openSeconds: open, timeframe: .oneDay, open: close - 1, high: close + 2, low: close - 3, close: close)
        }
    }

    @Test("seeded faults and SIGKILLs: no order placed twice, no fill journaled twice, journal equals exchange")
    func chaos() async throws {
        let groups = Self.setting("BALLAST_CHAOS_GROUPS", default: 300)
        let kills = Self.setting("BALLAST_CHAOS_KILLS", default: 2)
        let seed = UInt64(Self.setting("BALLAST_CHAOS_SEED", default: 16))
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write("p.toml", Self.portfolio)
        try directory.write("BTCUSDT.csv", TextFixtures.dailyCSV(count: 10))
        try directory.write("ETHUSDT.csv", TextFixtures.dailyCSV(count: 10))
        let database = directory.path("live.sqlite")
        let exchange = FakeBinanceExchange(apiKey: Self.key, secret: Self.secret)
        let url = try await exchange.start()
        let today = Int64(Date().timeIntervalSince1970) / 86_400 * 86_400
        for (symbol, phase) in [("BTCUSDT", 0.0), ("ETHUSDT", 1.3)] {
            await exchange.seedKlines(
                symbol: symbol, timeframe: .oneDay, Self.klines(today: today, days: groups, phase: phase))
            await exchange.setPrice(100, symbol: symbol)
        }
        await exchange.setCommission(rate: 0.001, asset: "USDT")
        // The account holds exactly the portfolio's balance: an order whose answer was lost is looked
        // up, and its commission read from its trades, so the journal's quote balance equals the
        // exchange's at each restart (no reserve needed).
        await exchange.setBalance(100_000, asset: "USDT")
        await exchange.setFaultSchedule(
            FakeFaultSchedule(seed: seed, rate: 0.05, retryAfter: 1, slowSeconds: 2.5, sparedPaths: ["/api/v3/time"]))
        let start = Timestamp(seconds: today - Int64(groups + 1) * 86_400).description
        let arguments =
            LiveBinanceProcessTests.liveArguments(path, url: url, database: database, start: start)
            + ["--flatten-on-exit"]
        let environment = [
            "BALLAST_BINANCE_API_KEY": Self.key, "BALLAST_BINANCE_API_SECRET": Self.secret,
            "BALLAST_BINANCE_TIMEOUT": "1.5",
        ]
        // Kill points: distinct bar-group counts in 10..<groups-10, seeded.
        var generator = SeededFuzzer(seeds: [""], dictionary: [], seed: seed)
        var killAt: Set<Int> = []
        while killAt.count < min(kills, max(0, groups - 20)) { killAt.insert(10 + generator.below(groups - 20)) }
        let lastLine = "bar \(Timestamp(seconds: today))"

        var seen = 0
        var killed = 0
        var reachedEnd = false
        var logs: [String] = []
        var status: Int32 = -1
        while !reachedEnd {
            let logPath = directory.path("stderr-\(killed).log")
            let child = try ChaosChild(arguments, environment: environment, standardError: logPath)
            logs.append(logPath)
            var killedThis = false
            while let line = await child.nextLine() {
                guard line.hasPrefix("bar ") else { continue }
                seen += 1
                if line.hasPrefix(lastLine) {
                    reachedEnd = true
                    break
                }
                if killAt.contains(seen) {
                    kill(child.process.processIdentifier, SIGKILL)
                    killed += 1
                    killedThis = true
                    break
                }
            }
            if reachedEnd { kill(child.process.processIdentifier, SIGTERM) }
            status = await child.finished()
            if !reachedEnd && !killedThis { break }  // ended on its own: a failure
        }
        let lastLog = (try? String(contentsOfFile: logs.last ?? "", encoding: .utf8)) ?? ""
        #expect(reachedEnd, "\(lastLog.suffix(3000))")
        #expect(status == 0, "\(lastLog.suffix(3000))")
        #expect(killed == killAt.count)
        for log in logs {
            #expect(!((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").contains(Self.secret))
        }

        let faults = await exchange.injectedFaultCounts
        let duplicates = await exchange.duplicatePlacements
        let placed = await exchange.placedOrderCount
        let executed = await exchange.executedTotals()
        await exchange.stop()
        #expect(duplicates.isEmpty, "client order ids placed twice: \(duplicates)")

        let queue = try DatabaseQueue(path: database)
        let (fills, repeatedFills, venueOrders, bars) = try await queue.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT symbol, side, quantity, price, fee FROM fills").map { row in
                    JournaledFill(
                        symbol: row["symbol"], buy: (row["side"] as String) == "buy", quantity: row["quantity"],
                        price: row["price"], fee: row["fee"])
                },
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (SELECT 1 FROM fills GROUP BY run_id, strategy_id, time, side
                        HAVING count(*) > 1)
                        """) ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM venue_orders") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(DISTINCT close_time) FROM live_bars") ?? 0
            )
        }
        #expect(repeatedFills == 0, "a fill was journaled twice")
        #expect(bars == groups)
        var journal: [String: (base: Double, gross: Double, quote: Double)] = [:]
        for fill in fills {
            let sign: Double = fill.buy ? 1 : -1
            journal[fill.symbol, default: (0, 0, 0)].base += sign * fill.quantity
            journal[fill.symbol, default: (0, 0, 0)].gross += fill.quantity
            journal[fill.symbol, default: (0, 0, 0)].quote += -sign * fill.quantity * fill.price - fill.fee
        }
        var differences: [String] = []
        for symbol in Set(journal.keys).union(executed.keys).sorted() {
            let venue = executed[symbol] ?? FakeExecutedTotals()
            let mine = journal[symbol] ?? (0, 0, 0)
            let venueQuote = venue.quoteFlow - venue.commission
            if abs(mine.base - venue.baseQuantity) > 1e-6 {
                differences.append("\(symbol) position: journal \(mine.base), exchange \(venue.baseQuantity)")
            }
            if abs(mine.gross - venue.grossQuantity) > 1e-6 {
                differences.append("\(symbol) traded: journal \(mine.gross), exchange \(venue.grossQuantity)")
            }
            if abs(mine.quote - venueQuote) > 0.01 {
                differences.append("\(symbol) quote balance: journal \(mine.quote), exchange \(venueQuote)")
            }
        }
        #expect(differences.isEmpty, "\(differences)")
        #expect(placed > 10)
        print(
            "chaos: groups \(bars), faults \(faults.sorted { $0.key < $1.key }), kills \(killed), "
                + "orders placed \(placed), venue_orders \(venueOrders), fills \(fills.count), "
                + "duplicates \(duplicates.count), differences \(differences.count)")
    }
}

/// A row of `fills`, as the chaos test compares it with the exchange.
struct JournaledFill: Sendable {
    var symbol: String
    var buy: Bool
    var quantity: Double
    var price: Double
    var fee: Double
}

/// `ballast` as a child whose standard error goes to a file (a chaos run logs every fault; a pipe
/// nobody reads would fill and stall it).
final class ChaosChild: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()
    private var buffer = Data()

    init(_ arguments: [String], environment: [String: String], standardError path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        process.executableURL = BallastProcess.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            buffer.append(chunk)
        }
    }

    /// The next line of standard output, read off the concurrency pool.
    func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: self.readLine()) }
        }
    }

    /// Reads the rest of standard output and waits for the exit, off the concurrency pool.
    func finished() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                while self.readLine() != nil {}
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}
