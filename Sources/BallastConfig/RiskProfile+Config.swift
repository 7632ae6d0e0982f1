import BallastCore
import BallastRisk

extension RiskProfile {
    /// Reads a strategy's `[strategies.risk]` override profile (SPEC §10): every key typed and
    /// validated, nested `dynamic_risk` and `trailing_stop` tables included, each issue with its
    /// full key path. `dynamicRiskBase` is what omitted `dynamic_risk` keys fall back to.
    public static func read(
        from reader: TableReader, dynamicRiskBase: DynamicRiskConfig = DynamicRiskConfig(),
        issues: inout [ConfigIssue]
    ) -> RiskProfile {
        var profile = RiskProfile()
        profile.dynamicRisk = dynamicRiskBase
        issues += reader.unknownKeys(allowed: tomlKeys)
        var local: [ConfigIssue] = []
        if let sizer: PositionSizer = reader.choice("position_sizer", &local) { profile.positionSizer = sizer }
        if let value = reader.number("base_fraction", &local) { profile.baseFraction = value }
        if let value = reader.number("min_fraction", &local) { profile.minFraction = value }
        if let value = reader.number("max_fraction", &local) { profile.maxFraction = value }
        if let value = reader.string("confidence_key", &local) { profile.confidenceKey = value }
        if let value = reader.number("max_daily_risk", &local) { profile.maxDailyRisk = value }
        if let value = reader.number("max_drawdown", &local) { profile.maxDrawdown = value }
        if let stop = readPercentOrNone("stop_loss_pct", reader, &local) {
            profile.stopLoss = stop == 0 ? .none : (stop.isNaN ? .none : .percent(stop))
        }
        if let target = readPercentOrNone("take_profit_pct", reader, &local) {
            profile.takeProfit = target.isNaN ? .none : .percent(target)
        }
        readCorrelationControl(reader, into: &profile, &local)
        if let nested = reader.subtable("dynamic_risk", &local) {
            profile.dynamicRisk = DynamicRiskConfig.read(from: nested, over: dynamicRiskBase, issues: &local)
        }
        if let nested = reader.subtable("trailing_stop", &local) {
            profile.trailingStop = TrailingStopConfig.read(from: nested, issues: &local)
        }
        let failed = Set(local.map(\.keyPath))
        issues += local
        let own = profile.validationIssues().filter {
            !$0.keyPath.hasPrefix("dynamic_risk") && !$0.keyPath.hasPrefix("trailing_stop")
        }
        issues += reader.validate(own).filter { !failed.contains($0.keyPath) }
        return profile
    }

    /// A number, or `"none"` (returned as NaN); nil when absent or invalid.
    private static func readPercentOrNone(
        _ key: String, _ reader: TableReader, _ issues: inout [ConfigIssue]
    ) -> Double? {
        guard let value = reader.table[key] else { return nil }
        if case .string(let text) = value {
            if text == "none" { return .nan }
            issues.append(reader.issue(key, "must be a number or \"none\", got \"\(text)\""))
            return nil
        }
        return reader.number(key, &issues)
    }

    /// `correlation_control = true|false` or `{ enabled = …, max_correlated_exposure = … }`.
    private static func readCorrelationControl(
        _ reader: TableReader, into profile: inout RiskProfile, _ issues: inout [ConfigIssue]
    ) {
        guard let value = reader.table["correlation_control"] else { return }
        switch value {
        case .bool(let enabled):
            profile.correlationControl = enabled
        case .table(let table):
            let nested = TableReader(table: table, path: reader.keyPath("correlation_control"))
            issues += nested.unknownKeys(allowed: ["enabled", "max_correlated_exposure"])
            if let enabled = nested.bool("enabled", &issues) { profile.correlationControl = enabled }
            if let cap = nested.number("max_correlated_exposure", &issues) { profile.maxCorrelatedExposure = cap }
        default:
            issues.append(
                reader.issue("correlation_control", "must be true, false or a table, got \(value.typeName)"))
        }
    }
}

extension TrailingStopConfig {
    /// Reads a `trailing_stop` table: `distance_pct` or `atr_multiple` (exactly one), optional
    /// `activation_pct`, `breakeven_pct`, `breakeven_buffer_pct`.
    public static func read(from reader: TableReader, issues: inout [ConfigIssue]) -> TrailingStopConfig {
        var config = TrailingStopConfig()
        issues += reader.unknownKeys(allowed: tomlKeys)
        var local: [ConfigIssue] = []
        if let value = reader.number("activation_pct", &local) { config.activationPct = value }
        let percent = reader.number("distance_pct", &local)
        let multiple = reader.number("atr_multiple", &local)
        switch (percent, multiple) {
        case (let percent?, nil): config.distance = .percent(percent)
        case (nil, let multiple?): config.distance = .atrMultiple(multiple)
        case (.some, .some):
            local.append(reader.issue("distance_pct", "set either distance_pct or atr_multiple, not both"))
        case (nil, nil):
            if reader.table["distance_pct"] == nil && reader.table["atr_multiple"] == nil {
                local.append(reader.issue("distance_pct", "a trailing stop needs distance_pct or atr_multiple"))
            }
        }
        if let value = reader.number("breakeven_pct", &local) { config.breakevenPct = value }
        if let value = reader.number("breakeven_buffer_pct", &local) { config.breakevenBufferPct = value }
        let failed = Set(local.map(\.keyPath))
        issues += local
        issues += reader.validate(config.validationIssues()).filter { !failed.contains($0.keyPath) }
        return config
    }
}
