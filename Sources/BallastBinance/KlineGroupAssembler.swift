import BallastCore
import BallastPorts

/// The kline feed's merge and staleness logic, free of I/O: closed bars go in with `add`, feed
/// events come out of `advance(now:)`.
///
/// Invariants:
/// - `bars` events come out in strictly increasing close time, each close time > the initial
///   watermark (`after`), bars in ascending series order; a bar arriving for a close time already
///   emitted is dropped.
/// - A group for close time `T` waits for every series that expects a bar at `T` (its grid, counted
///   from its latest bar, reaches `T`) until that series' stale deadline — its latest close plus two
///   intervals — or `T + maxGroupDelay` when set, whichever is first; then it goes out without it.
/// - A series is reported `.stale` once when `now ≥ latest close + 2 · interval`, and `.fresh` once
///   when a bar of it arrives again.
/// - Month series (`1mo`, no fixed length) never hold a group back.
public struct KlineGroupAssembler: Sendable, Equatable {
    /// One followed series.
    public struct Series: Sendable, Equatable {
        public var index: Int
        /// Bar length in seconds.
        public var interval: Int64
        /// False for month bars: their close times are not on a fixed grid.
        public var onFixedGrid: Bool

        public init(index: Int, interval: Int64, onFixedGrid: Bool = true) {
            self.index = index
            self.interval = interval
            self.onFixedGrid = onFixedGrid
        }

        public init(index: Int, timeframe: Timeframe) {
            self.init(index: index, interval: timeframe.nominalSeconds, onFixedGrid: timeframe != .oneMonth)
        }
    }

    public let series: [Series]
    /// Longest wait, in seconds past `T`, for a missing bar of group `T`; nil: the stale deadline only.
    public var maxGroupDelay: Int64?
    /// The close time of the last group emitted (initially `after`): nothing at or before it goes out.
    public private(set) var watermark: Int64
    /// Per series, the latest close time received (initially the start reference).
    public private(set) var latestClose: [Int: Int64]
    /// Series reported stale and not fresh since.
    public private(set) var staleSeries: Set<Int> = []
    private var pending: [Int64: [Int: Bar]] = [:]
    private var freshSinceLastAdvance: Set<Int> = []

    /// - Parameters:
    ///   - watermark: close time after which groups may be emitted (`after`).
    ///   - latestCloses: each series' latest close time known at start (defaults to the watermark
    ///     aligned down to the series' grid).
    public init(series: [Series], watermark: Int64, latestCloses: [Int: Int64] = [:], maxGroupDelay: Int64? = nil) {
        self.series = series.sorted { $0.index < $1.index }
        self.watermark = watermark
        self.maxGroupDelay = maxGroupDelay
        var latest: [Int: Int64] = [:]
        for item in series {
            latest[item.index] =
                latestCloses[item.index] ?? Self.alignedClose(atOrBefore: watermark, interval: item.interval)
        }
        self.latestClose = latest
    }

    /// The latest grid close time ≤ `time` (UTC-epoch aligned; weekly bars open on Mondays).
    public static func alignedClose(atOrBefore time: Int64, interval: Int64) -> Int64 {
        let phase: Int64 = interval == Timeframe.oneWeek.nominalSeconds ? 4 * 86_400 : 0
        let offset = (time - phase) % interval
        return time - (offset >= 0 ? offset : offset + interval)
    }

    /// Bars waiting for their group, by close time.
    public var pendingCloseTimes: [Int64] { pending.keys.sorted() }

    /// Takes one closed bar of `series` that closes at `closeTime`. Returns false when it is dropped
    /// (unknown series, or a close time already emitted).
    @discardableResult
    public mutating func add(series index: Int, bar: Bar, closeTime: Int64) -> Bool {
        guard let previous = latestClose[index] else { return false }
        latestClose[index] = max(previous, closeTime)
        if staleSeries.remove(index) != nil { freshSinceLastAdvance.insert(index) }
        guard closeTime > watermark else { return false }
        pending[closeTime, default: [:]][index] = bar
        return true
    }

    /// The events due at `now` (seconds): `.fresh` for series back since the last call, `.stale`
    /// for series newly stale, then every group that is complete or past its deadline, oldest first.
    public mutating func advance(now: Int64) -> [FeedEvent] {
        var events: [FeedEvent] = []
        if !freshSinceLastAdvance.isEmpty {
            events.append(.fresh(series: freshSinceLastAdvance.sorted()))
            freshSinceLastAdvance = []
        }
        let newlyStale = series.filter { item in
            !staleSeries.contains(item.index) && now >= latestClose[item.index, default: now] + 2 * item.interval
        }.map(\.index)
        if !newlyStale.isEmpty {
            staleSeries.formUnion(newlyStale)
            events.append(.stale(series: newlyStale))
        }
        while let closeTime = pending.keys.min(), closeTime <= now, isReady(closeTime, now: now) {
            let bars = pending.removeValue(forKey: closeTime) ?? [:]
            let live = bars.keys.sorted().map { LiveBar(series: $0, bar: bars[$0]!) }
            events.append(.bars(closeTime: closeTime, live))
            watermark = closeTime
        }
        return events
    }

    private func isReady(_ closeTime: Int64, now: Int64) -> Bool {
        let present = pending[closeTime] ?? [:]
        for item in series where item.onFixedGrid && present[item.index] == nil {
            guard let latest = latestClose[item.index], closeTime > latest,
                (closeTime - latest) % item.interval == 0
            else { continue }
            var deadline = latest + 2 * item.interval
            if let maxGroupDelay { deadline = min(deadline, closeTime + maxGroupDelay) }
            if now < deadline { return false }
        }
        return true
    }
}
