import BallastCore
import BallastRisk
import BallastStrategies

/// A strategy for tests that emits exactly the signals it is given, at bar indices, with an
/// optional confidence column and an optional override hook.
public struct ScriptedStrategy: Strategy {
    public let kind = "scripted"
    public let lookback = 0
    public var script: [Int: Signal]
    public var confidence: [Double]?
    public var overrides: (@Sendable (RiskProfile) -> RiskProfile)?

    public init(
        _ script: [Int: Signal], confidence: [Double]? = nil,
        overrides: (@Sendable (RiskProfile) -> RiskProfile)? = nil
    ) {
        self.script = script
        self.confidence = confidence
        self.overrides = overrides
    }

    public func signals(for series: BarSeries) -> SignalSeries {
        var result = SignalSeries(count: series.count)
        for (bar, signal) in script where bar < series.count { result.signals[bar] = signal }
        if let confidence {
            result.indicators["prediction_confidence"] =
                Array(confidence.prefix(series.count))
                + [Double](repeating: .nan, count: max(0, series.count - confidence.count))
        }
        return result
    }

    public func riskOverrides(_ profile: RiskProfile) -> RiskProfile {
        overrides?(profile) ?? profile
    }
}
