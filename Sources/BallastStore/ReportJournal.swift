import BallastCore

/// Everything `ballast report` draws, read from one run's journal in one consistent snapshot: the
/// run itself and compact rows of the tables the charts are made of. Times are epoch seconds
/// (the engine clock). Rows are in time order (ties in journal order).
///
/// Plain values only: the report model (`BallastHTMLReport`) turns them into series.
public struct ReportJournal: Sendable {
    /// The run (status, dates, equities, headline metrics).
    public var run: RunRow
    /// The run's JSON summary (SPEC §14); nil while a run is running or when it failed.
    public var summaryJSON: String?
    /// The portfolio file's text as journaled (TOML): the limits the charts draw come from it.
    public var configText: String
    /// The strategies in registration order.
    public var strategies: [Strategy]
    /// Every equity snapshot (portfolio and sleeves).
    public var snapshots: [Snapshot]
    /// A strategy's position after each fill.
    public var positions: [Position]
    /// Every risk decision, slimmed to what the charts need.
    public var decisions: [Decision]
    /// Every dynamic-performance record (the factors in force over time).
    public var factors: [Factors]
    /// Every risk adjustment (the markers on the factor charts).
    public var adjustments: [Adjustment]
    /// The number of closed trades in the run.
    public var tradeCount: Int
    /// The last `tradeLimit` closed trades (by exit), oldest first.
    public var trades: [Trade]

    /// A strategy of the run.
    public struct Strategy: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var symbol: String
        public var timeframe: String
        /// Share of portfolio equity.
        public var capital: Double
    }

    /// One `account_snapshots` row; `scope` is `portfolio` or a strategy id.
    public struct Snapshot: Sendable, Equatable {
        public var time: Int64
        public var scope: String
        public var equity: Double
        public var drawdown: Double
        public var grossExposure: Double
    }

    /// One `positions` row: the strategy's position right after a fill (quantity 0 when flat).
    public struct Position: Sendable, Equatable {
        public var time: Int64
        public var strategyID: String
        public var quantity: Double
        public var entryPrice: Double?
    }

    /// One `risk_decisions` row, slimmed.
    public struct Decision: Sendable, Equatable {
        public var time: Int64
        public var strategyID: String
        /// The approved fraction in portfolio terms; 0 = denied.
        public var approvedFraction: Double
        public var bindingLimit: String
        /// The correlated group (candidate first); nil when the hook was skipped.
        public var correlationGroup: [String]?
        public var correlationExposure: Double?
        public var correlationCap: Double?
    }

    /// One `dynamic_performance_metrics` row: the factors in force at `time`.
    public struct Factors: Sendable, Equatable {
        public var time: Int64
        public var strategyID: String
        public var positionSizeFactor: Double
        public var stopLossTightening: Double
        /// The active drawdown tier (0-based); nil when none.
        public var drawdownTier: Int?
    }

    /// One `risk_adjustments` row, slimmed.
    public struct Adjustment: Sendable, Equatable {
        public var time: Int64
        public var strategyID: String
        public var component: String
        public var reason: String
        public var previousReason: String
        public var tierBefore: Int?
        public var tierAfter: Int?
        public var sizeFactorAfter: Double
        public var tighteningAfter: Double
    }

    /// One closed trade.
    public struct Trade: Sendable, Equatable {
        public var strategyID: String
        public var symbol: String
        public var side: Side
        public var entryTime: Int64
        public var exitTime: Int64
        public var entryPrice: Double
        public var exitPrice: Double
        public var quantity: Double
        public var pnl: Double
        public var returnFraction: Double
        public var exitReason: ExitReason
    }
}
