import BallastCore

/// What an order was for: opening a position (`entry`) or closing one for an `ExitReason`.
/// Journaled in `orders.intent` as its raw value: `entry`, or the exit reason's raw value
/// (`signal`, `reversal`, `stop_loss`, `take_profit`, `trailing_stop`, `end_of_data`).
public enum OrderIntent: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    case entry
    case exit(ExitReason)

    /// `entry` or an exit reason's raw value; nil for any other text.
    public init?(rawValue: String) {
        if rawValue == "entry" {
            self = .entry
        } else if let reason = ExitReason(rawValue: rawValue) {
            self = .exit(reason)
        } else {
            return nil
        }
    }

    /// The journaled text.
    public var rawValue: String {
        switch self {
        case .entry: "entry"
        case .exit(let reason): reason.rawValue
        }
    }

    public var description: String { rawValue }
}
