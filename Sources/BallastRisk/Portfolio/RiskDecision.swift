import BallastCore

/// The shared risk manager's answer to one entry request (SPEC §7): journaled for every request.
///
/// Invariants: `approvedFraction` is 0 (denied) or in [`min_order_fraction`, `max_position_size`];
/// `bindingLimit` names the step that cut the request the most.
public struct RiskDecision: Sendable, Equatable, Codable {
    /// Position of this decision in the book's journal, from 1, in resolution order.
    public var sequence: Int
    /// When the decision was made (the engine clock: the decision bar's close).
    public var time: Timestamp
    /// The decision bar's label (open) time.
    public var barTime: Timestamp
    public var strategyID: String
    public var symbol: String
    public var side: Side
    public var trace: SizingTrace
    /// The approved size in portfolio terms; 0 when denied.
    public var approvedFraction: Double
    /// The approved size in the strategy's sleeve terms.
    public var approvedSleeveFraction: Double
    public var bindingLimit: BindingLimit
    /// The dynamic factors in force for the strategy when it asked.
    public var positionSizeFactor: Double
    public var stopLossTightening: Double
    public var dailyRiskFactor: Double
    public var primaryReason: AdjustmentReason
    /// The correlation hook's view, nil when the hook was skipped.
    public var correlation: CorrelationCheck?
    public var portfolioEquity: Double
    public var sleeveEquity: Double

    /// True when the request was approved with a positive size.
    public var isApproved: Bool { approvedFraction > 0 }

    /// A decision as journaled (the risk book makes them; the store reads them back).
    public init(
        sequence: Int, time: Timestamp, barTime: Timestamp, strategyID: String, symbol: String, side: Side,
        trace: SizingTrace, approvedFraction: Double, approvedSleeveFraction: Double, bindingLimit: BindingLimit,
        positionSizeFactor: Double, stopLossTightening: Double, dailyRiskFactor: Double,
        primaryReason: AdjustmentReason, correlation: CorrelationCheck?, portfolioEquity: Double, sleeveEquity: Double
    ) {
        self.sequence = sequence
        self.time = time
        self.barTime = barTime
        self.strategyID = strategyID
        self.symbol = symbol
        self.side = side
        self.trace = trace
        self.approvedFraction = approvedFraction
        self.approvedSleeveFraction = approvedSleeveFraction
        self.bindingLimit = bindingLimit
        self.positionSizeFactor = positionSizeFactor
        self.stopLossTightening = stopLossTightening
        self.dailyRiskFactor = dailyRiskFactor
        self.primaryReason = primaryReason
        self.correlation = correlation
        self.portfolioEquity = portfolioEquity
        self.sleeveEquity = sleeveEquity
    }
}
