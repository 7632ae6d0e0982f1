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
public struct CorrelationCheck: Sendable, Equatable, Codable {
    /// The largest portfolio fraction the candidate may take.
    public var allowedFraction: Double
    /// Σ |portfolio fraction| of the open positions in the candidate's group.
    public var groupExposure: Double
    /// The symbols of the group, the candidate first, then the others sorted by name.
    public var group: [String]
    /// The cap the check applied and the fraction it was asked for.
    public var cap: Double
    public var requestedFraction: Double
    /// A hook's own explanation; nil means the standard one (see `reason`).
    public var customReason: String?

    public init(
        allowedFraction: Double, groupExposure: Double, group: [String], cap: Double, requestedFraction: Double,
        customReason: String? = nil
    ) {
        self.allowedFraction = allowedFraction
        self.groupExposure = groupExposure
        self.group = group
        self.cap = cap
        self.requestedFraction = requestedFraction
        self.customReason = customReason
    }

    /// Why the hook allowed what it did, in words (journaled with the decision), e.g.
    /// `group [QQQ, SPY] exposure 0.06 of cap 0.10, headroom 0.04; request 0.08 cut to 0.04`.
    /// Formatted on demand: a backtest makes many checks and reads few reasons.
    public var reason: String {
        if let customReason { return customReason }
        let headroom = max(0, cap - groupExposure)
        var text =
            "group [\(group.joined(separator: ", "))] exposure \(FractionText.format(groupExposure))"
            + " of cap \(FractionText.format(cap)), headroom \(FractionText.format(headroom))"
        let requested = max(0, requestedFraction)
        if allowedFraction < requested {
            text += "; request \(FractionText.format(requested)) cut to \(FractionText.format(allowedFraction))"
        }
        return text
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
