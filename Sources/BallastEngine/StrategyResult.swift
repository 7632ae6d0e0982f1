import BallastCore
import BallastReports
import BallastRisk

/// One strategy's outcome of a joint backtest: metrics, trades and its risk journals.
public struct StrategyResult: Sendable {
    public var id: String
    public var symbol: String
    public var capital: Double
    public var initialEquity: Double
    public var metrics: PerformanceMetrics
    public var trades: [TradeOutcome]
    /// Every change of its dynamic-risk factors, in time order.
    public var adjustments: [RiskAdjustmentEvent]
    /// Entry requests it made and how many were denied.
    public var decisions: Int
    public var denied: Int
    /// The smallest `position_size_factor` in force at any bar.
    public var minPositionSizeFactor: Double
    /// The dynamic-risk factors in force at the end.
    public var finalAdjustments: RiskAdjustments
    /// True when its series had no bar in the run's range: it sat the run out, with no decisions
    /// and no trades, its sleeve flat at its initial equity (docs/BACKTEST.md).
    public var sitsOut = false
}

/// The outcome of a joint backtest. Deterministic: the same setup gives an equal value.
public struct BacktestResult: Sendable {
    public var runID: String
    public var portfolioName: String
    public var initialBalance: Double
    public var portfolio: PerformanceMetrics
    public var strategies: [StrategyResult]
    /// Every risk decision, in resolution order, when the run kept them
    /// (`PortfolioBacktester.run(keepsDecisions:)`, true by default); else empty.
    public var decisions: [RiskDecision]
    /// The number of risk decisions, kept or not.
    public var decisionCount: Int
    /// How many decisions each limit bound, kept or not (`BindingLimit.none`: nothing cut the request).
    public var bindingLimitCounts: [BindingLimit: Int]
    public var reduceOnlyEvents: [ReduceOnlyEvent]
    /// The shared book's state at the end (daily usage, peaks, latches).
    public var riskState: RiskBookState
    public var annualization: Annualization
    /// The first and last bar times of the run.
    public var start: Timestamp
    public var end: Timestamp
}
