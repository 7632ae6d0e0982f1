/// A point in time as whole seconds since the Unix epoch, always UTC.
///
/// Ballast keeps time as an integer so that ordering, day boundaries and equality are exact and
/// independent of the platform's calendar. Bars are labelled by their **open** time (SPEC §1).
public struct Timestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64

    /// Creates a timestamp from seconds since the Unix epoch.
    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// Decodes from a plain integer of seconds.
    public init(from decoder: any Decoder) throws {
        seconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    /// Encodes as a plain integer of seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(seconds)
    }

    /// Seconds in one UTC day.
    public static let secondsPerDay: Int64 = 86_400

    /// The UTC day number (days since 1970-01-01); a day starts at 00:00:00 UTC.
    /// Floors toward negative infinity so that times before 1970 land on the right day.
    public var utcDay: Int64 {
        seconds >= 0 ? seconds / Self.secondsPerDay : (seconds - Self.secondsPerDay + 1) / Self.secondsPerDay
    }

    /// 00:00:00 UTC of this timestamp's day.
    public var startOfUTCDay: Timestamp { Timestamp(seconds: utcDay * Self.secondsPerDay) }

    /// This time moved by a number of seconds.
    public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

    /// ISO-8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var description: String { iso8601 }

    /// ISO-8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var iso8601: String {
        let (year, month, day) = CivilDate.fromDays(utcDay)
        let secondOfDay = seconds - utcDay * Self.secondsPerDay
        let hour = secondOfDay / 3600
        let minute = (secondOfDay % 3600) / 60
        let second = secondOfDay % 60
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))Z"
    }

    /// Creates a timestamp from a UTC civil date and time; returns nil for an invalid date or time.
    public init?(year: Int64, month: Int64, day: Int64, hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
            (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
        else { return nil }
        let days = CivilDate.toDays(year: year, month: month, day: day)
        self.seconds = days * Self.secondsPerDay + hour * 3600 + minute * 60 + second
    }
}

/// `value` in decimal, zero-padded to `width` digits; a negative value (a year before 0000)
/// gets its sign in front of the padded digits (`-0001`), as ISO-8601's expanded years do.
private func pad(_ value: Int64, _ width: Int) -> String {
    if value < 0 { return "-" + pad(-value, width) }
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}

/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01).
///
/// Written by hand (Howard Hinnant's `days_from_civil`) instead of using Foundation's `Calendar`
/// because it is exact, allocation-free and fast enough for the CSV loader's hot path.
public enum CivilDate {
    /// Days since 1970-01-01 of a civil date.
    public static func toDays(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date (year, month, day) of a day number.
    public static func fromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }

    /// The number of days in a month of a year.
    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
