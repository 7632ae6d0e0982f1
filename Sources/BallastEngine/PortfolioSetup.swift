import BallastCore
import BallastRisk
import BallastStrategies

/// One strategy of a portfolio, ready to run: its logic, its data, its sleeve and its profile.
public struct StrategySetup: Sendable {
    public var id: String
    public var symbol: String
    /// Index of its bars in `PortfolioSetup.series`.
    public var seriesIndex: Int
    /// Same-time requests resolve by ascending priority, then id.
    public var priority: Int
    /// The sleeve's share of the initial balance, in (0, 1].
    public var capital: Double
    /// Quantities round down to a multiple of this; nil means fractional quantities.
    public var quantityStep: Double?
    /// The override profile from the portfolio file (the strategy's `riskOverrides` hook is applied on top).
    public var profile: RiskProfile
    public var strategy: any Strategy

    public init(
        id: String, symbol: String, seriesIndex: Int, priority: Int = 0, capital: Double,
        quantityStep: Double? = nil, profile: RiskProfile = RiskProfile(), strategy: any Strategy
    ) {
        self.id = id
        self.symbol = symbol
        self.seriesIndex = seriesIndex
        self.priority = priority
        self.capital = capital
        self.quantityStep = quantityStep
        self.profile = profile
        self.strategy = strategy
    }
}

/// Everything a joint backtest needs: the account, the global limits, the execution model, the
/// bar series and the strategies. Built by the portfolio-file loader or by hand in tests.
///
/// Invariants: strategy ids are unique; every `seriesIndex` is valid; capitals sum to at most 1.
public struct PortfolioSetup: Sendable {
    public var name: String
    public var initialBalance: Double
    public var risk: RiskParameters
    public var execution: ExecutionSettings
    public var series: [BarSeries]
    public var strategies: [StrategySetup]

    public init(
        name: String, initialBalance: Double, risk: RiskParameters = RiskParameters(),
        execution: ExecutionSettings = ExecutionSettings(), series: [BarSeries], strategies: [StrategySetup]
    ) {
        self.name = name
        self.initialBalance = initialBalance
        self.risk = risk
        self.execution = execution
        self.series = series
        self.strategies = strategies
    }

    /// The strategies in resolution order: ascending priority, then id.
    public var resolutionOrder: [Int] {
        strategies.indices.sorted {
            (strategies[$0].priority, strategies[$0].id) < (strategies[$1].priority, strategies[$1].id)
        }
    }
}
