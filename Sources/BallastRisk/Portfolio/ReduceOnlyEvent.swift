import BallastCore

/// A reduce-only state entered or left (SPEC §7), journaled.
public struct ReduceOnlyEvent: Sendable, Equatable, Codable {
    public var time: Timestamp
    /// nil for the portfolio, else the strategy whose own `max_drawdown` tripped.
    public var strategyID: String?
    /// true when the state was entered, false when it was left.
    public var entered: Bool
    /// The drawdown that caused the change.
    public var drawdown: Double
    /// The `max_drawdown` in force.
    public var limit: Double

    public init(time: Timestamp, strategyID: String?, entered: Bool, drawdown: Double, limit: Double) {
        self.time = time
        self.strategyID = strategyID
        self.entered = entered
        self.drawdown = drawdown
        self.limit = limit
    }
}
