import BallastCore

/// How a strategy turns a signal into a fraction of its sleeve (SPEC §3 step 1).
public enum PositionSizer: String, Sendable, Codable, CaseIterable {
    /// f = base fraction.
    case fixedFraction = "fixed_fraction"
    /// f = base × clamp(confidence, 0, 1), the confidence read from the strategy's indicator column.
    case confidenceWeighted = "confidence_weighted"
    /// The legacy ATR quantity sizing expressed as a fraction.
    case atrRisk = "atr_risk"
}

/// The market regime a strategy reports for the `atr_risk` sizer.
public enum MarketRegime: String, Sendable, Codable, CaseIterable {
    case normal
    case trending
    case volatile

    /// The risk multiplier of SPEC §3: trending 1.5, volatile 0.6, normal 1.
    public var riskMultiplier: Double {
        switch self {
        case .normal: 1
        case .trending: 1.5
        case .volatile: 0.6
        }
    }
}

/// A strategy's risk-override profile: what the seed's `get_risk_overrides()` returned, typed.
///
/// Unset values fall back to the portfolio's `RiskParameters`. Strategy-side fractions are of the
/// strategy's **sleeve** equity. Invariant after `validationIssues()` is empty:
/// `0 ≤ minFraction ≤ maxFraction ≤ 1`, `baseFraction ∈ (0, 1]` when set, per-strategy limits in (0, 1].
public struct RiskProfile: Sendable, Equatable, Codable {
    public var positionSizer = PositionSizer.fixedFraction
    /// nil: `base_risk_per_trade` of the portfolio.
    public var baseFraction: Double?
    public var minFraction = 0.0
    public var maxFraction = 1.0
    /// The indicator column the confidence-weighted sizer reads.
    public var confidenceKey = "prediction_confidence"
    public var stopLoss = StopLossSetting.atr
    public var takeProfit = TakeProfitSetting.inherit
    public var dynamicRisk = DynamicRiskConfig()
    public var trailingStop: TrailingStopConfig?
    /// The strategy's own daily budget in sleeve terms, scaled by the dynamic daily-risk factor.
    public var maxDailyRisk: Double?
    /// The strategy's own drawdown limit: past it only this strategy goes reduce-only.
    public var maxDrawdown: Double?
    /// false: the correlation hook is skipped for this strategy's entries.
    public var correlationControl = true
    /// The strategy's own correlated-exposure cap (portfolio terms); nil: `max_correlated_exposure`.
    public var maxCorrelatedExposure: Double?

    /// The defaults: fixed fraction at the portfolio's base risk, no bounds, ATR stop.
    public init() {}

    /// The `[strategies.risk]` table's keys.
    public static let tomlKeys = [
        "position_sizer", "base_fraction", "min_fraction", "max_fraction", "confidence_key", "stop_loss_pct",
        "take_profit_pct", "dynamic_risk", "trailing_stop", "max_daily_risk", "max_drawdown", "correlation_control",
    ]

    /// The base fraction in force: the profile's, else the portfolio's `base_risk_per_trade`.
    public func baseFraction(with parameters: RiskParameters) -> Double {
        baseFraction ?? parameters.baseRiskPerTrade
    }

    /// Every invalid setting, keyed by the profile table's keys (nested tables get nested paths).
    public func validationIssues() -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if let base = baseFraction, !(base > 0 && base <= 1) {
            issues.append(ConfigIssue(keyPath: "base_fraction", reason: "must be in (0, 1], got \(base)"))
        }
        if !(minFraction >= 0 && minFraction <= 1) {
            issues.append(ConfigIssue(keyPath: "min_fraction", reason: "must be in [0, 1], got \(minFraction)"))
        }
        if !(maxFraction > 0 && maxFraction <= 1) {
            issues.append(ConfigIssue(keyPath: "max_fraction", reason: "must be in (0, 1], got \(maxFraction)"))
        }
        if minFraction > maxFraction {
            issues.append(
                ConfigIssue(
                    keyPath: "min_fraction", reason: "must not exceed max_fraction (\(minFraction) > \(maxFraction))"))
        }
        if confidenceKey.isEmpty {
            issues.append(ConfigIssue(keyPath: "confidence_key", reason: "must not be empty"))
        }
        if case .percent(let pct) = stopLoss, !(pct > 0 && pct < 1) {
            issues.append(ConfigIssue(keyPath: "stop_loss_pct", reason: "must be in [0, 1) or \"none\", got \(pct)"))
        }
        if case .percent(let pct) = takeProfit, !(pct > 0 && pct.isFinite) {
            issues.append(ConfigIssue(keyPath: "take_profit_pct", reason: "must be positive or \"none\", got \(pct)"))
        }
        if let daily = maxDailyRisk, !(daily > 0 && daily <= 1) {
            issues.append(ConfigIssue(keyPath: "max_daily_risk", reason: "must be in (0, 1], got \(daily)"))
        }
        if let drawdown = maxDrawdown, !(drawdown > 0 && drawdown < 1) {
            issues.append(ConfigIssue(keyPath: "max_drawdown", reason: "must be in (0, 1), got \(drawdown)"))
        }
        if let cap = maxCorrelatedExposure, !(cap > 0 && cap <= 1) {
            issues.append(
                ConfigIssue(
                    keyPath: "correlation_control.max_correlated_exposure", reason: "must be in (0, 1], got \(cap)"))
        }
        issues += dynamicRisk.validationIssues().map { $0.prefixed(by: "dynamic_risk") }
        issues += (trailingStop?.validationIssues() ?? []).map { $0.prefixed(by: "trailing_stop") }
        return issues
    }
}
