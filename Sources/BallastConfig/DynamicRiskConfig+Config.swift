import BallastCore
import BallastRisk

extension DynamicRiskConfig {
    /// Reads a `dynamic_risk` table over `base` key by key (SPEC §5): an omitted key keeps the base
    /// value, an invalid one is an issue (never silently replaced by the default).
    public static func read(
        from reader: TableReader, over base: DynamicRiskConfig = DynamicRiskConfig(), issues: inout [ConfigIssue]
    ) -> DynamicRiskConfig {
        var config = base
        issues += reader.unknownKeys(allowed: tomlKeys)
        var local: [ConfigIssue] = []
        if let value = reader.bool("enabled", &local) { config.enabled = value }
        if let value = reader.integer("performance_window_days", &local) { config.performanceWindowDays = value }
        if let value = reader.numbers("drawdown_thresholds", &local) { config.drawdownThresholds = value }
        if let value = reader.numbers("risk_reduction_factors", &local) { config.riskReductionFactors = value }
        if let value = reader.numbers("recovery_thresholds", &local) { config.recoveryThresholds = value }
        if let value = reader.bool("volatility_adjustment_enabled", &local) {
            config.volatilityAdjustmentEnabled = value
        }
        if let value = reader.integer("volatility_window_days", &local) { config.volatilityWindowDays = value }
        if let value = reader.number("high_volatility_threshold", &local) { config.highVolatilityThreshold = value }
        if let value = reader.number("low_volatility_threshold", &local) { config.lowVolatilityThreshold = value }
        if let value = reader.number("high_volatility_factor", &local) { config.highVolatilityFactor = value }
        if let value = reader.number("low_volatility_factor", &local) { config.lowVolatilityFactor = value }
        if let value = reader.integer("min_trades", &local) { config.minTrades = value }
        if let value = reader.number("poor_performance_score", &local) { config.poorPerformanceScore = value }
        if let value = reader.number("good_performance_score", &local) { config.goodPerformanceScore = value }
        if let value = reader.number("poor_performance_factor", &local) { config.poorPerformanceFactor = value }
        if let value = reader.number("good_performance_factor", &local) { config.goodPerformanceFactor = value }
        let failed = Set(local.map(\.keyPath))
        issues += local
        issues += reader.validate(config.validationIssues()).filter { !failed.contains($0.keyPath) }
        return config
    }
}
