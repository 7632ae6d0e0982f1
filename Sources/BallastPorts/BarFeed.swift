import BallastCore

/// A bar that closed in a live feed, for one series of the portfolio.
public struct LiveBar: Sendable, Equatable {
    /// The series' index in `PortfolioSetup.series`.
    public var series: Int
    public var bar: Bar

    public init(series: Int, bar: Bar) {
        self.series = series
        self.bar = bar
    }
}

/// What a live feed reports, in order.
public enum FeedEvent: Sendable, Equatable {
    /// Every bar closing at `closeTime` (seconds), one per series that has one, in ascending series order.
    /// Close times strictly increase from one `bars` event to the next.
    case bars(closeTime: Int64, [LiveBar])
    /// No new bar for two bar intervals on these series: their strategies take no new entries until
    /// fresh bars arrive (exits and stops still run).
    case stale(series: [Int])
    /// Fresh bars arrived again on these series after they were reported stale.
    case fresh(series: [Int])
    /// The feed keeps failing after its retries: the portfolio goes reduce-only (no crash).
    case failing(reason: String)
    /// The feed works again after `failing`.
    case recovered
    /// The data source ended (a replay file's last bar was sent). Nothing follows.
    case finished
}

/// A source of closed bars for a live run (replay file, exchange klines).
///
/// Contract: `events(after:)` emits no bar whose close time is ≤ `after` (a resumed run has
/// already processed those), emits `bars` events in strictly increasing close time, and ends the
/// stream after `.finished`, when the consuming task is cancelled, or with an error it cannot retry.
public protocol BarFeed: Sendable {
    func events(after closeTime: Int64?) -> AsyncThrowingStream<FeedEvent, any Error>
}
