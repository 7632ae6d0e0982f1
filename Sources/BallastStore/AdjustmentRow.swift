import BallastCore
import BallastRisk

/// One stored risk adjustment (`risk_adjustments`, SPEC §5), as `ballast adjustments` prints it.
/// JSON keys are the table's column names (snake_case); times are epoch seconds. Nil values are left out of the JSON.
///
/// `*_original` is the combined factor in force before the change, `*_adjusted` after it.
/// `component_*_before` / `_after` are the changing component's own factors (nil when it had no
/// opinion). The four end fields are nil while the adjustment is still in force.
public struct AdjustmentRow: Sendable, Encodable, Equatable {
    /// The run the adjustment belongs to.
    public var runID: Int64
    /// The adjustment's sequence number in the run, from 1.
    public var seq: Int
    /// The strategy whose factors changed.
    public var strategyID: String
    /// The bar's open time at which the change was seen.
    public var time: Timestamp
    /// The component that changed.
    public var component: RiskComponent
    /// The component's reason after the change, `normal` when it turned off.
    public var reason: AdjustmentReason
    /// The component's reason before the change, `normal` when it was off.
    public var previousReason: AdjustmentReason
    /// The active drawdown tier (0-based) before and after; nil when none.
    public var tierBefore: Int?
    /// The active drawdown tier after the change.
    public var tierAfter: Int?
    /// The combined position size factor before the change.
    public var positionSizeFactorOriginal: Double
    /// The combined position size factor after the change.
    public var positionSizeFactorAdjusted: Double
    /// The combined stop-loss tightening before the change.
    public var stopLossTighteningOriginal: Double
    /// The combined stop-loss tightening after the change.
    public var stopLossTighteningAdjusted: Double
    /// The combined daily risk factor before the change.
    public var dailyRiskFactorOriginal: Double
    /// The combined daily risk factor after the change.
    public var dailyRiskFactorAdjusted: Double
    /// The component that set the size factor before the change (`normal`: none).
    public var primaryReasonBefore: AdjustmentReason
    /// The component that set the size factor after the change (`normal`: none).
    public var primaryReasonAfter: AdjustmentReason
    /// The reasons of every component active after the change, in tie-break order.
    public var activeReasons: [AdjustmentReason]
    /// The component's own size factor before; nil when it had no opinion.
    public var componentSizeFactorBefore: Double?
    /// The component's own size factor after; nil when it has no opinion.
    public var componentSizeFactorAfter: Double?
    /// The component's own stop tightening before; nil when it had no opinion.
    public var componentTighteningBefore: Double?
    /// The component's own stop tightening after; nil when it has no opinion.
    public var componentTighteningAfter: Double?
    /// The component's own daily risk factor before; nil when it had no opinion.
    public var componentDailyFactorBefore: Double?
    /// The component's own daily risk factor after; nil when it has no opinion.
    public var componentDailyFactorAfter: Double?
    /// The measurements after the change, the same value the dynamic risk manager measured (its
    /// fields encode flat, under the table's column names).
    public var inputs: RiskInputs
    /// When the next adjustment of the strategy (or the end of the run) replaced this one.
    public var endedAt: Timestamp?
    /// How long it was in force, in seconds.
    public var durationSeconds: Int64?
    /// The trades closed while it was in force, and their P&L in account currency.
    public var tradesUnder: Int?
    /// The P&L of the trades closed while it was in force, in account currency.
    public var pnlUnder: Double?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case seq
        case strategyID = "strategy_id"
        case time, component, reason
        case previousReason = "previous_reason"
        case tierBefore = "tier_before"
        case tierAfter = "tier_after"
        case positionSizeFactorOriginal = "position_size_factor_original"
        case positionSizeFactorAdjusted = "position_size_factor_adjusted"
        case stopLossTighteningOriginal = "stop_loss_tightening_original"
        case stopLossTighteningAdjusted = "stop_loss_tightening_adjusted"
        case dailyRiskFactorOriginal = "daily_risk_factor_original"
        case dailyRiskFactorAdjusted = "daily_risk_factor_adjusted"
        case primaryReasonBefore = "primary_reason_before"
        case primaryReasonAfter = "primary_reason_after"
        case activeReasons = "active_reasons"
        case componentSizeFactorBefore = "component_size_factor_before"
        case componentSizeFactorAfter = "component_size_factor_after"
        case componentTighteningBefore = "component_tightening_before"
        case componentTighteningAfter = "component_tightening_after"
        case componentDailyFactorBefore = "component_daily_factor_before"
        case componentDailyFactorAfter = "component_daily_factor_after"
        case drawdown, recovery, trough, peak, score
        case winRate = "win_rate"
        case profitFactor = "profit_factor"
        case tradeCount = "trade_count"
        case volatility
        case endedAt = "ended_at"
        case durationSeconds = "duration_seconds"
        case tradesUnder = "trades_under"
        case pnlUnder = "pnl_under"
    }

    /// Encodes flat: every field under its column's name, `inputs` as its nine columns; nil values
    /// are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(seq, forKey: .seq)
        try container.encode(strategyID, forKey: .strategyID)
        try container.encode(time, forKey: .time)
        try container.encode(component, forKey: .component)
        try container.encode(reason, forKey: .reason)
        try container.encode(previousReason, forKey: .previousReason)
        try container.encodeIfPresent(tierBefore, forKey: .tierBefore)
        try container.encodeIfPresent(tierAfter, forKey: .tierAfter)
        try container.encode(positionSizeFactorOriginal, forKey: .positionSizeFactorOriginal)
        try container.encode(positionSizeFactorAdjusted, forKey: .positionSizeFactorAdjusted)
        try container.encode(stopLossTighteningOriginal, forKey: .stopLossTighteningOriginal)
        try container.encode(stopLossTighteningAdjusted, forKey: .stopLossTighteningAdjusted)
        try container.encode(dailyRiskFactorOriginal, forKey: .dailyRiskFactorOriginal)
        try container.encode(dailyRiskFactorAdjusted, forKey: .dailyRiskFactorAdjusted)
        try container.encode(primaryReasonBefore, forKey: .primaryReasonBefore)
        try container.encode(primaryReasonAfter, forKey: .primaryReasonAfter)
        try container.encode(activeReasons, forKey: .activeReasons)
        try container.encodeIfPresent(componentSizeFactorBefore, forKey: .componentSizeFactorBefore)
        try container.encodeIfPresent(componentSizeFactorAfter, forKey: .componentSizeFactorAfter)
        try container.encodeIfPresent(componentTighteningBefore, forKey: .componentTighteningBefore)
        try container.encodeIfPresent(componentTighteningAfter, forKey: .componentTighteningAfter)
        try container.encodeIfPresent(componentDailyFactorBefore, forKey: .componentDailyFactorBefore)
        try container.encodeIfPresent(componentDailyFactorAfter, forKey: .componentDailyFactorAfter)
        try container.encode(inputs.drawdown, forKey: .drawdown)
        try container.encodeIfPresent(inputs.recovery, forKey: .recovery)
        try container.encodeIfPresent(inputs.trough, forKey: .trough)
        try container.encode(inputs.peak, forKey: .peak)
        try container.encodeIfPresent(inputs.score, forKey: .score)
        try container.encodeIfPresent(inputs.winRate, forKey: .winRate)
        try container.encodeIfPresent(inputs.profitFactor, forKey: .profitFactor)
        try container.encode(inputs.tradeCount, forKey: .tradeCount)
        try container.encodeIfPresent(inputs.volatility, forKey: .volatility)
        try container.encodeIfPresent(endedAt, forKey: .endedAt)
        try container.encodeIfPresent(durationSeconds, forKey: .durationSeconds)
        try container.encodeIfPresent(tradesUnder, forKey: .tradesUnder)
        try container.encodeIfPresent(pnlUnder, forKey: .pnlUnder)
    }

    /// Reads a `risk_adjustments` row.
    init(_ row: StoredRow) throws(StoreError) {
        runID = try row.value("run_id")
        seq = try row.value("seq")
        strategyID = try row.value("strategy_id")
        time = try row.time("time")
        component = try row.raw("component")
        reason = try row.raw("reason")
        previousReason = try row.raw("previous_reason")
        tierBefore = try row.value("tier_before")
        tierAfter = try row.value("tier_after")
        positionSizeFactorOriginal = try row.value("position_size_factor_original")
        positionSizeFactorAdjusted = try row.value("position_size_factor_adjusted")
        stopLossTighteningOriginal = try row.value("stop_loss_tightening_original")
        stopLossTighteningAdjusted = try row.value("stop_loss_tightening_adjusted")
        dailyRiskFactorOriginal = try row.value("daily_risk_factor_original")
        dailyRiskFactorAdjusted = try row.value("daily_risk_factor_adjusted")
        primaryReasonBefore = try row.raw("primary_reason_before")
        primaryReasonAfter = try row.raw("primary_reason_after")
        activeReasons = try row.reasons("active_reasons")
        componentSizeFactorBefore = try row.value("component_size_factor_before")
        componentSizeFactorAfter = try row.value("component_size_factor_after")
        componentTighteningBefore = try row.value("component_tightening_before")
        componentTighteningAfter = try row.value("component_tightening_after")
        componentDailyFactorBefore = try row.value("component_daily_factor_before")
        componentDailyFactorAfter = try row.value("component_daily_factor_after")
        inputs = try row.inputs()
        endedAt = try row.optionalTime("ended_at")
        durationSeconds = try row.value("duration_seconds")
        tradesUnder = try row.value("trades_under")
        pnlUnder = try row.value("pnl_under")
    }
}
