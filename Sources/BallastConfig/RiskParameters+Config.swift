import BallastCore
import BallastRisk

extension RiskParameters {
    /// Reads a `[risk]` table: omitted keys keep the SPEC §2 defaults; unknown keys, wrong types and
    /// invalid values are issues with their key paths (the values are validated as a whole too).
    public static func read(from reader: TableReader, issues: inout [ConfigIssue]) -> RiskParameters {
        var parameters = RiskParameters()
        issues += reader.unknownKeys(allowed: tomlKeys)
        var local: [ConfigIssue] = []
        func set(_ key: String, _ apply: (Double) -> Void) {
            if let value = reader.number(key, &local) { apply(value) }
        }
        func setInteger(_ key: String, _ apply: (Int) -> Void) {
            if let value = reader.integer(key, &local) { apply(value) }
        }
        set("base_risk_per_trade") { parameters.baseRiskPerTrade = $0 }
        set("max_risk_per_trade") { parameters.maxRiskPerTrade = $0 }
        set("max_position_size") { parameters.maxPositionSize = $0 }
        if case .string(let text) = reader.table["max_daily_risk"] {
            if text == "none" {
                parameters.maxDailyRisk = nil
            } else {
                local.append(
                    reader.issue("max_daily_risk", "must be a fraction in (0, 1] or \"none\", got \"\(text)\""))
            }
        } else {
            set("max_daily_risk") { parameters.maxDailyRisk = $0 }
        }
        set("max_drawdown") { parameters.maxDrawdown = $0 }
        set("position_size_atr_multiplier") { parameters.positionSizeATRMultiplier = $0 }
        set("default_take_profit_pct") { parameters.defaultTakeProfitPct = $0 }
        setInteger("atr_period") { parameters.atrPeriod = $0 }
        set("max_correlated_exposure") { parameters.maxCorrelatedExposure = $0 }
        set("correlation_threshold") { parameters.correlationThreshold = $0 }
        setInteger("correlation_window_days") { parameters.correlationWindowDays = $0 }
        setInteger("correlation_min_samples") { parameters.correlationMinSamples = $0 }
        set("min_order_fraction") { parameters.minOrderFraction = $0 }
        set("leverage") { parameters.leverage = $0 }
        if let measure: DailyRiskMeasure = reader.choice("daily_risk_measure", &local) {
            parameters.dailyRiskMeasure = measure
        }
        let typeIssueKeys = Set(local.map(\.keyPath))
        issues += local
        // Validation issues for keys that already failed to read would only repeat them.
        issues += reader.validate(parameters.validationIssues()).filter { !typeIssueKeys.contains($0.keyPath) }
        return parameters
    }
}
