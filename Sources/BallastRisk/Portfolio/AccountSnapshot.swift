import BallastCore

/// The account as the engine sees it at one bar close: what the risk manager needs to enforce
/// the global limits.
///
/// The engine includes approved entries whose orders have not filled yet in `openPositions`
/// (and their cost in `cash`), so a reservation is never forgotten between decision and fill.
public struct AccountSnapshot: Sendable, Equatable, Codable {
    /// Portfolio equity marked to market.
    public var equity: Double
    /// Buying power not used by open positions or unfilled approved entries: with no leverage,
    /// equity minus the gross notional of every position, long or short.
    public var cash: Double
    /// Every strategy's sleeve equity marked to market, by strategy id.
    public var sleeveEquity: [String: Double]
    /// Every open (or approved, unfilled) position of every strategy.
    public var openPositions: [OpenExposure]

    public init(equity: Double, cash: Double, sleeveEquity: [String: Double] = [:], openPositions: [OpenExposure] = [])
    {
        self.equity = equity
        self.cash = cash
        self.sleeveEquity = sleeveEquity
        self.openPositions = openPositions
    }
}
