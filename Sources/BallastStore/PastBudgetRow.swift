import BallastCore
import BallastRisk

/// One strategy's budget as it stood at a past moment of a run (`ballast budgets --at TIME`),
/// rebuilt from the journal's records over time. JSON keys are snake_case as in ``BudgetRow``;
/// times are epoch seconds; nil values are left out.
///
/// **As it stood at TIME** means: after the last bar group that closed at or before TIME, as far as
/// the journal recorded it. The journal keeps a strategy's whole budget only as its latest state
/// (`strategy_state`, at the close of the last bar group it saw); over time it keeps *checkpoints*:
/// the sleeve's equity snapshot after its last bar of every UTC day and at the end of the run
/// (`account_snapshots`, stamped with that bar's open time; the bar closes at open + timeframe − 1 s,
/// the engine clock). So:
/// - TIME at or after the latest state's time: that state (`as_of` = its time), as plain `budgets`;
/// - else the last checkpoint whose bar closed at or before TIME (`as_of` = that close): equity,
///   peak, drawdown, gross exposure and realized P&L from the snapshot; the dynamic factors, tier and
///   reasons from the last `dynamic_performance_metrics` record, the position from the last
///   `positions` row and the reduce-only latches from the last `reduce_only_events` at or before
///   `as_of`;
/// - before the strategy's first checkpoint closed: its starting budget (`as_of` nil; capital ×
///   initial equity, factors 1, flat).
/// The portfolio's equity and drawdown are its last snapshot at or before `as_of`. Daily risk used
/// and the exposure of open positions are not journaled over time, so they are not in this row
/// (`ballast decisions` lists every approval).
public struct PastBudgetRow: Sendable, Codable, Equatable {
    /// The run.
    public var runID: Int64
    /// The strategy.
    public var strategyID: String
    /// The strategy's registration index.
    public var position: Int
    /// The strategy's symbol.
    public var symbol: String
    /// The time asked for.
    public var at: Timestamp
    /// The checkpoint the values are of (≤ `at`); nil before the strategy's first one.
    public var asOf: Timestamp?
    /// The sleeve's share of portfolio equity.
    public var capital: Double
    /// The sleeve's equity, marked to market.
    public var sleeveEquity: Double
    /// The running maximum of the sleeve's equity.
    public var sleevePeak: Double
    /// (peak − equity) / peak of the sleeve.
    public var sleeveDrawdown: Double
    /// Σ |position notional| / sleeve equity at the checkpoint.
    public var grossExposure: Double
    /// The sleeve's realized P&L, account currency.
    public var realizedPnL: Double
    /// The portfolio's equity and drawdown at its last snapshot at or before `as_of`; nil before
    /// its first.
    public var portfolioEquity: Double?
    /// The portfolio's (peak − equity) / peak at that snapshot.
    public var portfolioDrawdown: Double?
    /// The dynamic position size factor in force.
    public var positionSizeFactor: Double
    /// The dynamic stop-loss tightening in force (≥ 1).
    public var stopLossTightening: Double
    /// The dynamic daily risk factor in force.
    public var dailyRiskFactor: Double
    /// The component that set the size factor, `normal` when none is active.
    public var primaryReason: AdjustmentReason
    /// The active drawdown tier (0-based), nil when none.
    public var drawdownTier: Int?
    /// Every active component's reason.
    public var activeReasons: [AdjustmentReason]
    /// The position's side; nil when flat.
    public var positionSide: Side?
    /// The position's quantity, 0 when flat.
    public var positionQuantity: Double
    /// True when the strategy was in reduce-only after its own `max_drawdown`.
    public var strategyReduceOnly: Bool
    /// True when the portfolio was in reduce-only.
    public var portfolioReduceOnly: Bool

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case strategyID = "strategy_id"
        case position, symbol, at
        case asOf = "as_of"
        case capital
        case sleeveEquity = "sleeve_equity"
        case sleevePeak = "sleeve_peak"
        case sleeveDrawdown = "sleeve_drawdown"
        case grossExposure = "gross_exposure"
        case realizedPnL = "realized_pnl"
        case portfolioEquity = "portfolio_equity"
        case portfolioDrawdown = "portfolio_drawdown"
        case positionSizeFactor = "position_size_factor"
        case stopLossTightening = "stop_loss_tightening"
        case dailyRiskFactor = "daily_risk_factor"
        case primaryReason = "primary_reason"
        case drawdownTier = "drawdown_tier"
        case activeReasons = "active_reasons"
        case positionSide = "position_side"
        case positionQuantity = "position_quantity"
        case strategyReduceOnly = "strategy_reduce_only"
        case portfolioReduceOnly = "portfolio_reduce_only"
    }
}
