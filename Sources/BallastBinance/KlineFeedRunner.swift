import BallastCore
import BallastPorts
import Logging

/// One run of `BinanceKlineFeed.events(after:)`: the poll loop and its state.
struct KlineFeedRunner {
    let feed: BinanceKlineFeed
    let continuation: AsyncThrowingStream<FeedEvent, any Error>.Continuation
    private var assembler: KlineGroupAssembler?
    /// Per series, the open time (ms) of the next kline wanted.
    private var cursors: [Int: Int64] = [:]
    private var consecutiveFailures = 0
    private var failing = false

    init(feed: BinanceKlineFeed, continuation: AsyncThrowingStream<FeedEvent, any Error>.Continuation) {
        self.feed = feed
        self.continuation = continuation
    }

    mutating func run(after: Int64?) async {
        while !Task.isCancelled {
            do {
                let now = feed.now()
                if assembler == nil { try await start(after: after, now: now) }
                try await poll(now: now)
                if failing {
                    failing = false
                    feed.logger.notice("Binance kline feed recovered")
                    continuation.yield(.recovered)
                }
                consecutiveFailures = 0
                emit(assembler?.advance(now: now) ?? [])
                try await feed.sleeper(feed.pollInterval)
            } catch is CancellationError {
                break
            } catch let error as BinanceError where !error.isTransient {
                feed.logger.error("Binance kline feed stopped", metadata: ["error": "\(error)"])
                continuation.finish(throwing: error)
                return
            } catch {
                if Task.isCancelled { break }
                consecutiveFailures += 1
                feed.logger.warning(
                    "Binance kline poll failed", metadata: ["failures": "\(consecutiveFailures)", "error": "\(error)"])
                if consecutiveFailures >= feed.failureThreshold && !failing {
                    failing = true
                    continuation.yield(.failing(reason: "\(consecutiveFailures) consecutive failures: \(error)"))
                }
                do {
                    try await feed.sleeper(feed.backoff.backoff(afterAttempt: consecutiveFailures))
                } catch {
                    break
                }
            }
        }
        continuation.finish()
    }

    /// Sets the start reference: `after`, or the latest closed kline of each series.
    private mutating func start(after: Int64?, now: Int64) async throws {
        var latest: [Int: Int64] = [:]
        if let after {
            for item in feed.series {
                latest[item.series] = KlineGroupAssembler.alignedClose(
                    atOrBefore: after, interval: item.timeframe.nominalSeconds)
            }
        } else {
            for item in feed.series {
                let recent = try await feed.client.klines(symbol: item.symbol, interval: item.timeframe, limit: 2)
                latest[item.series] =
                    recent.last { $0.isClosed(atSeconds: now) }?.closeSeconds
                    ?? KlineGroupAssembler.alignedClose(atOrBefore: now, interval: item.timeframe.nominalSeconds)
            }
        }
        for item in feed.series { cursors[item.series] = latest[item.series, default: now] * 1000 }
        assembler = KlineGroupAssembler(
            series: feed.series.map { KlineGroupAssembler.Series(index: $0.series, timeframe: $0.timeframe) },
            watermark: after ?? latest.values.max() ?? now, latestCloses: latest, maxGroupDelay: feed.maxGroupDelay)
    }

    /// Fetches every closed kline past each series' cursor, following full pages.
    private mutating func poll(now: Int64) async throws {
        for item in feed.series {
            while true {
                let start = cursors[item.series, default: 0]
                let klines = try await feed.client.klines(
                    symbol: item.symbol, interval: item.timeframe, startTime: start, limit: feed.pageLimit)
                let closed = klines.filter { $0.openTime >= start && $0.isClosed(atSeconds: now) }
                for kline in closed {
                    assembler?.add(series: item.series, bar: kline.bar, closeTime: kline.closeSeconds)
                }
                if let last = closed.last { cursors[item.series] = last.closeTime + 1 }
                if klines.count < feed.pageLimit || closed.count < klines.count || closed.isEmpty { break }
            }
        }
    }

    private func emit(_ events: [FeedEvent]) {
        for event in events {
            switch event {
            case .stale(let series):
                feed.logger.warning(
                    "Binance klines stale: no new bar for two intervals", metadata: ["series": "\(series)"])
            case .fresh(let series):
                feed.logger.notice("Binance klines fresh again", metadata: ["series": "\(series)"])
            default:
                break
            }
            continuation.yield(event)
        }
    }
}
