import BallastCore
import BallastReports
import BallastRisk

/// An order a strategy placed, written once it is resolved (filled or cancelled).
/// `seq` numbers orders within a run from 1; `decisionSeq` links an entry to its risk decision.
public struct OrderRecord: Sendable, Equatable {
    public var seq: Int
    public var strategyID: String
    public var symbol: String
    /// The position side the order opens or closes.
    public var side: Side
    /// What the order was for: an entry, or an exit with its reason.
    public var intent: OrderIntent
    /// When the order was created (the signal or trigger bar's time).
    public var createdAt: Timestamp
    public var decisionSeq: Int?
    /// The approved portfolio fraction of an entry.
    public var fraction: Double?
    /// Filled, or cancelled (never filled).
    public var status: OrderStatus

    public init(
        seq: Int, strategyID: String, symbol: String, side: Side, intent: OrderIntent, createdAt: Timestamp,
        decisionSeq: Int?, fraction: Double?, status: OrderStatus
    ) {
        self.seq = seq
        self.strategyID = strategyID
        self.symbol = symbol
        self.side = side
        self.intent = intent
        self.createdAt = createdAt
        self.decisionSeq = decisionSeq
        self.fraction = fraction
        self.status = status
    }
}

/// One execution. `side` is what the fill did (buy or sell); `price` includes slippage; `fee` is in
/// account currency.
public struct FillRecord: Sendable, Equatable {
    public var seq: Int
    public var orderSeq: Int
    public var strategyID: String
    public var symbol: String
    public var side: OrderAction
    public var quantity: Double
    public var price: Double
    public var fee: Double
    public var time: Timestamp

    public init(
        seq: Int, orderSeq: Int, strategyID: String, symbol: String, side: OrderAction, quantity: Double, price: Double,
        fee: Double, time: Timestamp
    ) {
        self.seq = seq
        self.orderSeq = orderSeq
        self.strategyID = strategyID
        self.symbol = symbol
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.time = time
    }
}

/// A strategy's position right after a fill (`side` nil when flat). Written in the fill's transaction.
public struct PositionRecord: Sendable, Equatable {
    public var fillSeq: Int
    public var strategyID: String
    public var symbol: String
    public var time: Timestamp
    public var side: Side?
    public var quantity: Double
    public var entryPrice: Double?
    public var stopLoss: Double?
    public var takeProfit: Double?

    public init(
        fillSeq: Int, strategyID: String, symbol: String, time: Timestamp, side: Side?, quantity: Double,
        entryPrice: Double?, stopLoss: Double?, takeProfit: Double?
    ) {
        self.fillSeq = fillSeq
        self.strategyID = strategyID
        self.symbol = symbol
        self.time = time
        self.side = side
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
    }
}

/// A closed trade of one strategy: what the engine journals and what the store reads back
/// (`ballast trades`). `seq` numbers trades within the run from 1, in the order they closed.
///
/// The trade's own fields read through the record (`record.pnl`, `record.exitReason`). It encodes
/// flat, with the `trades` table's column names as keys (`CodingKeys` then the trade's keys), in
/// `columns` order for CSV.
@dynamicMemberLookup
public struct TradeRecord: Sendable, Equatable, Codable {
    public var seq: Int
    public var strategyID: String
    public var symbol: String
    public var trade: TradeOutcome

    public init(seq: Int, strategyID: String, symbol: String, trade: TradeOutcome) {
        self.seq = seq
        self.strategyID = strategyID
        self.symbol = symbol
        self.trade = trade
    }

    /// The trade's fields, read through the record.
    public subscript<Value>(dynamicMember field: KeyPath<TradeOutcome, Value>) -> Value {
        trade[keyPath: field]
    }

    /// The record's own keys; the trade's follow (`TradeOutcome`'s snake_case keys).
    public enum CodingKeys: String, CodingKey {
        case seq
        case strategyID = "strategy_id"
        case symbol
    }

    /// Every key of the flat encoding, in the `trades` table's column order (CSV's header).
    public static let columns = [
        "seq", "strategy_id", "symbol", "side", "entry_time", "exit_time", "entry_price", "exit_price", "quantity",
        "pnl", "return_fraction", "exit_reason",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int.self, forKey: .seq)
        strategyID = try container.decode(String.self, forKey: .strategyID)
        symbol = try container.decode(String.self, forKey: .symbol)
        trade = try TradeOutcome(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(strategyID, forKey: .strategyID)
        try container.encode(symbol, forKey: .symbol)
        try trade.encode(to: encoder)
    }
}

/// Equity of the portfolio (`scope == "portfolio"`) or of one sleeve (`scope` = strategy id) at the
/// last bar of a UTC day, and at the end of the run: what the engine journals
/// (`account_snapshots`) and what the store reads back (`ballast equity`). JSON keys are the
/// table's column names; `time` is epoch seconds (the engine clock).
public struct AccountSnapshotRecord: Sendable, Equatable, Codable {
    /// A sleeve's: the open time of the day's last bar; the portfolio's: the close of that bar
    /// group (its last second). Both record the state after the bar closed.
    public var time: Timestamp
    /// `portfolio` or a strategy id (an open set: strategy ids are the user's).
    public var scope: String
    /// Equity marked to market, account currency.
    public var equity: Double
    /// The running maximum of `equity`.
    public var peak: Double
    /// (peak − equity) / peak.
    public var drawdown: Double
    /// Σ |position notional| / equity.
    public var grossExposure: Double
    /// Realized P&L so far, account currency.
    public var realizedPnL: Double

    /// The JSON keys and CSV columns, in CSV column order.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case time, scope, equity, peak, drawdown
        case grossExposure = "gross_exposure"
        case realizedPnL = "realized_pnl"
    }

    public init(
        time: Timestamp, scope: String, equity: Double, peak: Double, drawdown: Double, grossExposure: Double,
        realizedPnL: Double
    ) {
        self.time = time
        self.scope = scope
        self.equity = equity
        self.peak = peak
        self.drawdown = drawdown
        self.grossExposure = grossExposure
        self.realizedPnL = realizedPnL
    }
}

/// A risk adjustment as it starts (SPEC §5): the event with its strategy and a run-wide sequence.
public struct AdjustmentRecord: Sendable, Equatable {
    public var seq: Int
    public var strategyID: String
    public var event: RiskAdjustmentEvent

    public init(seq: Int, strategyID: String, event: RiskAdjustmentEvent) {
        self.seq = seq
        self.strategyID = strategyID
        self.event = event
    }
}

/// What happened under a risk adjustment, written when the strategy's next adjustment replaces it
/// (or the run ends): its duration and the trades closed under it.
public struct AdjustmentEndRecord: Sendable, Equatable {
    public var seq: Int
    public var endedAt: Timestamp
    public var durationSeconds: Int64
    public var trades: Int
    public var pnl: Double

    public init(seq: Int, endedAt: Timestamp, durationSeconds: Int64, trades: Int, pnl: Double) {
        self.seq = seq
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.trades = trades
        self.pnl = pnl
    }
}

/// A strategy's rolling performance and the factors in force (`dynamic_performance_metrics`):
/// written at the last bar of every UTC day and at every adjustment (`trigger` `daily`,
/// `adjustment` or `final`).
public struct PerformanceRecord: Sendable, Equatable {
    public var strategyID: String
    public var time: Timestamp
    public var trigger: PerformanceTrigger
    /// Win rate and profit factor of the trades in the performance window (nil below `min_trades`).
    public var winRate: Double?
    public var profitFactor: Double?
    /// Annualised Sharpe of the sleeve's daily returns over the performance window.
    public var sharpe: Double?
    public var drawdown: Double
    public var volatility: Double?
    public var consecutiveWins: Int
    public var consecutiveLosses: Int
    public var tradeCount: Int
    public var adjustments: RiskAdjustments

    public init(
        strategyID: String, time: Timestamp, trigger: PerformanceTrigger, winRate: Double?, profitFactor: Double?,
        sharpe: Double?,
        drawdown: Double, volatility: Double?, consecutiveWins: Int, consecutiveLosses: Int, tradeCount: Int,
        adjustments: RiskAdjustments
    ) {
        self.strategyID = strategyID
        self.time = time
        self.trigger = trigger
        self.winRate = winRate
        self.profitFactor = profitFactor
        self.sharpe = sharpe
        self.drawdown = drawdown
        self.volatility = volatility
        self.consecutiveWins = consecutiveWins
        self.consecutiveLosses = consecutiveLosses
        self.tradeCount = tradeCount
        self.adjustments = adjustments
    }
}

/// A strategy's full budget at a moment: the shared book's side and the dynamic side.
/// The store keeps the latest per strategy for `ballast budgets`.
public struct StrategyStateRecord: Sendable, Equatable {
    public var strategyID: String
    public var time: Timestamp
    public var budget: PortfolioRiskBudget
    public var adjustments: RiskAdjustments
    public var realizedPnL: Double
    public var positionSide: Side?
    public var positionQuantity: Double

    public init(
        strategyID: String, time: Timestamp, budget: PortfolioRiskBudget, adjustments: RiskAdjustments,
        realizedPnL: Double, positionSide: Side?, positionQuantity: Double
    ) {
        self.strategyID = strategyID
        self.time = time
        self.budget = budget
        self.adjustments = adjustments
        self.realizedPnL = realizedPnL
        self.positionSide = positionSide
        self.positionQuantity = positionQuantity
    }
}

/// Everything a run journaled since the last batch, in the order it happened. The store writes a
/// batch in one transaction (so a fill and its position update always commit together).
public struct JournalBatch: Sendable {
    public var orders: [OrderRecord] = []
    public var fills: [FillRecord] = []
    public var positions: [PositionRecord] = []
    public var trades: [TradeRecord] = []
    public var snapshots: [AccountSnapshotRecord] = []
    public var decisions: [RiskDecision] = []
    public var adjustments: [AdjustmentRecord] = []
    public var adjustmentEnds: [AdjustmentEndRecord] = []
    public var performance: [PerformanceRecord] = []
    public var reduceOnly: [ReduceOnlyEvent] = []
    /// The latest state of every strategy (replaces the previous one).
    public var strategyStates: [StrategyStateRecord] = []
    /// The shared book's latest state (replaces the previous one).
    public var riskState: RiskBookState?
    /// Live runs: the bars of the groups this batch covers (a restart replays them).
    public var bars: [LiveBarRecord] = []
    /// Live runs: the operator commands applied in this batch's bar groups, recorded as applied in
    /// the same transaction (`operator_commands.applied_at`).
    public var operatorCommandsApplied: [AppliedOperatorCommand] = []

    public init() {}

    /// True when there is nothing to write.
    public var isEmpty: Bool {
        orders.isEmpty && fills.isEmpty && positions.isEmpty && trades.isEmpty && snapshots.isEmpty
            && decisions.isEmpty && adjustments.isEmpty && adjustmentEnds.isEmpty && performance.isEmpty
            && reduceOnly.isEmpty && strategyStates.isEmpty && riskState == nil && bars.isEmpty
            && operatorCommandsApplied.isEmpty
    }
}

/// What the store records about a run when it starts.
public struct RunHeader: Sendable, Equatable {
    /// A backtest or a live run.
    public var mode: RunMode
    public var name: String
    public var portfolioPath: String
    /// The input hash (`RunIdentity`): equal for runs of the same inputs.
    public var inputHash: String
    /// The portfolio file's text.
    public var configText: String
    public var initialEquity: Double
    public var dataStart: Timestamp
    public var dataEnd: Timestamp
    public var strategies: [StrategyHeader]

    /// One strategy as registered in the run.
    public struct StrategyHeader: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var symbol: String
        public var timeframe: String
        public var capital: Double
        public var priority: Int
        /// The override profile in force, as JSON.
        public var profileJSON: String

        public init(
            id: String, kind: String, symbol: String, timeframe: String, capital: Double, priority: Int,
            profileJSON: String
        ) {
            self.id = id
            self.kind = kind
            self.symbol = symbol
            self.timeframe = timeframe
            self.capital = capital
            self.priority = priority
            self.profileJSON = profileJSON
        }
    }

    public init(
        mode: RunMode, name: String, portfolioPath: String, inputHash: String, configText: String,
        initialEquity: Double,
        dataStart: Timestamp, dataEnd: Timestamp, strategies: [StrategyHeader]
    ) {
        self.mode = mode
        self.name = name
        self.portfolioPath = portfolioPath
        self.inputHash = inputHash
        self.configText = configText
        self.initialEquity = initialEquity
        self.dataStart = dataStart
        self.dataEnd = dataEnd
        self.strategies = strategies
    }
}
