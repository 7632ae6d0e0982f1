import BallastCore

/// Everything the shared risk manager remembers between requests: daily budgets, peaks,
/// reduce-only latches, the last account snapshot and same-bar reservations.
///
/// Codable so that a live run can persist it and resume exactly after a restart (SPEC §7).
public struct RiskBookState: Sendable, Equatable, Codable {
    /// The UTC day the daily budgets belong to; nil before the first event.
    public var currentDay: Int64?
    /// Portfolio risk opened on `currentDay` (portfolio terms, per `daily_risk_measure`).
    public var portfolioOpenedToday = 0.0
    /// Each strategy's risk opened on `currentDay`, in its sleeve terms.
    public var strategyOpenedToday: [String: Double] = [:]
    /// The running maximum of portfolio equity.
    public var portfolioPeak: Double
    public var portfolioReduceOnly = false
    /// The running maximum of each sleeve's equity.
    public var strategyPeaks: [String: Double]
    /// Strategies in reduce-only after their own `max_drawdown`, sorted.
    public var strategyReduceOnly: [String] = []
    /// The account as last reported by the engine.
    public var account: AccountSnapshot
    /// Entries approved since the last account snapshot (portfolio fractions, signed by side).
    public var pendingExposures: [OpenExposure] = []
    /// Cash promised to long entries approved since the last account snapshot.
    public var reservedCash = 0.0
    /// The number of decisions made so far.
    public var decisionCount = 0

    public init(initialEquity: Double, sleeveEquity: [String: Double]) {
        portfolioPeak = initialEquity
        strategyPeaks = sleeveEquity
        account = AccountSnapshot(equity: initialEquity, cash: initialEquity, sleeveEquity: sleeveEquity)
    }
}
