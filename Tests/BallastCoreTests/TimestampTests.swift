import BallastCore
import PropertyBased
import Testing

@Suite("Timestamp and CivilDate")
struct TimestampTests {
    @Test(
        "ISO-8601 formatting in UTC",
        arguments: [
            (0, "1970-01-01T00:00:00Z"),
            (1_704_067_200, "2024-01-01T00:00:00Z"),
            (1_709_218_799, "2024-02-29T14:59:59Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"),
            (-86_400, "1969-12-31T00:00:00Z"),
            (-2_208_988_800, "1900-01-01T00:00:00Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
            (-62_167_219_200, "0000-01-01T00:00:00Z"),
            (-62_198_755_200, "-0001-01-01T00:00:00Z"),
        ] as [(Int64, String)])
    func iso(seconds: Int64, text: String) {
        #expect(Timestamp(seconds: seconds).iso8601 == text)
        #expect(Timestamp(seconds: seconds).description == text)
    }

    @Test(
        "utcDay floors toward negative infinity",
        arguments: [
            (0, 0), (1, 0), (86_399, 0), (86_400, 1), (-1, -1), (-86_399, -1), (-86_400, -1), (-86_401, -2),
            (-172_800, -2),
        ] as [(Int64, Int64)])
    func utcDay(seconds: Int64, day: Int64) {
        let timestamp = Timestamp(seconds: seconds)
        #expect(timestamp.utcDay == day)
        #expect(timestamp.startOfUTCDay.seconds == day * 86_400)
        #expect(timestamp.startOfUTCDay <= timestamp)
    }

    @Test("ordering and arithmetic")
    func ordering() {
        #expect(Timestamp(seconds: -5) < Timestamp(seconds: 3))
        #expect(Timestamp(seconds: 10).adding(seconds: -20) == Timestamp(seconds: -10))
    }

    @Test(
        "civil dates: valid and invalid",
        arguments: [
            (2024, 2, 29, true), (2023, 2, 29, false), (2000, 2, 29, true), (1900, 2, 29, false), (2024, 4, 31, false),
            (2024, 12, 31, true), (2024, 13, 1, false), (2024, 0, 1, false), (2024, 1, 0, false), (2024, 1, 32, false),
        ] as [(Int64, Int64, Int64, Bool)])
    func validity(year: Int64, month: Int64, day: Int64, valid: Bool) {
        #expect((Timestamp(year: year, month: month, day: day) != nil) == valid)
    }

    @Test("time of day is validated")
    func timeOfDay() {
        #expect(Timestamp(year: 2024, month: 1, day: 1, hour: 23, minute: 59, second: 59)?.seconds == 1_704_153_599)
        #expect(Timestamp(year: 2024, month: 1, day: 1, hour: 24) == nil)
        #expect(Timestamp(year: 2024, month: 1, day: 1, minute: 60) == nil)
        #expect(Timestamp(year: 2024, month: 1, day: 1, second: 61) == nil)
        #expect(Timestamp(year: 2024, month: 1, day: 1, hour: -1) == nil)
    }

    @Test("day numbers and civil dates round-trip")
    func civilRoundTrip() async {
        await propertyCheck(count: 3000, input: Gen.int64(in: -1_000_000...3_000_000)) { days in
            let (year, month, day) = CivilDate.fromDays(days)
            #expect((1...12).contains(month))
            #expect(day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month))
            #expect(CivilDate.toDays(year: year, month: month, day: day) == days)
            #expect(Timestamp(year: year, month: month, day: day)?.utcDay == days)
        }
    }

    @Test("consecutive days are consecutive dates")
    func consecutive() {
        var previous = CivilDate.fromDays(-800)
        for days in Int64(-799)...Int64(800) {
            let current = CivilDate.fromDays(days)
            let nextInMonth = current.0 == previous.0 && current.1 == previous.1 && current.2 == previous.2 + 1
            let nextMonth = current.2 == 1 && (current.1 == previous.1 + 1 || (current.1 == 1 && previous.1 == 12))
            #expect(nextInMonth || nextMonth, "\(previous) → \(current)")
            previous = current
        }
        #expect(CivilDate.toDays(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.toDays(year: 2024, month: 1, day: 1) == 19_723)
    }
}
