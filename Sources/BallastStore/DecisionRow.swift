import BallastCore
import BallastRisk

/// One stored risk decision (`risk_decisions`), as `ballast decisions` prints it. JSON keys are the
/// table's column names (snake_case); times are epoch seconds. Nil values are left out of the JSON.
///
/// Invariants: as for `RiskDecision`. `sized` … `strategy_daily` are in sleeve terms, `portfolio`
/// onward in portfolio terms. The `correlation_*` fields are all nil when the correlation hook was
/// skipped, and all present otherwise.
public struct DecisionRow: Sendable, Codable, Equatable {
    /// The run the decision belongs to.
    public var runID: Int64
    /// The decision's sequence number in the run, from 1 (`RiskDecision.sequence`).
    public var seq: Int
    /// When the decision was made (the decision bar's close).
    public var time: Timestamp
    /// The decision bar's open (label) time.
    public var barTime: Timestamp
    /// The strategy that asked.
    public var strategyID: String
    /// The symbol of the entry.
    public var symbol: String
    /// The side of the entry.
    public var side: Side
    /// Step 1: the sizer's fraction (sleeve terms); the steps are those of SPEC §3 (`SizingTrace`).
    public var sized: Double
    /// Step 2: × `position_size_factor` (sleeve terms).
    public var throttled: Double
    /// Step 3: clamped to [`min_fraction`, `max_fraction`] (sleeve terms).
    public var bounded: Double
    /// Step 4: after the strategy's own daily budget (sleeve terms).
    public var strategyDaily: Double
    /// Step 5: converted to portfolio terms.
    public var portfolio: Double
    /// Step 6: after `max_position_size`.
    public var afterMaxPosition: Double
    /// Step 6: after `max_daily_risk`.
    public var afterDailyRisk: Double
    /// Step 6: after the correlation headroom.
    public var afterCorrelation: Double
    /// Step 6: after free cash.
    public var afterCash: Double
    /// The approved size in portfolio terms; 0 when denied.
    public var approvedFraction: Double
    /// The approved size in sleeve terms.
    public var approvedSleeveFraction: Double
    /// The limit that decided the size (SPEC §7).
    public var bindingLimit: BindingLimit
    /// The dynamic factors in force for the strategy when it asked.
    public var positionSizeFactor: Double
    /// The dynamic stop-loss tightening in force.
    public var stopLossTightening: Double
    /// The dynamic daily risk factor in force.
    public var dailyRiskFactor: Double
    /// The component that set the size factor, `normal` if none.
    public var primaryReason: AdjustmentReason
    /// The correlated group (the candidate first), its exposure, the cap, the fraction asked for and
    /// the fraction allowed by the hook, and the hook's reason in words.
    public var correlationGroup: [String]?
    /// The group's exposure.
    public var correlationExposure: Double?
    /// The correlated-exposure cap applied.
    public var correlationCap: Double?
    /// The fraction the hook was asked for.
    public var correlationRequested: Double?
    /// The largest fraction the hook allowed.
    public var correlationAllowed: Double?
    /// The hook's reason in words (`CorrelationCheck.reason`).
    public var correlationReason: String?
    /// Portfolio equity at the decision.
    public var portfolioEquity: Double
    /// Sleeve equity at the decision.
    public var sleeveEquity: Double

    /// True when the request was approved with a positive size.
    public var isApproved: Bool { approvedFraction > 0 }

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case seq, time
        case barTime = "bar_time"
        case strategyID = "strategy_id"
        case symbol, side, sized, throttled, bounded
        case strategyDaily = "strategy_daily"
        case portfolio
        case afterMaxPosition = "after_max_position"
        case afterDailyRisk = "after_daily_risk"
        case afterCorrelation = "after_correlation"
        case afterCash = "after_cash"
        case approvedFraction = "approved_fraction"
        case approvedSleeveFraction = "approved_sleeve_fraction"
        case bindingLimit = "binding_limit"
        case positionSizeFactor = "position_size_factor"
        case stopLossTightening = "stop_loss_tightening"
        case dailyRiskFactor = "daily_risk_factor"
        case primaryReason = "primary_reason"
        case correlationGroup = "correlation_group"
        case correlationExposure = "correlation_exposure"
        case correlationCap = "correlation_cap"
        case correlationRequested = "correlation_requested"
        case correlationAllowed = "correlation_allowed"
        case correlationReason = "correlation_reason"
        case portfolioEquity = "portfolio_equity"
        case sleeveEquity = "sleeve_equity"
    }

    /// Reads a `risk_decisions` row.
    init(_ row: StoredRow) throws(StoreError) {
        runID = try row.value("run_id")
        seq = try row.value("seq")
        time = try row.time("time")
        barTime = try row.time("bar_time")
        strategyID = try row.value("strategy_id")
        symbol = try row.value("symbol")
        side = try row.raw("side")
        sized = try row.value("sized")
        throttled = try row.value("throttled")
        bounded = try row.value("bounded")
        strategyDaily = try row.value("strategy_daily")
        portfolio = try row.value("portfolio")
        afterMaxPosition = try row.value("after_max_position")
        afterDailyRisk = try row.value("after_daily_risk")
        afterCorrelation = try row.value("after_correlation")
        afterCash = try row.value("after_cash")
        approvedFraction = try row.value("approved_fraction")
        approvedSleeveFraction = try row.value("approved_sleeve_fraction")
        bindingLimit = try row.raw("binding_limit")
        positionSizeFactor = try row.value("position_size_factor")
        stopLossTightening = try row.value("stop_loss_tightening")
        dailyRiskFactor = try row.value("daily_risk_factor")
        primaryReason = try row.raw("primary_reason")
        correlationGroup = try row.optionalList("correlation_group")
        correlationExposure = try row.value("correlation_exposure")
        correlationCap = try row.value("correlation_cap")
        correlationRequested = try row.value("correlation_requested")
        correlationAllowed = try row.value("correlation_allowed")
        // The standard reason is not stored (it follows from the columns); a hook's own reason is.
        let storedReason: String? = try row.value("correlation_reason")
        if let storedReason {
            correlationReason = storedReason
        } else if let correlationGroup, let correlationExposure, let correlationCap, let correlationRequested,
            let correlationAllowed
        {
            correlationReason =
                CorrelationCheck(
                    allowedFraction: correlationAllowed, groupExposure: correlationExposure, group: correlationGroup,
                    cap: correlationCap, requestedFraction: correlationRequested
                ).reason
        } else {
            correlationReason = nil
        }
        portfolioEquity = try row.value("portfolio_equity")
        sleeveEquity = try row.value("sleeve_equity")
    }
}
