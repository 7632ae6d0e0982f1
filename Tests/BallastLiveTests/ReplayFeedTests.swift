import BallastCore
import BallastEngine
import BallastLive
import Foundation
import Testing

/// Records the waits a feed asks for instead of waiting.
actor SleepRecorder {
    private(set) var waits: [Duration] = []
    func record(_ duration: Duration) { waits.append(duration) }
}

@Suite("The replay feed: groups by close time, resumes after a time, paces by speed")
struct ReplayFeedTests {
    static func series(_ symbol: String, _ timeframe: Timeframe, start: Int64, count: Int) -> BarSeries {
        BarSeries(
            symbol: symbol, timeframe: timeframe,
            bars: (0..<count).map { index in
                let price = 100 + Double(index)
                return Bar(
                    time: Timestamp(seconds: start + Int64(index) * timeframe.nominalSeconds), open: price,
                    high: price + 1, low: price - 1, close: price)
            })
    }

    static func collect(_ feed: ReplayFeed, after: Int64? = nil) async throws -> [FeedEvent] {
        var events: [FeedEvent] = []
        for try await event in feed.events(after: after) { events.append(event) }
        return events
    }

    @Test("hourly and 4-hourly bars closing together arrive in one group, in series order")
    func groupsByCloseTime() async throws {
        let hourly = Self.series("AAA", .oneHour, start: 0, count: 8)
        let fourHourly = Self.series("BBB", .fourHours, start: 0, count: 2)
        let events = try await Self.collect(ReplayFeed(series: [hourly, fourHourly], speed: nil) { _ in })
        #expect(events.count == 9)
        #expect(events.last == .finished)
        guard case .bars(let time, let bars) = events[3] else {
            Issue.record("expected bars")
            return
        }
        #expect(time == 4 * 3600)
        #expect(bars.map(\.series) == [0, 1])
        #expect(bars[1].bar == fourHourly[0])
        let times = events.compactMap { event -> Int64? in
            if case .bars(let time, _) = event { return time }
            return nil
        }
        #expect(times == (1...8).map { Int64($0) * 3600 })
    }

    @Test("after: no bar closing at or before the given time is sent again")
    func resumesAfter() async throws {
        let hourly = Self.series("AAA", .oneHour, start: 0, count: 5)
        let events = try await Self.collect(ReplayFeed(series: [hourly], speed: nil) { _ in }, after: 3 * 3600)
        let expected: [FeedEvent] = [
            .bars(closeTime: 4 * 3600, [LiveBar(series: 0, bar: hourly[3])]),
            .bars(closeTime: 5 * 3600, [LiveBar(series: 0, bar: hourly[4])]),
            .finished,
        ]
        #expect(events == expected)
    }

    @Test("speed 3600 waits one second per hourly bar; max never waits", arguments: [3600.0, 7200.0])
    func pacesBySpeed(speed: Double) async throws {
        let recorder = SleepRecorder()
        let hourly = Self.series("AAA", .oneHour, start: 0, count: 4)
        _ = try await Self.collect(ReplayFeed(series: [hourly], speed: speed) { await recorder.record($0) })
        #expect(await recorder.waits == Array(repeating: .seconds(3600 / speed), count: 3))
        let fast = SleepRecorder()
        _ = try await Self.collect(ReplayFeed(series: [hourly], speed: nil) { await fast.record($0) })
        #expect(await fast.waits.isEmpty)
    }
}
