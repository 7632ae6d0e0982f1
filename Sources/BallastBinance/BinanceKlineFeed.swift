import BallastCore
import BallastPorts
import Logging

/// `BarFeed` over Binance's REST klines: polls each followed series for closed klines and merges
/// them with `KlineGroupAssembler`.
///
/// Invariants (beyond `BarFeed`'s): a kline is used only once closed (`closeTime + 1 ms ≤ now`);
/// without `after`, the feed starts after the latest kline closed at start; transient failures
/// (transport, 5xx, rate limits) never end the stream — they are retried with capped exponential
/// backoff, `.failing` goes out once after `failureThreshold` consecutive failed polls and
/// `.recovered` after the next success; a non-transient error (e.g. an unknown symbol) ends the
/// stream with that error.
public struct BinanceKlineFeed: BarFeed {
    /// One series to follow.
    public struct FollowedSeries: Sendable, Equatable {
        public var series: Int
        public var symbol: String
        public var timeframe: Timeframe

        public init(series: Int, symbol: String, timeframe: Timeframe) {
            self.series = series
            self.symbol = symbol
            self.timeframe = timeframe
        }
    }

    public let series: [FollowedSeries]
    public let client: BinanceRESTClient
    /// Seconds between two polls.
    public let pollInterval: Double
    /// Consecutive failed polls before `.failing`.
    public let failureThreshold: Int
    /// Backoff between failed polls (`maxAttempts` is not used: the feed keeps trying).
    public let backoff: BinanceRetryPolicy
    /// See `KlineGroupAssembler.maxGroupDelay`.
    public let maxGroupDelay: Int64?
    /// Klines asked for per request (Binance's maximum is 1000); a full page is followed at once.
    public let pageLimit: Int
    let now: @Sendable () -> Int64
    let sleeper: BinanceSleeper
    let logger: Logger

    /// - Parameters:
    ///   - now: the current time in seconds since the epoch.
    ///   - sleeper: every wait (poll interval, backoff) goes through it.
    public init(
        series: [(series: Int, symbol: String, timeframe: Timeframe)], client: BinanceRESTClient,
        pollInterval: Double = 5, failureThreshold: Int = 5, backoff: BinanceRetryPolicy = BinanceRetryPolicy(),
        maxGroupDelay: Int64? = nil, pageLimit: Int = 1000,
        now: @escaping @Sendable () -> Int64 = BinanceSystem.seconds,
        sleeper: @escaping BinanceSleeper = BinanceSystem.sleeper,
        logger: Logger = Logger(label: "ballast.binance.feed")
    ) {
        self.series = series.map { FollowedSeries(series: $0.series, symbol: $0.symbol, timeframe: $0.timeframe) }
        self.client = client
        self.pollInterval = pollInterval
        self.failureThreshold = max(1, failureThreshold)
        self.backoff = backoff
        self.maxGroupDelay = maxGroupDelay
        self.pageLimit = max(2, pageLimit)
        self.now = now
        self.sleeper = sleeper
        self.logger = logger
    }

    public func events(after closeTime: Int64?) -> AsyncThrowingStream<FeedEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: FeedEvent.self)
        let feed = self
        let task = Task {
            var runner = KlineFeedRunner(feed: feed, continuation: continuation)
            await runner.run(after: closeTime)
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
