import BallastCore

/// Everything the shared risk manager remembers between requests: daily budgets, peaks,
/// reduce-only latches, the last marks of the account and same-bar reservations.
/// Per-strategy arrays are indexed by registration order.
///
/// Codable so that a live run can persist it and resume exactly after a restart (SPEC §7).
public struct RiskBookState: Sendable, Equatable, Codable {
    /// Risk opened per UTC day, oldest first, for the last `retainedDays` days up to the newest day
    /// the clock has reached. Earlier days are closed: nothing more can be approved on them.
    public var days: [DailyRiskUsage] = []
    /// The running maximum of portfolio equity.
    public var portfolioPeak: Double
    public var portfolioReduceOnly = false
    /// The running maximum of each sleeve's equity.
    public var strategyPeaks: [Double]
    /// Whether each strategy is in reduce-only after its own `max_drawdown`.
    public var strategyReduceOnly: [Bool]
    /// Portfolio equity marked to market, as last reported by the engine.
    public var equity: Double
    /// Buying power not used by open positions or unfilled approved entries, as last reported.
    public var freeCash: Double
    /// Each sleeve's equity marked to market, as last reported.
    public var sleeveEquity: [Double]
    /// Every open (or approved, unfilled) position, as last reported (signed portfolio fractions).
    public var openPositions: [OpenExposure] = []
    /// Entries approved since the engine last marked the portfolio or reported its open positions
    /// (signed portfolio fractions).
    public var pendingExposures: [OpenExposure] = []
    /// Buying power promised to entries approved since the engine last marked the portfolio.
    public var reservedCash = 0.0
    /// The number of decisions made so far.
    public var decisionCount = 0

    /// How many UTC days of usage are kept, so that a late request for a recent day still counts
    /// against that day's budget.
    public static let retainedDays: Int64 = 7

    /// The newest UTC day the engine clock has reached; nil before the first event.
    public var currentDay: Int64? { days.last?.day }

    /// Risk opened on a day; `nil` for a closed day (before the retained window), which has no budget left.
    public func used(on day: Int64) -> DailyRiskUsage? {
        if let newest = currentDay, day <= newest - Self.retainedDays { return nil }
        return days.first { $0.day == day } ?? DailyRiskUsage(day: day)
    }

    /// Makes sure `day` has a usage record (if it is not closed) and drops days past the window.
    mutating func open(day: Int64) {
        if days.last?.day == day { return }  // the common case: the clock stays on today
        guard used(on: day) != nil, !days.contains(where: { $0.day == day }) else { return }
        days.append(DailyRiskUsage(day: day))
        days.sort { $0.day < $1.day }
        let newest = days[days.count - 1].day
        days.removeAll { $0.day <= newest - Self.retainedDays }
    }

    /// Adds approved risk to a day's usage (the day must be open).
    mutating func record(portfolio: Double, strategy id: String, sleeve: Double, on day: Int64) {
        open(day: day)
        guard let index = days.firstIndex(where: { $0.day == day }) else { return }
        days[index].portfolio += portfolio
        days[index].strategies[id, default: 0] += sleeve
    }

    /// The state of a new portfolio: all cash, every sleeve at its initial equity.
    public init(initialEquity: Double, sleeveEquity: [Double]) {
        portfolioPeak = initialEquity
        equity = initialEquity
        freeCash = initialEquity
        strategyPeaks = sleeveEquity
        self.sleeveEquity = sleeveEquity
        strategyReduceOnly = [Bool](repeating: false, count: sleeveEquity.count)
    }
}
