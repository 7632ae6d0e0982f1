import BallastCore
import BallastRisk

/// One strategy's risk budget (SPEC §1) as of the last journaled batch, read from the `budgets`
/// view (`strategy_state` joined with `strategies` and `runs`). JSON keys are the view's column names
/// (snake_case); `as_of` is epoch seconds. Nil values are left out of the JSON.
///
/// Fractions: `capital`, `open_exposure_portfolio`, `portfolio_daily_*`, `correlated_exposure` and
/// `correlation_headroom` are of portfolio equity; `open_exposure_sleeve` and `strategy_daily_*` of
/// sleeve equity. `strategy_daily_cap` and `strategy_daily_left` are the profile's own cap before the
/// dynamic `daily_risk_factor`; the `_in_force` pair applies it (`cap × factor`, `max(0, cap × factor
/// − used)`). All four are nil when the profile sets no cap.
public struct BudgetRow: Sendable, Codable, Equatable {
    /// One active dynamic-risk component and why it is active.
    public struct ActiveComponent: Sendable, Codable, Equatable {
        /// The active component.
        public var component: RiskComponent
        /// Why it is active (never `normal`).
        public var reason: AdjustmentReason

        /// The component an active reason belongs to; nil for `normal`, which no component is
        /// active for.
        public init?(reason: AdjustmentReason) {
            switch reason {
            case .normal: return nil
            case .drawdown: component = .drawdown
            case .poorPerformance, .goodPerformance: component = .performance
            case .highVolatility, .lowVolatility: component = .volatility
            }
            self.reason = reason
        }
    }

    public var runID: Int64
    /// `running`, `finished` or `failed`.
    public var runStatus: String
    /// The strategy.
    public var strategyID: String
    /// The strategy's registration index in the run.
    public var position: Int
    /// The strategy's kind (`sma_cross`, …).
    public var kind: String
    /// The strategy's symbol.
    public var symbol: String
    /// The time of the state (the engine clock when it was journaled).
    public var asOf: Timestamp
    /// The sleeve's share of portfolio equity.
    public var capital: Double
    /// `capital × initial equity`: the sleeve's starting equity.
    public var sleeveInitialEquity: Double
    /// The sleeve's equity, marked to market.
    public var sleeveEquity: Double
    /// The running maximum of the sleeve's equity.
    public var sleevePeak: Double
    /// (peak − equity) / peak of the sleeve.
    public var sleeveDrawdown: Double
    /// The active drawdown tier (0-based), nil when none.
    public var drawdownTier: Int?
    /// The component that set `position_size_factor`, `normal` when none is active.
    public var primaryReason: AdjustmentReason
    /// Every active component with its reason, in tie-break order.
    public var activeComponents: [ActiveComponent]
    /// The dynamic position size factor in force.
    public var positionSizeFactor: Double
    /// The dynamic stop-loss tightening in force (≥ 1).
    public var stopLossTightening: Double
    /// The dynamic daily risk factor in force.
    public var dailyRiskFactor: Double
    /// Σ |fraction| of the strategy's open positions, portfolio terms.
    public var openExposurePortfolio: Double
    /// Σ |fraction| of the strategy's open positions, sleeve terms.
    public var openExposureSleeve: Double
    /// Risk the strategy opened today, sleeve terms.
    public var strategyDailyUsed: Double
    /// The profile's own daily cap before the dynamic factor; nil without a cap.
    public var strategyDailyCap: Double?
    /// What is left under that cap before the dynamic factor; nil without a cap.
    public var strategyDailyLeft: Double?
    /// The cap × `daily_risk_factor`; nil without a cap.
    public var strategyDailyCapInForce: Double?
    /// max(0, cap × `daily_risk_factor` − used); nil without a cap.
    public var strategyDailyLeftInForce: Double?
    /// The portfolio's risk opened today, portfolio terms.
    public var portfolioDailyUsed: Double
    /// What is left under `max_daily_risk` today.
    public var portfolioDailyLeft: Double?
    /// The exposure of the strategy's symbol's correlated group.
    public var correlatedExposure: Double
    /// What the group may still take under its cap.
    public var correlationHeadroom: Double
    /// True when the strategy is in reduce-only after its own `max_drawdown`.
    public var strategyReduceOnly: Bool
    /// True when the portfolio is in reduce-only.
    public var portfolioReduceOnly: Bool
    /// The strategy's position now; nil side when flat.
    public var positionSide: Side?
    /// The position's quantity, 0 when flat.
    public var positionQuantity: Double
    /// The sleeve's realized P&L in account currency.
    public var realizedPnL: Double
    /// The operator halt in force (`ballast halt`/`flatten` applied, no `resume` since); nil when
    /// none (and then left out of the JSON).
    public var operatorHalt: OperatorHalt?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case runStatus = "run_status"
        case strategyID = "strategy_id"
        case position, kind, symbol
        case asOf = "as_of"
        case capital
        case sleeveInitialEquity = "sleeve_initial_equity"
        case sleeveEquity = "sleeve_equity"
        case sleevePeak = "sleeve_peak"
        case sleeveDrawdown = "sleeve_drawdown"
        case drawdownTier = "drawdown_tier"
        case primaryReason = "primary_reason"
        case activeComponents = "active_components"
        case positionSizeFactor = "position_size_factor"
        case stopLossTightening = "stop_loss_tightening"
        case dailyRiskFactor = "daily_risk_factor"
        case openExposurePortfolio = "open_exposure_portfolio"
        case openExposureSleeve = "open_exposure_sleeve"
        case strategyDailyUsed = "strategy_daily_used"
        case strategyDailyCap = "strategy_daily_cap"
        case strategyDailyLeft = "strategy_daily_left"
        case strategyDailyCapInForce = "strategy_daily_cap_in_force"
        case strategyDailyLeftInForce = "strategy_daily_left_in_force"
        case portfolioDailyUsed = "portfolio_daily_used"
        case portfolioDailyLeft = "portfolio_daily_left"
        case correlatedExposure = "correlated_exposure"
        case correlationHeadroom = "correlation_headroom"
        case strategyReduceOnly = "strategy_reduce_only"
        case portfolioReduceOnly = "portfolio_reduce_only"
        case positionSide = "position_side"
        case positionQuantity = "position_quantity"
        case realizedPnL = "realized_pnl"
        case operatorHalt = "operator_halt"
    }

    /// Reads a `budgets` view row.
    init(_ row: StoredRow) throws(StoreError) {
        runID = try row.value("run_id")
        runStatus = try row.value("run_status")
        strategyID = try row.value("strategy_id")
        position = try row.value("position")
        kind = try row.value("kind")
        symbol = try row.value("symbol")
        asOf = try row.time("as_of")
        capital = try row.value("capital")
        sleeveInitialEquity = try row.value("sleeve_initial_equity")
        sleeveEquity = try row.value("sleeve_equity")
        sleevePeak = try row.value("sleeve_peak")
        sleeveDrawdown = try row.value("sleeve_drawdown")
        drawdownTier = try row.value("drawdown_tier")
        primaryReason = try row.raw("primary_reason")
        activeComponents = try row.reasons("active_reasons").compactMap(ActiveComponent.init(reason:))
        positionSizeFactor = try row.value("position_size_factor")
        stopLossTightening = try row.value("stop_loss_tightening")
        dailyRiskFactor = try row.value("daily_risk_factor")
        openExposurePortfolio = try row.value("open_exposure_portfolio")
        openExposureSleeve = try row.value("open_exposure_sleeve")
        strategyDailyUsed = try row.value("strategy_daily_used")
        strategyDailyCap = try row.value("strategy_daily_cap")
        strategyDailyLeft = try row.value("strategy_daily_left")
        strategyDailyCapInForce = try row.value("strategy_daily_cap_in_force")
        strategyDailyLeftInForce = try row.value("strategy_daily_left_in_force")
        portfolioDailyUsed = try row.value("portfolio_daily_used")
        portfolioDailyLeft = try row.value("portfolio_daily_left")
        correlatedExposure = try row.value("correlated_exposure")
        correlationHeadroom = try row.value("correlation_headroom")
        strategyReduceOnly = try row.flag("strategy_reduce_only")
        portfolioReduceOnly = try row.flag("portfolio_reduce_only")
        positionSide = try row.optionalRaw("position_side")
        positionQuantity = try row.value("position_quantity")
        realizedPnL = try row.value("realized_pnl")
    }
}
