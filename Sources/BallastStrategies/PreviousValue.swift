/// An indicator's value at the previous bar, NaN until it is defined (so nothing crosses from it).
/// Equal by bits, so that two strategies in the same state compare equal even while it is NaN.
struct PreviousValue: Sendable, Equatable {
    var value = Double.nan

    static func == (lhs: Self, rhs: Self) -> Bool { lhs.value.bitPattern == rhs.value.bitPattern }
}
