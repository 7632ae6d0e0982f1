import BallastCore
import Testing

@Suite("BarSeries lookups")
struct BarSeriesTests {
    /// One-minute bars opening at 0, 60, 120 (closing at 60, 120, 180).
    static let series = BarSeries(
        symbol: "X", timeframe: .oneMinute, times: [0, 60, 120], open: [1, 2, 3], high: [1, 2, 3], low: [1, 2, 3],
        close: [1, 2, 3], volume: [0, 0, 0])

    @Test(
        "last bar opened at or before a time",
        arguments: [(-1, nil), (0, 0), (59, 0), (60, 1), (119, 1), (120, 2), (10_000, 2)] as [(Int64, Int?)])
    func opened(time: Int64, index: Int?) {
        #expect(Self.series.lastIndex(openedAtOrBefore: Timestamp(seconds: time)) == index)
    }

    @Test(
        "last bar closed at or before a time (no look-ahead)",
        arguments: [(0, nil), (59, nil), (60, 0), (119, 0), (120, 1), (179, 1), (180, 2), (10_000, 2)]
            as [(Int64, Int?)])
    func closed(time: Int64, index: Int?) {
        #expect(Self.series.lastIndex(closedAtOrBefore: Timestamp(seconds: time)) == index)
    }

    @Test("an empty series finds nothing")
    func empty() {
        let empty = BarSeries(symbol: "X", timeframe: .oneDay)
        #expect(empty.lastIndex(openedAtOrBefore: Timestamp(seconds: 0)) == nil)
        #expect(empty.lastIndex(closedAtOrBefore: Timestamp(seconds: 1_000_000)) == nil)
    }

    @Test("bars, close times and slices")
    func access() {
        #expect(Self.series[1] == Bar(time: Timestamp(seconds: 60), open: 2, high: 2, low: 2, close: 2))
        #expect(Self.series.closeTime(at: 2) == Timestamp(seconds: 180))
        #expect(Self.series.slice(1..<3).times == [60, 120])
        let rebuilt = BarSeries(symbol: "X", timeframe: .oneMinute, bars: (0..<3).map { Self.series[$0] })
        #expect(rebuilt == Self.series)
    }
}
