/// The daily simple returns of one symbol inside a window of UTC days, as one decision sees them.
///
/// A return belongs to the day it ends: `returns[i] = close(days[i]) / close(previous day with bars) − 1`.
/// Invariants: `days` is strictly increasing and `days.count == returns.count`.
struct DailyReturns: Sendable, Equatable {
    /// UTC day numbers (days since 1970-01-01), strictly increasing.
    var days: [Int64]
    /// The return ending on each day of `days`.
    var returns: [Double]

    /// No returns at all (no data, or no data inside the window).
    static let empty = DailyReturns(days: [], returns: [])

    /// The returns of both symbols on the days where both have one ("common days"), in day order.
    /// One O(n + m) merge of the two sorted day lists.
    /// Symbols traded on the same days (the common case) share their whole lists, without a merge.
    func commonSamples(with other: DailyReturns) -> (mine: [Double], theirs: [Double]) {
        if days == other.days { return (returns, other.returns) }
        var mine: [Double] = []
        var theirs: [Double] = []
        let capacity = min(days.count, other.days.count)
        mine.reserveCapacity(capacity)
        theirs.reserveCapacity(capacity)
        var left = 0
        var right = 0
        while left < days.count, right < other.days.count {
            if days[left] < other.days[right] {
                left += 1
            } else if days[left] > other.days[right] {
                right += 1
            } else {
                mine.append(returns[left])
                theirs.append(other.returns[right])
                left += 1
                right += 1
            }
        }
        return (mine, theirs)
    }
}
