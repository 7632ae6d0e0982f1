import BallastCore

/// How many daily returns make a year when Sharpe and Sortino ratios are annualised (SPEC §14).
///
/// The raw value is what the JSON summary prints under `annualization`, so that a reader can tell
/// which factor was used: `"252"` (daily-session data, e.g. equities) or `"365"` (24/7 data, e.g.
/// crypto).
public enum Annualization: String, Codable, Sendable, CaseIterable {
    /// 252 trading days a year: markets that close at weekends.
    case tradingDays252 = "252"
    /// 365 calendar days a year: markets that trade around the clock, every day.
    case calendarDays365 = "365"

    /// The number of daily periods in one year: 252 or 365. Ratios are multiplied by its square root.
    public var periodsPerYear: Double {
        switch self {
        case .tradingDays252: 252
        case .calendarDays365: 365
        }
    }

    /// The detection rule: data with any bar on a Saturday or a Sunday (UTC) is 24/7 data and
    /// annualises with 365 periods; all other data annualises with 252.
    ///
    /// - Parameter hasWeekendBars: whether any bar of the data opens on a Saturday or Sunday, UTC
    ///   (see ``hasWeekendBars(_:)``).
    public static func detect(hasWeekendBars: Bool) -> Annualization {
        hasWeekendBars ? .calendarDays365 : .tradingDays252
    }

    /// True when any of the times (Unix seconds, bar open times) falls on a Saturday or a Sunday in
    /// UTC. Times before 1970 are handled (days floor toward negative infinity). O(n), stops at the
    /// first weekend time.
    public static func hasWeekendBars(_ times: [Int64]) -> Bool {
        times.contains { isWeekend(Timestamp(seconds: $0)) }
    }

    /// True when any of the timestamps falls on a Saturday or a Sunday in UTC; the same rule as the
    /// overload that takes Unix seconds.
    public static func hasWeekendBars(_ times: [Timestamp]) -> Bool {
        times.contains { isWeekend($0) }
    }

    /// True when the timestamp's UTC day is a Saturday or a Sunday.
    ///
    /// 1970-01-01 (day 0) was a Thursday, so the weekday with Sunday = 0 is `(day + 4) mod 7`,
    /// taken as a non-negative remainder.
    public static func isWeekend(_ time: Timestamp) -> Bool {
        let remainder = (time.utcDay + 4) % 7
        let weekday = remainder < 0 ? remainder + 7 : remainder
        return weekday == 0 || weekday == 6
    }
}
