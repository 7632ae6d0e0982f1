import BallastCore

/// One strategy's request to open a position, with everything SPEC §3 needs from the strategy side.
///
/// `decisionTime` is when the decision is made — the decision bar's close, the engine clock —
/// and correlation data must have closed by then. `barTime` is the decision bar's label (open)
/// time. The request counts against the daily budget of `budgetDay`: the UTC day of the bar's last
/// second, so a daily bar labelled 2024-01-02 (decided at midnight) counts on 2024-01-02.
/// Without an explicit `decisionTime` the two times are the same instant.
public struct EntryRequest: Sendable, Equatable {
    public var strategyID: String
    public var symbol: String
    public var side: Side
    public var barTime: Timestamp
    public var decisionTime: Timestamp
    /// The entry price estimate (the decision bar's close).
    public var price: Double
    /// ATR at the decision bar, nil while undefined.
    public var atr: Double?
    /// The value of the profile's `confidence_key` column at the decision bar, nil if absent.
    public var confidence: Double?
    public var regime: MarketRegime
    /// The strategy's sleeve equity marked to market at the decision bar.
    public var sleeveEquity: Double
    /// The strategy's dynamic-risk factors in force.
    public var adjustments: RiskAdjustments
    /// The planned stop's distance as a fraction of price (for `daily_risk_measure = "stop_distance"`).
    public var stopDistanceFraction: Double?
    /// True for a **reversal**: the same order first closes this strategy's open position in `symbol`
    /// (SPEC §8), so the limits judge the entry on the book as it will be after that close — the
    /// closing position counts neither in the correlated group's exposure nor against buying power.
    /// The close itself happens whatever the decision. See docs/RISK.md, "Reversals".
    public var reverses: Bool

    /// The engine-clock instant whose UTC day owns this request's daily budget: the last second of
    /// the decision bar (`decisionTime − 1 s`), or `barTime` when the two coincide.
    public var budgetTime: Timestamp {
        Timestamp(seconds: max(barTime.seconds, decisionTime.seconds - 1))
    }

    public init(
        strategyID: String, symbol: String, side: Side, barTime: Timestamp, decisionTime: Timestamp? = nil,
        price: Double, atr: Double? = nil, confidence: Double? = nil, regime: MarketRegime = .normal,
        sleeveEquity: Double, adjustments: RiskAdjustments = .neutral, stopDistanceFraction: Double? = nil,
        reverses: Bool = false
    ) {
        self.strategyID = strategyID
        self.symbol = symbol
        self.side = side
        self.barTime = barTime
        self.decisionTime = decisionTime ?? barTime
        self.price = price
        self.atr = atr
        self.confidence = confidence
        self.regime = regime
        self.sleeveEquity = sleeveEquity
        self.adjustments = adjustments
        self.stopDistanceFraction = stopDistanceFraction
        self.reverses = reverses
    }
}
