import BallastCore
import BallastRisk

/// One stored risk decision (`risk_decisions`), as `ballast decisions` prints it: the engine's
/// `RiskDecision` itself (one type for the record and the row), with the run it belongs to. The
/// JSON is flat, keyed by the table's column names (snake_case); times are epoch seconds; the
/// `correlation_*` keys are left out when the correlation hook was skipped.
///
/// Invariants: as for `RiskDecision`. `sized` … `strategy_daily` are in sleeve terms, `portfolio`
/// onward in portfolio terms. `correlation_reason` is the hook's own reason when it gave one, else
/// the standard reason (`CorrelationCheck.reason`), which is not stored.
public struct DecisionRow: Sendable, Equatable, Encodable {
    /// The run the decision belongs to.
    public var runID: Int64
    /// The decision as the risk book made it (`seq` is its `sequence`).
    public var decision: RiskDecision

    /// True when the request was approved with a positive size.
    public var isApproved: Bool { decision.isApproved }

    public init(runID: Int64, decision: RiskDecision) {
        self.runID = runID
        self.decision = decision
    }

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

    /// Flat, in the column order (the JSON of `ballast decisions` and of the dashboard's API).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let trace = decision.trace
        try container.encode(runID, forKey: .runID)
        try container.encode(decision.sequence, forKey: .seq)
        try container.encode(decision.time, forKey: .time)
        try container.encode(decision.barTime, forKey: .barTime)
        try container.encode(decision.strategyID, forKey: .strategyID)
        try container.encode(decision.symbol, forKey: .symbol)
        try container.encode(decision.side, forKey: .side)
        try container.encode(trace.sized, forKey: .sized)
        try container.encode(trace.throttled, forKey: .throttled)
        try container.encode(trace.bounded, forKey: .bounded)
        try container.encode(trace.strategyDaily, forKey: .strategyDaily)
        try container.encode(trace.portfolio, forKey: .portfolio)
        try container.encode(trace.afterMaxPosition, forKey: .afterMaxPosition)
        try container.encode(trace.afterDailyRisk, forKey: .afterDailyRisk)
        try container.encode(trace.afterCorrelation, forKey: .afterCorrelation)
        try container.encode(trace.afterCash, forKey: .afterCash)
        try container.encode(decision.approvedFraction, forKey: .approvedFraction)
        try container.encode(decision.approvedSleeveFraction, forKey: .approvedSleeveFraction)
        try container.encode(decision.bindingLimit, forKey: .bindingLimit)
        try container.encode(decision.positionSizeFactor, forKey: .positionSizeFactor)
        try container.encode(decision.stopLossTightening, forKey: .stopLossTightening)
        try container.encode(decision.dailyRiskFactor, forKey: .dailyRiskFactor)
        try container.encode(decision.primaryReason, forKey: .primaryReason)
        let check = decision.correlation
        try container.encodeIfPresent(check?.group, forKey: .correlationGroup)
        try container.encodeIfPresent(check?.groupExposure, forKey: .correlationExposure)
        try container.encodeIfPresent(check?.cap, forKey: .correlationCap)
        try container.encodeIfPresent(check?.requestedFraction, forKey: .correlationRequested)
        try container.encodeIfPresent(check?.allowedFraction, forKey: .correlationAllowed)
        try container.encodeIfPresent(check?.reason, forKey: .correlationReason)
        try container.encode(decision.portfolioEquity, forKey: .portfolioEquity)
        try container.encode(decision.sleeveEquity, forKey: .sleeveEquity)
    }

    /// Reads a `risk_decisions` row.
    init(_ row: StoredRow) throws(StoreError) {
        runID = try row.value("run_id")
        var trace = SizingTrace()
        trace.sized = try row.value("sized")
        trace.throttled = try row.value("throttled")
        trace.bounded = try row.value("bounded")
        trace.strategyDaily = try row.value("strategy_daily")
        trace.portfolio = try row.value("portfolio")
        trace.afterMaxPosition = try row.value("after_max_position")
        trace.afterDailyRisk = try row.value("after_daily_risk")
        trace.afterCorrelation = try row.value("after_correlation")
        trace.afterCash = try row.value("after_cash")
        var correlation: CorrelationCheck?
        let group: [String]? = try row.optionalList("correlation_group")
        let exposure: Double? = try row.value("correlation_exposure")
        let cap: Double? = try row.value("correlation_cap")
        let requested: Double? = try row.value("correlation_requested")
        let allowed: Double? = try row.value("correlation_allowed")
        if let group, let exposure, let cap, let requested, let allowed {
            // The standard reason is not stored (it follows from the columns); a hook's own reason is.
            correlation = CorrelationCheck(
                allowedFraction: allowed, groupExposure: exposure, group: group, cap: cap,
                requestedFraction: requested, customReason: try row.value("correlation_reason"))
        }
        decision = RiskDecision(
            sequence: try row.value("seq"), time: try row.time("time"), barTime: try row.time("bar_time"),
            strategyID: try row.value("strategy_id"), symbol: try row.value("symbol"), side: try row.raw("side"),
            trace: trace, approvedFraction: try row.value("approved_fraction"),
            approvedSleeveFraction: try row.value("approved_sleeve_fraction"),
            bindingLimit: try row.raw("binding_limit"), positionSizeFactor: try row.value("position_size_factor"),
            stopLossTightening: try row.value("stop_loss_tightening"),
            dailyRiskFactor: try row.value("daily_risk_factor"), primaryReason: try row.raw("primary_reason"),
            correlation: correlation, portfolioEquity: try row.value("portfolio_equity"),
            sleeveEquity: try row.value("sleeve_equity"))
    }
}
