import BallastCore

/// The shared risk manager's view of one strategy's headroom now (the portfolio side of a budget,
/// SPEC §1): daily risk used and left against its own cap and the global one, open exposure,
/// correlated-group exposure and headroom, reduce-only states.
public struct PortfolioRiskBudget: Sendable, Equatable, Codable {
    public var strategyID: String
    public var capital: Double
    public var sleeveEquity: Double
    public var sleevePeak: Double
    public var sleeveDrawdown: Double
    /// Risk the strategy opened today in sleeve terms, its cap (nil when the profile sets none) and what is left.
    public var strategyDailyUsed: Double
    public var strategyDailyCap: Double?
    public var strategyDailyLeft: Double?
    /// The portfolio's daily risk used and left (portfolio terms).
    public var portfolioDailyUsed: Double
    /// nil when the portfolio has no daily budget (`max_daily_risk = "none"`).
    public var portfolioDailyLeft: Double?
    /// Σ |fraction| of the strategy's open positions, in portfolio and in sleeve terms.
    public var openExposurePortfolio: Double
    public var openExposureSleeve: Double
    /// The strategy's symbol's correlated-group exposure and the headroom under its cap.
    public var correlatedExposure: Double
    public var correlationHeadroom: Double
    public var strategyReduceOnly: Bool
    public var portfolioReduceOnly: Bool

    /// The budget of `strategyID` in `book` at `time`; nil for an unknown strategy. The strategy's own
    /// daily cap is shown before the dynamic daily-risk factor, which the strategy side knows.
    public init?(book: PortfolioRiskBook, strategyID: String, at time: Timestamp) {
        guard let index = book.index(of: strategyID) else { return nil }
        let account = book.strategies[index]
        let state = book.state
        let equity = state.equity
        self.strategyID = strategyID
        capital = account.capital
        sleeveEquity = state.sleeveEquity[index]
        sleevePeak = state.strategyPeaks[index]
        sleeveDrawdown = PortfolioRiskBook.drawdown(peak: sleevePeak, equity: sleeveEquity)
        let usage = state.used(on: time.utcDay)
        let used = usage?.strategies[strategyID] ?? 0
        strategyDailyUsed = used
        strategyDailyCap = account.profile.maxDailyRisk
        strategyDailyLeft = account.profile.maxDailyRisk.map { max(0, $0 - used) }
        let dailyCap = book.parameters.maxDailyRisk
        let portfolioUsed = usage?.portfolio ?? dailyCap ?? 0
        portfolioDailyUsed = portfolioUsed
        portfolioDailyLeft = dailyCap.map { max(0, $0 - portfolioUsed) }
        let mine = book.openExposures.filter { $0.strategyID == strategyID }
        openExposurePortfolio = mine.reduce(0) { $0 + abs($1.portfolioFraction) }
        openExposureSleeve = sleeveEquity > 0 ? openExposurePortfolio * equity / sleeveEquity : 0
        correlatedExposure = book.largestGroupExposure(symbols: [account.symbol], at: time)
        let cap = account.profile.maxCorrelatedExposure ?? book.parameters.maxCorrelatedExposure
        correlationHeadroom = max(0, cap - correlatedExposure)
        strategyReduceOnly = state.strategyReduceOnly[index]
        portfolioReduceOnly = state.portfolioReduceOnly
    }
}
