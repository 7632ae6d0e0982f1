import BallastBinance
import BallastCore
import BallastEngine
import BallastFakeExchange
import Logging
import Synchronization

let testAPIKey = "test-api-key-K3y0000000000000000001"
let testSecret = "test-secret-S3cr3t000000000000000002"

/// Records every wait asked for and returns at once.
final class RecordingSleeper: Sendable {
    private let waits = Mutex<[Double]>([])

    var requested: [Double] { waits.withLock { $0 } }

    var sleeper: BinanceSleeper {
        { [self] seconds in waits.withLock { $0.append(seconds) } }
    }
}

/// Collects log lines (message and metadata) in memory.
final class LogStore: Sendable {
    private let lines = Mutex<[String]>([])

    var all: [String] { lines.withLock { $0 } }

    func append(_ line: String) { lines.withLock { $0.append(line) } }

    func logger(_ label: String = "test") -> Logger {
        Logger(label: label) { _ in CapturingLogHandler(store: self) }
    }
}

struct CapturingLogHandler: LogHandler {
    let store: LogStore
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append("\(event.level) \(event.message) \(metadata.merging(event.metadata ?? [:]) { $1 })")
    }
}

/// A started fake exchange and a client for it; the exchange stops when `body` returns.
struct ExchangeFixture {
    let exchange: FakeBinanceExchange
    let client: BinanceRESTClient
    let sleeps: RecordingSleeper
    let logs: LogStore

    func venue(pollInterval: Double = 0.25) -> BinanceSpotVenue {
        BinanceSpotVenue(
            client: client, pollInterval: pollInterval, sleeper: sleeps.sleeper, logger: logs.logger("venue"))
    }
}

func withExchange<T>(
    secret: String = testSecret, retryPolicy: BinanceRetryPolicy = BinanceRetryPolicy(),
    _ body: (ExchangeFixture) async throws -> T
) async throws -> T {
    // One fixed clock for both sides: a loaded machine cannot push a request out of recvWindow
    // (the skew tests move the exchange's clock explicitly).
    let now: @Sendable () -> Int64 = { 1_700_000_000_000 }
    let exchange = FakeBinanceExchange(apiKey: testAPIKey, secret: testSecret, clock: now)
    let url = try await exchange.start()
    let sleeps = RecordingSleeper()
    let logs = LogStore()
    let client = BinanceRESTClient(
        baseURL: url, credentials: BinanceCredentials(apiKey: testAPIKey, secret: secret),
        transport: AsyncHTTPClientTransport(timeout: inProcessExchangeTimeout), retryPolicy: retryPolicy,
        clock: now, sleeper: sleeps.sleeper, logger: logs.logger("client"))
    let fixture = ExchangeFixture(exchange: exchange, client: client, sleeps: sleeps, logs: logs)
    do {
        let result = try await body(fixture)
        await exchange.stop()
        return result
    } catch {
        await exchange.stop()
        throw error
    }
}

/// Drives a feed without waiting: each sleep is recorded, moves the clock forward by its length,
/// runs `hook` with the sleep's number (1-based), and the `stopAfter`-th sleep ends the feed.
final class FeedDriver: Sendable {
    private let time: Mutex<Double>
    private let waits = Mutex<[Double]>([])
    let stopAfter: Int
    let hook: @Sendable (Int) async -> Void

    init(start: Int64, stopAfter: Int, hook: @escaping @Sendable (Int) async -> Void = { _ in }) {
        time = Mutex(Double(start))
        self.stopAfter = stopAfter
        self.hook = hook
    }

    var requested: [Double] { waits.withLock { $0 } }

    var now: @Sendable () -> Int64 {
        { [self] in Int64(time.withLock { $0 }.rounded(.down)) }
    }

    var sleeper: BinanceSleeper {
        { [self] seconds in
            let count = waits.withLock { list in
                list.append(seconds)
                return list.count
            }
            if count >= stopAfter { throw CancellationError() }
            time.withLock { $0 += seconds }
            await hook(count)
        }
    }
}

/// Every event of a stream until it ends.
func collect(_ stream: AsyncThrowingStream<FeedEvent, any Error>) async throws -> [FeedEvent] {
    var events: [FeedEvent] = []
    for try await event in stream { events.append(event) }
    return events
}

/// 1-minute klines opening at `from` … `to` (seconds, inclusive), prices around `base`.
func minuteKlines(from: Int64, to: Int64, base: Double = 100, timeframe: Timeframe = .oneMinute) -> [FakeKline] {
    stride(from: from, through: to, by: Int(timeframe.nominalSeconds)).map { open in
        let price = base + Double((open / 60) % 10)
        return FakeKline(
            openSeconds: open, timeframe: timeframe, open: price, high: price + 1, low: price - 1, close: price + 0.5)
    }
}

extension FeedEvent {
    /// The close time of a `bars` event.
    var closeTime: Int64? {
        if case .bars(let closeTime, _) = self { return closeTime }
        return nil
    }

    /// The series of a `bars` event.
    var seriesIndices: [Int] {
        if case .bars(_, let bars) = self { return bars.map(\.series) }
        return []
    }
}

/// The transport timeout of clients talking to an in-process fake exchange. Its server shares the
/// test process's concurrency pool with every other test (process tests block pool threads while
/// they wait), so under a full parallel run on 2 cores an answer can wait many seconds; the tests
/// here are about retries, idempotence and answers, not the deadline, which the process tests of
/// misbehaving servers exercise (FaultSurvivalProcessTests).
let inProcessExchangeTimeout: Double = 120
