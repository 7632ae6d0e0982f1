import BallastCore

/// One open position as the correlation hook sees it: whose it is, its symbol, and its size as a
/// fraction of **portfolio** equity, marked to market (the sign gives the side; limits use |fraction|).
public struct OpenExposure: Sendable, Equatable, Codable {
    public var strategyID: String
    public var symbol: String
    public var portfolioFraction: Double

    public init(strategyID: String, symbol: String, portfolioFraction: Double) {
        self.strategyID = strategyID
        self.symbol = symbol
        self.portfolioFraction = portfolioFraction
    }
}

/// What the correlation hook allows for one candidate entry (SPEC §6).
///
/// Invariant: `0 ≤ allowedFraction ≤ requestedFraction`.
public struct CorrelationCheck: Sendable, Equatable {
    /// The largest portfolio fraction the candidate may take.
    public var allowedFraction: Double
    /// Σ |portfolio fraction| of the open positions in the candidate's group.
    public var groupExposure: Double
    /// The symbols of the group, the candidate first, then the others sorted by name.
    public var group: [String]
    /// Why the hook allowed what it did, in words (journaled with the decision).
    public var reason: String

    public init(allowedFraction: Double, groupExposure: Double, group: [String], reason: String) {
        self.allowedFraction = allowedFraction
        self.groupExposure = groupExposure
        self.group = group
        self.reason = reason
    }
}

/// The replaceable correlated-exposure rule of SPEC §6. The default is `PearsonCorrelationHook`;
/// a sector map or a factor model can take its place without touching the risk manager.
///
/// Implementations must be pure functions of their arguments and of data that closes at or
/// before `time` (no look-ahead), so that backtests and live runs decide alike.
public protocol CorrelationRiskHook: Sendable {
    /// The largest fraction a candidate entry in `symbol` may take at `time`, given every strategy's
    /// open positions and the correlated-exposure cap in force (`max_correlated_exposure` or a
    /// profile's override).
    func check(
        symbol: String, requestedFraction: Double, openPositions: [OpenExposure], cap: Double, at time: Timestamp
    ) -> CorrelationCheck

    /// The largest group exposure among the symbols' correlation groups at `time`, for budgets
    /// (`get_position_correlation_risk`).
    func largestGroupExposure(symbols: [String], openPositions: [OpenExposure], at time: Timestamp) -> Double
}
