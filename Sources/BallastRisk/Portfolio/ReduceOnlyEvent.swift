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
    /// Who changed the state: nil for the risk layer's drawdown latch, `operator` for an operator
    /// command (`ballast halt`/`resume`/`flatten`, docs/SERVE.md). Left out of JSON when nil.
    public var source: String?

    public init(
        time: Timestamp, strategyID: String?, entered: Bool, drawdown: Double, limit: Double, source: String? = nil
    ) {
        self.time = time
        self.strategyID = strategyID
        self.entered = entered
        self.drawdown = drawdown
        self.limit = limit
        self.source = source
    }
}
