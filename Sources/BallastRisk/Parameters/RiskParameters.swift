import BallastCore

/// How "risk opened today" is counted against the daily budgets (SPEC §3).
public enum DailyRiskMeasure: String, Sendable, Codable, CaseIterable {
    /// The sum of approved entry fractions (the seed's definition, the default).
    case fraction
    /// The sum of approved fraction × stop distance (as a fraction of the entry price); an entry
    /// without a stop counts its whole fraction.
    case stopDistance = "stop_distance"
}

/// The portfolio-wide risk settings (SPEC §2), the `[risk]` table of a portfolio file.
///
/// Every fraction is of **portfolio** equity. Invariant after `validationIssues()` is empty: every
/// fraction in (0, 1], `baseRiskPerTrade ≤ maxRiskPerTrade`, `atrPeriod ≥ 1`,
/// `correlationThreshold ∈ [−1, 1]`, `correlationWindowDays ≥ 2`.
public struct RiskParameters: Sendable, Equatable, Codable {
    public var baseRiskPerTrade = 0.02
    public var maxRiskPerTrade = 0.03
    public var maxPositionSize = 0.25
    /// The portfolio's daily budget; nil (`max_daily_risk = "none"`) means no daily budget, for
    /// comparisons with engines that have none (an explicit choice, never a default).
    public var maxDailyRisk: Double? = 0.06
    public var maxDrawdown = 0.20
    public var positionSizeATRMultiplier = 1.0
    /// nil means the engine default of 0.04 (`engineDefaultTakeProfitPct`).
    public var defaultTakeProfitPct: Double?
    public var atrPeriod = 14
    public var maxCorrelatedExposure = 0.15
    public var correlationThreshold = 0.7
    public var correlationWindowDays = 30
    public var correlationMinSamples = 20
    /// Entries below this portfolio fraction are denied (SPEC §3 step 7).
    public var minOrderFraction = 1e-4
    /// Buying power as a multiple of equity; 1 means long entries never spend more than free cash.
    public var leverage = 1.0
    /// How the daily budgets count risk.
    public var dailyRiskMeasure = DailyRiskMeasure.fraction
    /// Rule switches for attribution (`ballast attribute`, docs/SWEEPS.md): false switches the
    /// `max_position_size` step off (the request passes it unchanged). Not a portfolio-file key and
    /// never encoded: a run with every rule on encodes as before.
    public var maxPositionSizeEnabled = true
    /// False switches the portfolio's drawdown reduce-only state off: it is never entered.
    public var portfolioDrawdownEnabled = true

    /// The encoded settings (the rule switches are not settings of a portfolio file).
    enum CodingKeys: CodingKey {
        case baseRiskPerTrade, maxRiskPerTrade, maxPositionSize, maxDailyRisk, maxDrawdown
        case positionSizeATRMultiplier, defaultTakeProfitPct, atrPeriod, maxCorrelatedExposure
        case correlationThreshold, correlationWindowDays, correlationMinSamples, minOrderFraction, leverage
        case dailyRiskMeasure
    }

    /// The take-profit distance used when neither a profile nor `default_take_profit_pct` sets one.
    public static let engineDefaultTakeProfitPct = 0.04

    /// The defaults of SPEC §2.
    public init() {}

    /// The `[risk]` table's keys, in the order the documentation lists them.
    public static let tomlKeys = [
        "base_risk_per_trade", "max_risk_per_trade", "max_position_size", "max_daily_risk", "max_drawdown",
        "position_size_atr_multiplier", "default_take_profit_pct", "atr_period", "max_correlated_exposure",
        "correlation_threshold", "correlation_window_days", "correlation_min_samples", "min_order_fraction",
        "leverage", "daily_risk_measure",
    ]

    /// Every way these parameters break SPEC §2's rules; empty when they are valid. Key paths are
    /// the snake_case keys of the `[risk]` table.
    public func validationIssues() -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        let fractions: [(String, Double)] = [
            ("base_risk_per_trade", baseRiskPerTrade), ("max_risk_per_trade", maxRiskPerTrade),
            ("max_position_size", maxPositionSize), ("max_daily_risk", maxDailyRisk ?? 1),
            ("max_drawdown", maxDrawdown),
            ("max_correlated_exposure", maxCorrelatedExposure),
        ]
        for (key, value) in fractions where !(value > 0 && value <= 1) {
            issues.append(ConfigIssue(keyPath: key, reason: "must be a fraction in (0, 1], got \(value)"))
        }
        if let takeProfit = defaultTakeProfitPct, !(takeProfit > 0 && takeProfit <= 1) {
            issues.append(
                ConfigIssue(keyPath: "default_take_profit_pct", reason: "must be in (0, 1], got \(takeProfit)"))
        }
        if baseRiskPerTrade > maxRiskPerTrade {
            issues.append(
                ConfigIssue(
                    keyPath: "base_risk_per_trade",
                    reason: "must not exceed max_risk_per_trade (\(baseRiskPerTrade) > \(maxRiskPerTrade))"))
        }
        if !(positionSizeATRMultiplier > 0 && positionSizeATRMultiplier.isFinite) {
            issues.append(
                ConfigIssue(
                    keyPath: "position_size_atr_multiplier",
                    reason: "must be a positive number, got \(positionSizeATRMultiplier)"))
        }
        if atrPeriod < 1 {
            issues.append(ConfigIssue(keyPath: "atr_period", reason: "must be at least 1, got \(atrPeriod)"))
        }
        if !(correlationThreshold >= -1 && correlationThreshold <= 1) {
            issues.append(
                ConfigIssue(keyPath: "correlation_threshold", reason: "must be in [-1, 1], got \(correlationThreshold)")
            )
        }
        if correlationWindowDays < 2 {
            issues.append(
                ConfigIssue(
                    keyPath: "correlation_window_days", reason: "must be at least 2 days, got \(correlationWindowDays)")
            )
        }
        if correlationMinSamples < 2 {
            issues.append(
                ConfigIssue(
                    keyPath: "correlation_min_samples", reason: "must be at least 2, got \(correlationMinSamples)"))
        }
        if !(minOrderFraction > 0 && minOrderFraction < 1) {
            issues.append(
                ConfigIssue(keyPath: "min_order_fraction", reason: "must be in (0, 1), got \(minOrderFraction)"))
        }
        if !(leverage >= 1 && leverage.isFinite) {
            issues.append(ConfigIssue(keyPath: "leverage", reason: "must be at least 1, got \(leverage)"))
        }
        return issues
    }
}
