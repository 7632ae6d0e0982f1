import BallastCore

// TEMPORARY stub, replaced by the full implementation.
public struct DynamicRiskConfig: Sendable, Equatable, Codable {
    public var enabled = true
    public var performanceWindowDays = 30
    public var drawdownThresholds = [0.05, 0.10, 0.15]
    public var riskReductionFactors = [0.8, 0.6, 0.4]
    public var recoveryThresholds = [0.02, 0.05]
    public var volatilityAdjustmentEnabled = true
    public var volatilityWindowDays = 30
    public var highVolatilityThreshold = 0.03
    public var lowVolatilityThreshold = 0.01
    public var highVolatilityFactor = 0.7
    public var lowVolatilityFactor = 1.3
    public var minTrades = 10
    public var poorPerformanceScore = 0.3
    public var goodPerformanceScore = 0.7
    public var poorPerformanceFactor = 0.6
    public var goodPerformanceFactor = 1.2
    public init() {}
    public func validationIssues() -> [ConfigIssue] { [] }
}
