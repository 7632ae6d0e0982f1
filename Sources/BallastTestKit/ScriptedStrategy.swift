import BallastCore
import BallastRisk
import BallastStrategies

/// A strategy for tests that emits exactly the signals it is given, at bar indices (counted from
/// the first bar it is fed), with an optional confidence column and an optional override hook.
public struct ScriptedStrategy: Strategy {
    public let kind = "scripted"
    public let lookback = 0
    public var script: [Int: Signal]
    public var confidence: [Double]?
    public var overrides: (@Sendable (RiskProfile) -> RiskProfile)?
    /// The number of bars fed so far.
    private var bar = 0

    public init(
        _ script: [Int: Signal], confidence: [Double]? = nil,
        overrides: (@Sendable (RiskProfile) -> RiskProfile)? = nil
    ) {
        self.script = script
        self.confidence = confidence
        self.overrides = overrides
    }

    /// `prediction_confidence` when a confidence column is given.
    public var valueNames: [String] { confidence == nil ? [] : ["prediction_confidence"] }

    public mutating func step(_ bar: Bar, values: inout [Double]) -> Signal {
        let index = self.bar
        self.bar += 1
        if let confidence { values[0] = index < confidence.count ? confidence[index] : .nan }
        return script[index] ?? .none
    }

    public func riskOverrides(_ profile: RiskProfile) -> RiskProfile {
        overrides?(profile) ?? profile
    }
}
