import BallastCore
import Testing

@Suite("DailyCloses")
struct DailyClosesTests {
    static let day: Int64 = 86_400
    // Day 19723 = 2024-01-01. Two bars on day 0, one on day 1, none on day 2, two on day 3.
    static let base: Int64 = 19_723 * day
    static let times: [Int64] = [base, base + 12 * 3600, base + day, base + 3 * day + 600, base + 3 * day + 7200]
    static let closes: [Double] = [10, 11, 12, 13, 14]

    @Test("the last close of each UTC day with bars, and each bar's day")
    func resample() {
        let daily = DailyCloses(times: Self.times, closes: Self.closes)
        #expect(daily.days == [19_723, 19_724, 19_726])
        #expect(daily.closes == [11, 12, 14])
        #expect(daily.dayOfBar == [0, 0, 1, 2, 2])
    }

    @Test("a series resamples like its columns")
    func fromSeries() {
        let series = BarSeries(
            symbol: "X", timeframe: .oneHour, times: Self.times, open: Self.closes, high: Self.closes,
            low: Self.closes, close: Self.closes, volume: [0, 0, 0, 0, 0])
        #expect(DailyCloses(series) == DailyCloses(times: Self.times, closes: Self.closes))
    }

    @Test("days before 1970 floor to the right day")
    func beforeEpoch() {
        let daily = DailyCloses(times: [-86_401, -86_400, -1, 0, 86_399], closes: [1, 2, 3, 4, 5])
        #expect(daily.days == [-2, -1, 0])
        #expect(daily.closes == [1, 3, 5])
        #expect(daily.dayOfBar == [0, 1, 1, 2, 2])
    }

    @Test("an empty series has no days")
    func empty() {
        let daily = DailyCloses(times: [], closes: [])
        #expect(daily.days.isEmpty && daily.closes.isEmpty && daily.dayOfBar.isEmpty)
    }

    @Test(
        "a decision at a bar sees completed days plus the bar's own close, never a later close",
        arguments: [
            // (bar, bar close, last days, expected window)
            (0, 10.0, 5, [10.0]),
            (1, 11.0, 5, [11.0]),
            (2, 12.0, 5, [11.0, 12.0]),
            (3, 13.0, 5, [11.0, 12.0, 13.0]),
            (3, 13.0, 2, [12.0, 13.0]),
            (4, 14.0, 1, [14.0]),
            (4, 99.0, 3, [11.0, 12.0, 99.0]),
            (2, 12.0, 0, []),
        ])
    func window(bar: Int, barClose: Double, lastDays: Int, expected: [Double]) {
        let daily = DailyCloses(times: Self.times, closes: Self.closes)
        #expect(Array(daily.closes(uptoBar: bar, barClose: barClose, lastDays: lastDays)) == expected)
    }
}
