import BallastCore
import BallastReports
import Testing

@Suite("Annualization: 252 for daily-session data, 365 for 24/7 data (SPEC §14)")
struct AnnualizationTests {
    typealias F = ReportFixtures

    @Test("periods per year and raw values")
    func periods() {
        #expect(Annualization.tradingDays252.periodsPerYear == 252)
        #expect(Annualization.calendarDays365.periodsPerYear == 365)
        #expect(Annualization.tradingDays252.rawValue == "252")
        #expect(Annualization.calendarDays365.rawValue == "365")
    }

    @Test("detection: weekend bars mean 24/7 data")
    func detect() {
        #expect(Annualization.detect(hasWeekendBars: true) == .calendarDays365)
        #expect(Annualization.detect(hasWeekendBars: false) == .tradingDays252)
    }

    // 2024-01-01 was a Monday.
    @Test(
        "weekday of a UTC time",
        arguments: [
            (F.time(2024, 1, 5, 23, 59), false),  // Friday, last minute
            (F.time(2024, 1, 6, 0, 0), true),  // Saturday, first minute
            (F.time(2024, 1, 7, 23, 59), true),  // Sunday
            (F.time(2024, 1, 8, 0, 0), false),  // Monday
            (F.time(2024, 1, 3, 12, 0), false),  // Wednesday
            (Timestamp(seconds: 0), false),  // 1970-01-01, a Thursday
            (Timestamp(seconds: 2 * 86_400), true),  // 1970-01-03, a Saturday
            (Timestamp(seconds: -1), false),  // 1969-12-31 23:59:59, a Wednesday
            (Timestamp(seconds: -4 * 86_400), true),  // 1969-12-28, a Sunday
            (Timestamp(seconds: -5 * 86_400), true),  // 1969-12-27, a Saturday
        ])
    func weekend(time: Timestamp, expected: Bool) {
        #expect(Annualization.isWeekend(time) == expected)
    }

    @Test("weekday-only data is 252, data with one weekend bar is 365")
    func hasWeekendBars() {
        let weekdays = (0..<5).map { F.time(2024, 1, 8).adding(seconds: Int64($0) * 86_400) }
        #expect(!Annualization.hasWeekendBars(weekdays))
        #expect(!Annualization.hasWeekendBars(weekdays.map(\.seconds)))
        #expect(Annualization.detect(hasWeekendBars: Annualization.hasWeekendBars(weekdays)) == .tradingDays252)
        let allWeek = (0..<7).map { F.time(2024, 1, 8).adding(seconds: Int64($0) * 86_400) }
        #expect(Annualization.hasWeekendBars(allWeek))
        #expect(Annualization.hasWeekendBars(allWeek.map(\.seconds)))
        #expect(Annualization.detect(hasWeekendBars: Annualization.hasWeekendBars(allWeek)) == .calendarDays365)
        #expect(!Annualization.hasWeekendBars([Int64]()))
    }
}
