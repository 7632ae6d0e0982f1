import BallastCore
import Testing

@testable import BallastEngine

/// The merged timeline against its definition: every bar of every series, sorted by (close time,
/// series index), and a group is a run of one close time.
@Suite("EventTimeline: the merge equals a sort by (close time, series)")
struct EventTimelineTests {
    static func series(_ symbol: String, _ timeframe: Timeframe, times: [Int64]) -> BarSeries {
        let prices = times.map { _ in 1.0 }
        return BarSeries(
            symbol: symbol, timeframe: timeframe, times: times, open: prices, high: prices, low: prices,
            close: prices, volume: prices)
    }

    static func reference(_ series: [BarSeries]) -> [EventTimeline.Event] {
        var events: [EventTimeline.Event] = []
        for (index, one) in series.enumerated() {
            for (bar, time) in one.times.enumerated() {
                events.append(
                    EventTimeline.Event(
                        closeTime: time + one.timeframe.nominalSeconds, series: Int32(index), bar: Int32(bar)))
            }
        }
        return events.sorted { ($0.closeTime, $0.series) < ($1.closeTime, $1.series) }
    }

    static func events(_ timeline: EventTimeline) -> [EventTimeline.Event] {
        (0..<timeline.count).map { timeline[$0] }
    }

    /// Random minute bars with gaps, on a grid of `step` minutes.
    static func randomTimes(_ generator: inout SplitMix64, count: Int, step: Int64) -> [Int64] {
        var time: Int64 = 1_704_067_200
        return (0..<count).map { _ in
            time += step * 60 * (generator.nextUnit() < 0.3 ? 2 : 1)
            return time
        }
    }

    @Test("series with gaps and mixed timeframes")
    func mixed() {
        var generator = SplitMix64(seed: 11)
        for _ in 0..<20 {
            let all = [
                Self.series("A", .oneMinute, times: Self.randomTimes(&generator, count: 300, step: 1)),
                Self.series("B", .fiveMinutes, times: Self.randomTimes(&generator, count: 60, step: 5)),
                Self.series("C", .oneMinute, times: Self.randomTimes(&generator, count: 250, step: 1)),
                Self.series("D", .threeMinutes, times: Self.randomTimes(&generator, count: 0, step: 3)),
            ]
            let timeline = EventTimeline(series: all)
            #expect(Self.events(timeline) == Self.reference(all))
        }
    }

    @Test("series on one clock, and groups")
    func oneClock() {
        var generator = SplitMix64(seed: 5)
        let times = Self.randomTimes(&generator, count: 500, step: 1)
        let all = (0..<4).map { Self.series("S\($0)", .oneMinute, times: times) }
        let timeline = EventTimeline(series: all)
        let events = Self.events(timeline)
        #expect(events == Self.reference(all))
        var start = 0
        var groups = 0
        while start < timeline.count {
            let end = timeline.groupEnd(from: start)
            #expect(end - start == 4)
            #expect(events[start..<end].allSatisfy { $0.closeTime == events[start].closeTime })
            start = end
            groups += 1
        }
        #expect(groups == 500)
        #expect(EventTimeline(series: []).count == 0)
    }
}
