/// What a strategy wants at one bar's close. Signals are events, not target positions: a
/// position stopped out is not re-entered until the strategy signals an entry again.
public enum Signal: Int8, Sendable, Codable, CaseIterable {
    /// Nothing to do.
    case none = 0
    /// Be long: open a long, or reverse a short into a long.
    case enterLong = 1
    /// Be short: open a short, or reverse a long into a short.
    case enterShort = 2
    /// Be flat: close whatever is open.
    case exit = 3
}
