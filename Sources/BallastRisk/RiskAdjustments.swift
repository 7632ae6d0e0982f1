/// Why a strategy's dynamic-risk factors are what they are (SPEC §5). Raw values are the strings
/// journaled and printed.
public enum AdjustmentReason: String, Sendable, Codable, CaseIterable {
    case normal
    case drawdown
    case poorPerformance = "poor_performance"
    case goodPerformance = "good_performance"
    case highVolatility = "high_volatility"
    case lowVolatility = "low_volatility"
}

/// The three components of dynamic risk, in tie-break order (drawdown first).
public enum RiskComponent: String, Sendable, Codable, CaseIterable, Comparable {
    case drawdown
    case performance
    case volatility

    private var order: Int {
        switch self {
        case .drawdown: 0
        case .performance: 1
        case .volatility: 2
        }
    }

    public static func < (lhs: RiskComponent, rhs: RiskComponent) -> Bool { lhs.order < rhs.order }
}

/// The measurements behind a strategy's dynamic-risk factors at one moment.
/// Optional values are nil when the component has no measurement yet.
public struct RiskInputs: Sendable, Equatable, Codable {
    /// (peak − equity) / peak of the sleeve.
    public var drawdown: Double
    /// (equity − trough) / trough while a tier is latched, else nil.
    public var recovery: Double?
    /// The lowest equity since the latched tier was entered, else nil.
    public var trough: Double?
    /// The running maximum of sleeve equity.
    public var peak: Double
    /// The performance score, nil with fewer than `min_trades` trades in the window.
    public var score: Double?
    public var winRate: Double?
    public var profitFactor: Double?
    /// Trades closed within the performance window.
    public var tradeCount: Int
    /// Daily volatility, nil with fewer than 10 daily returns.
    public var volatility: Double?

    public init(
        drawdown: Double = 0, recovery: Double? = nil, trough: Double? = nil, peak: Double = 0,
        score: Double? = nil, winRate: Double? = nil, profitFactor: Double? = nil, tradeCount: Int = 0,
        volatility: Double? = nil
    ) {
        self.drawdown = drawdown
        self.recovery = recovery
        self.trough = trough
        self.peak = peak
        self.score = score
        self.winRate = winRate
        self.profitFactor = profitFactor
        self.tradeCount = tradeCount
        self.volatility = volatility
    }
}

/// A strategy's dynamic-risk factors in force (SPEC §5) with the reason and inputs behind them.
///
/// Invariants: `positionSizeFactor > 0`, `stopLossTightening ≥ 1`, `dailyRiskFactor > 0`.
/// `neutral` (all 1.0, reason `normal`) is what a disabled or quiet manager reports.
public struct RiskAdjustments: Sendable, Equatable, Codable {
    /// Multiplies the sized fraction (SPEC §3 step 2).
    public var positionSizeFactor: Double
    /// Divides the stop distance (SPEC §4).
    public var stopLossTightening: Double
    /// Multiplies the strategy's own daily risk cap (SPEC §3 step 4).
    public var dailyRiskFactor: Double
    /// The component that set `positionSizeFactor`, `normal` if none is active.
    public var primaryReason: AdjustmentReason
    /// The active drawdown tier (0-based), nil when none.
    public var drawdownTier: Int?
    /// The reasons of every active component, in tie-break order.
    public var activeReasons: [AdjustmentReason]
    /// The measurements behind the factors.
    public var inputs: RiskInputs

    public init(
        positionSizeFactor: Double = 1, stopLossTightening: Double = 1, dailyRiskFactor: Double = 1,
        primaryReason: AdjustmentReason = .normal, drawdownTier: Int? = nil, activeReasons: [AdjustmentReason] = [],
        inputs: RiskInputs = RiskInputs()
    ) {
        self.positionSizeFactor = positionSizeFactor
        self.stopLossTightening = stopLossTightening
        self.dailyRiskFactor = dailyRiskFactor
        self.primaryReason = primaryReason
        self.drawdownTier = drawdownTier
        self.activeReasons = activeReasons
        self.inputs = inputs
    }

    /// No throttle: every factor 1.0, reason `normal`.
    public static let neutral = RiskAdjustments()
}
