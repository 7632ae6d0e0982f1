/// The limit that decided a risk decision (SPEC §7). Raw values are the journaled names.
public enum BindingLimit: String, Sendable, Codable, CaseIterable {
    /// Nothing cut the request.
    case none
    /// `min_fraction` raised the request and nothing cut it afterwards.
    case minFraction = "min_fraction"
    case maxFraction = "max_fraction"
    case strategyDailyRisk = "strategy_daily_risk"
    case maxPositionSize = "max_position_size"
    case maxDailyRisk = "max_daily_risk"
    case correlation
    case cash
    /// Denied: the portfolio is in reduce-only after a drawdown past `max_drawdown`.
    case portfolioDrawdown = "portfolio_drawdown"
    /// Denied: the strategy is in reduce-only after a drawdown past its own `max_drawdown`.
    case strategyDrawdown = "strategy_drawdown"
    /// Denied: below `min_order_fraction` and no limit cut it there.
    case minOrder = "min_order"
}
