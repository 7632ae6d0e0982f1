/// The settings of one strategy's dynamic risk manager (SPEC §5), with the specification's defaults.
///
/// Property names are the camelCase forms of the TOML keys in ``tomlKeys``; the `Codable` form uses the
/// snake_case TOML keys, and a key that is missing when decoding keeps its default (a profile's
/// `dynamic_risk` table overrides keys one by one). Decoding does not validate: call
/// ``validationIssues()`` and treat any issue as a configuration error.
///
/// Invariants of a valid configuration (``validationIssues()`` is empty): `drawdownThresholds` and
/// `riskReductionFactors` have the same non-zero length, thresholds strictly ascending in (0, 1),
/// reduction factors in (0, 1] and non-increasing, recovery thresholds strictly ascending and > 0,
/// `0 ≤ lowVolatilityThreshold < highVolatilityThreshold`, scores in [0, 1] with poor < good, windows
/// long enough to measure anything, every factor finite and > 0.
public struct DynamicRiskConfig: Sendable, Equatable, Codable {
    /// When false the manager reports ``RiskAdjustments/neutral`` forever and emits no events.
    public var enabled: Bool
    /// Component switches for attribution (`ballast attribute`, docs/SWEEPS.md): false switches the
    /// drawdown tiers off (no tier is ever active). Not portfolio-file keys and never encoded.
    public var drawdownTiersEnabled = true
    /// False switches the performance component off (it never has an opinion).
    public var performanceEnabled = true
    /// Closed trades with an exit time in the last this-many days (engine clock) are scored.
    public var performanceWindowDays: Int
    /// Drawdown from the sleeve's equity peak that enters tier `i` (inclusive); ascending.
    public var drawdownThresholds: [Double]
    /// Size factor and daily risk factor of tier `i`; one per drawdown threshold.
    public var riskReductionFactors: [Double]
    /// Recovery from the trough that lifts a latched tier by `j + 1` tiers; ascending.
    public var recoveryThresholds: [Double]
    /// When false the volatility component is off (no daily closes are kept).
    public var volatilityAdjustmentEnabled: Bool
    /// Calendar days of daily log returns that the volatility is measured over (ending at the current day).
    public var volatilityWindowDays: Int
    /// Daily volatility strictly above this is `high_volatility`.
    public var highVolatilityThreshold: Double
    /// Daily volatility strictly below this is `low_volatility`.
    public var lowVolatilityThreshold: Double
    /// Size factor while volatility is high.
    public var highVolatilityFactor: Double
    /// Size factor while volatility is low (a boost).
    public var lowVolatilityFactor: Double
    /// Fewer closed trades than this in the performance window: the performance component has no opinion.
    public var minTrades: Int
    /// A score strictly below this is `poor_performance`.
    public var poorPerformanceScore: Double
    /// A score strictly above this is `good_performance`.
    public var goodPerformanceScore: Double
    /// Size factor while performance is poor.
    public var poorPerformanceFactor: Double
    /// Size factor while performance is good (a boost).
    public var goodPerformanceFactor: Double

    /// The SPEC §5 defaults.
    public init() {
        enabled = true
        performanceWindowDays = 30
        drawdownThresholds = [0.05, 0.10, 0.15]
        riskReductionFactors = [0.8, 0.6, 0.4]
        recoveryThresholds = [0.02, 0.05]
        volatilityAdjustmentEnabled = true
        volatilityWindowDays = 30
        highVolatilityThreshold = 0.03
        lowVolatilityThreshold = 0.01
        highVolatilityFactor = 0.7
        lowVolatilityFactor = 1.3
        minTrades = 10
        poorPerformanceScore = 0.3
        goodPerformanceScore = 0.7
        poorPerformanceFactor = 0.6
        goodPerformanceFactor = 1.2
    }

    /// The snake_case keys of a `dynamic_risk` table, in declaration order.
    public static let tomlKeys: [String] = CodingKeys.allCases.map(\.rawValue)

    enum CodingKeys: String, CodingKey, CaseIterable {
        case enabled
        case performanceWindowDays = "performance_window_days"
        case drawdownThresholds = "drawdown_thresholds"
        case riskReductionFactors = "risk_reduction_factors"
        case recoveryThresholds = "recovery_thresholds"
        case volatilityAdjustmentEnabled = "volatility_adjustment_enabled"
        case volatilityWindowDays = "volatility_window_days"
        case highVolatilityThreshold = "high_volatility_threshold"
        case lowVolatilityThreshold = "low_volatility_threshold"
        case highVolatilityFactor = "high_volatility_factor"
        case lowVolatilityFactor = "low_volatility_factor"
        case minTrades = "min_trades"
        case poorPerformanceScore = "poor_performance_score"
        case goodPerformanceScore = "good_performance_score"
        case poorPerformanceFactor = "poor_performance_factor"
        case goodPerformanceFactor = "good_performance_factor"
    }

    /// Decodes from the snake_case keys; every missing key keeps its default. A present key of the
    /// wrong type is an error (never silently replaced by the default).
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func take<T: Decodable>(_ value: inout T, _ key: CodingKeys) throws {
            if let decoded = try container.decodeIfPresent(T.self, forKey: key) { value = decoded }
        }
        try take(&enabled, .enabled)
        try take(&performanceWindowDays, .performanceWindowDays)
        try take(&drawdownThresholds, .drawdownThresholds)
        try take(&riskReductionFactors, .riskReductionFactors)
        try take(&recoveryThresholds, .recoveryThresholds)
        try take(&volatilityAdjustmentEnabled, .volatilityAdjustmentEnabled)
        try take(&volatilityWindowDays, .volatilityWindowDays)
        try take(&highVolatilityThreshold, .highVolatilityThreshold)
        try take(&lowVolatilityThreshold, .lowVolatilityThreshold)
        try take(&highVolatilityFactor, .highVolatilityFactor)
        try take(&lowVolatilityFactor, .lowVolatilityFactor)
        try take(&minTrades, .minTrades)
        try take(&poorPerformanceScore, .poorPerformanceScore)
        try take(&goodPerformanceScore, .goodPerformanceScore)
        try take(&poorPerformanceFactor, .poorPerformanceFactor)
        try take(&goodPerformanceFactor, .goodPerformanceFactor)
    }

    /// Encodes every setting under its snake_case key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(enabled, forKey: .enabled)
        try container.encode(performanceWindowDays, forKey: .performanceWindowDays)
        try container.encode(drawdownThresholds, forKey: .drawdownThresholds)
        try container.encode(riskReductionFactors, forKey: .riskReductionFactors)
        try container.encode(recoveryThresholds, forKey: .recoveryThresholds)
        try container.encode(volatilityAdjustmentEnabled, forKey: .volatilityAdjustmentEnabled)
        try container.encode(volatilityWindowDays, forKey: .volatilityWindowDays)
        try container.encode(highVolatilityThreshold, forKey: .highVolatilityThreshold)
        try container.encode(lowVolatilityThreshold, forKey: .lowVolatilityThreshold)
        try container.encode(highVolatilityFactor, forKey: .highVolatilityFactor)
        try container.encode(lowVolatilityFactor, forKey: .lowVolatilityFactor)
        try container.encode(minTrades, forKey: .minTrades)
        try container.encode(poorPerformanceScore, forKey: .poorPerformanceScore)
        try container.encode(goodPerformanceScore, forKey: .goodPerformanceScore)
        try container.encode(poorPerformanceFactor, forKey: .poorPerformanceFactor)
        try container.encode(goodPerformanceFactor, forKey: .goodPerformanceFactor)
    }
}
