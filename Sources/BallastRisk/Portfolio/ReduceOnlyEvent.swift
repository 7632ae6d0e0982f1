import BallastCore

/// A reduce-only state entered or left (SPEC §7), journaled: a drawdown latch, or a live run's
/// process strategy halted after it failed (SPEC §15, `reason` `strategy_failed`).
public struct ReduceOnlyEvent: Sendable, Equatable, Codable {
    /// The reason of a drawdown latch.
    public static let maxDrawdown = "max_drawdown"
    /// The reason of a strategy halted because its process failed.
    public static let strategyFailed = "strategy_failed"

    public var time: Timestamp
    /// nil for the portfolio, else the strategy whose own `max_drawdown` tripped.
    public var strategyID: String?
    /// true when the state was entered, false when it was left.
    public var entered: Bool
    /// The drawdown that caused the change.
    public var drawdown: Double
    /// The `max_drawdown` in force.
    public var limit: Double
    /// Who changed the state: nil for the risk layer (a drawdown latch, or a failed process
    /// strategy), `operator` for an operator command (`ballast halt`/`resume`/`flatten`,
    /// docs/SERVE.md). Left out of JSON when nil.
    public var source: String?
    /// `max_drawdown` (nil, the drawdown latches) or `strategy_failed`.
    public var failure: String?

    /// `maxDrawdown`, `strategyFailed`, or `operator` for an operator command's halt.
    public var reason: String {
        if failure != nil { return Self.strategyFailed }
        return source ?? Self.maxDrawdown
    }
    /// For `strategy_failed`: what the strategy did (nil for a drawdown latch).
    public var message: String? { failure }

    public init(
        time: Timestamp, strategyID: String?, entered: Bool, drawdown: Double, limit: Double, source: String? = nil,
        failure: String? = nil
    ) {
        self.time = time
        self.strategyID = strategyID
        self.entered = entered
        self.drawdown = drawdown
        self.limit = limit
        self.source = source
        self.failure = failure
    }

    /// A live run halted strategy `strategyID` at `time`: its process failed with `message`.
    public static func strategyFailed(_ strategyID: String, at time: Timestamp, message: String) -> ReduceOnlyEvent {
        ReduceOnlyEvent(time: time, strategyID: strategyID, entered: true, drawdown: 0, limit: 0, failure: message)
    }
}
