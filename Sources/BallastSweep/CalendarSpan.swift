import BallastCore
import Foundation

/// A span of calendar time such as `3y`, `6m`, `2w` or `90d` (walk-forward windows), added in UTC
/// with the Gregorian calendar, so `1y` from 2020-02-29 is 2021-02-28 and `1m` from 01-31 is 02-28.
///
/// Invariant: `count` > 0.
public struct CalendarSpan: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case day = "d", week = "w", month = "m", year = "y"
    }

    public var count: Int
    public var unit: Unit

    /// Parses `<positive integer><d|w|m|y>`, nil otherwise.
    public init?(_ text: String) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)), let count = Int(text.dropLast()),
            count > 0
        else { return nil }
        self.count = count
        self.unit = unit
    }

    public var description: String { "\(count)\(unit.rawValue)" }

    /// `time` moved forward by this span.
    public func after(_ time: Timestamp) -> Timestamp {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = Date(timeIntervalSince1970: TimeInterval(time.seconds))
        let component: Calendar.Component =
            switch unit {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            case .year: .year
            }
        let moved = calendar.date(byAdding: component, value: count, to: date) ?? date
        return Timestamp(seconds: Int64(moved.timeIntervalSince1970))
    }
}
