import BallastCore
import BallastEngine

/// The `replay` feed: bar series emitted group by group (every bar closing at one time), in close
/// time order, at `speed` times real time on an injected sleep, or as fast as asked (`speed` nil).
///
/// Pull-based: the next group is produced only when the consumer asks for it, so a consumer that
/// stops asking (a graceful shutdown) leaves no bars buffered. Ends with `.finished`.
public struct ReplayFeed: BarFeed {
    /// Sleeps for a duration (a `ContinuousClock` in the process, a recorder in tests).
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    private let series: [BarSeries]
    private let speed: Double?
    private let sleep: Sleep

    /// - Parameters:
    ///   - series: the bars, one series per portfolio series index.
    ///   - speed: multiples of real time (> 0); nil for as fast as possible.
    public init(series: [BarSeries], speed: Double?, sleep: @escaping Sleep) {
        precondition(speed.map { $0 > 0 && $0.isFinite } ?? true, "speed must be positive")
        self.series = series
        self.speed = speed
        self.sleep = sleep
    }

    public func events(after closeTime: Int64?) -> AsyncThrowingStream<FeedEvent, any Error> {
        let producer = ReplayProducer(
            cursor: ReplayCursor(series: series, after: closeTime), speed: speed, sleep: sleep)
        return AsyncThrowingStream(unfolding: { try await producer.next() })
    }
}

/// The replay's position: the next group, the last close time sent, and whether it ended.
actor ReplayProducer {
    private var cursor: ReplayCursor
    private let speed: Double?
    private let sleep: ReplayFeed.Sleep
    private var previous: Int64?
    private var done = false

    init(cursor: ReplayCursor, speed: Double?, sleep: @escaping ReplayFeed.Sleep) {
        self.cursor = cursor
        self.speed = speed
        self.sleep = sleep
    }

    /// The next event, after waiting the bars' time divided by the speed; nil after `.finished`.
    func next() async throws -> FeedEvent? {
        if done { return nil }
        guard let (time, bars) = cursor.next() else {
            done = true
            return .finished
        }
        if let speed, let last = previous, time > last {
            try await sleep(.seconds(Double(time - last) / speed))
        }
        previous = time
        return .bars(closeTime: time, bars)
    }
}

/// Walks several series in (close time, series) order, one close time at a time.
struct ReplayCursor: Sendable {
    private let series: [BarSeries]
    private var heads: [Int]

    init(series: [BarSeries], after closeTime: Int64?) {
        self.series = series
        heads = series.map { bars in
            guard let closeTime else { return 0 }
            let length = bars.timeframe.nominalSeconds
            // The first bar closing after `closeTime`.
            var low = 0
            var high = bars.count
            while low < high {
                let middle = (low + high) / 2
                if bars.times[middle] + length <= closeTime { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }

    /// The next close time and every bar closing then, in series order; nil at the end.
    mutating func next() -> (Int64, [LiveBar])? {
        var earliest = Int64.max
        for index in series.indices where heads[index] < series[index].count {
            earliest = min(earliest, series[index].times[heads[index]] + series[index].timeframe.nominalSeconds)
        }
        guard earliest != .max else { return nil }
        var bars: [LiveBar] = []
        for index in series.indices where heads[index] < series[index].count {
            let bar = heads[index]
            if series[index].times[bar] + series[index].timeframe.nominalSeconds == earliest {
                bars.append(LiveBar(series: index, bar: series[index][bar]))
                heads[index] += 1
            }
        }
        return (earliest, bars)
    }
}
