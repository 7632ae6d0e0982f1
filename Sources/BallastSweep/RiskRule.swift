import BallastEngine
import BallastRisk

/// The risk rules of SPEC §17 that `ballast attribute` switches off one at a time.
///
/// Each is switched off through an explicit switch of the setup, never a huge number:
/// `max_daily_risk` = nil (no daily budget), every profile's `correlationControl` = false and
/// `maxDrawdown` = nil, `RiskParameters.maxPositionSizeEnabled` / `portfolioDrawdownEnabled`, and
/// `DynamicRiskConfig.drawdownTiersEnabled` / `performanceEnabled` / `volatilityAdjustmentEnabled`.
public enum RiskRule: String, CaseIterable, Sendable {
    case maxPositionSize = "max_position_size"
    case maxDailyRisk = "max_daily_risk"
    case correlation
    case portfolioDrawdown = "portfolio_drawdown"
    case strategyDrawdown = "strategy_drawdown"
    case drawdownTiers = "drawdown_tiers"
    case performance
    case volatility

    /// `setup` with this rule off and everything else as it was.
    public func switchedOff(in setup: PortfolioSetup) -> PortfolioSetup {
        var setup = setup
        switch self {
        case .maxPositionSize: setup.risk.maxPositionSizeEnabled = false
        case .maxDailyRisk: setup.risk.maxDailyRisk = nil
        case .portfolioDrawdown: setup.risk.portfolioDrawdownEnabled = false
        case .correlation, .strategyDrawdown, .drawdownTiers, .performance, .volatility:
            for index in setup.strategies.indices {
                switchOff(in: &setup.strategies[index].profile)
            }
        }
        return setup
    }

    private func switchOff(in profile: inout RiskProfile) {
        switch self {
        case .correlation: profile.correlationControl = false
        case .strategyDrawdown: profile.maxDrawdown = nil
        case .drawdownTiers: profile.dynamicRisk.drawdownTiersEnabled = false
        case .performance: profile.dynamicRisk.performanceEnabled = false
        case .volatility: profile.dynamicRisk.volatilityAdjustmentEnabled = false
        case .maxPositionSize, .maxDailyRisk, .portfolioDrawdown: break
        }
    }

    /// Whether this rule shaped a baseline decision: it was the binding limit (the limits and the
    /// reduce-only states), or its component set the size factor in force (the dynamic components).
    func shaped(_ decision: RiskDecision) -> Bool {
        switch self {
        case .maxPositionSize: decision.bindingLimit == .maxPositionSize
        case .maxDailyRisk: decision.bindingLimit == .maxDailyRisk
        case .correlation: decision.bindingLimit == .correlation
        case .portfolioDrawdown: decision.bindingLimit == .portfolioDrawdown
        case .strategyDrawdown: decision.bindingLimit == .strategyDrawdown
        case .drawdownTiers: decision.primaryReason == .drawdown
        case .performance: [.poorPerformance, .goodPerformance].contains(decision.primaryReason)
        case .volatility: [.highVolatility, .lowVolatility].contains(decision.primaryReason)
        }
    }
}
