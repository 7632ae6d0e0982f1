import BallastCore
import BallastReports
import BallastRisk

/// What the kernel's bar loop did, in the order it did it: the loop's only output besides its own
/// state. The journal (`KernelJournal`, which builds `JournalBatch`es from them) consumes them after
/// every chunk (a backtest) or bar group (live); the kernel records them only when asked to
/// (`BacktestKernel.recordsEvents`), so an unjournaled backtest pays nothing for them.
///
/// Strategies are named by their registration index. Rare, large events are boxed (`indirect`) so
/// that the per-bar `sleeveMarked` sets the stride of the event buffer.
package enum KernelEvent: Sendable {
    /// An order filled: the order, its fill and the strategy's position after it (nil when flat).
    indirect case filled(KernelFill)
    /// An order that never filled (an entry the book approved that could not be opened, or that
    /// was still pending at the end).
    indirect case cancelled(
        strategy: Int, intent: OrderIntent, side: Side, createdAt: Timestamp, decisionSeq: Int?, fraction: Double?)
    /// A closed trade.
    indirect case trade(strategy: Int, TradeOutcome)
    /// A risk decision of the shared book, in resolution order.
    indirect case decision(RiskDecision)
    /// Risk adjustments that started at a bar, with the factors in force after them.
    indirect case adjusted(strategy: Int, [RiskAdjustmentEvent], RiskAdjustments)
    /// A strategy's state after one of its bars (every bar), with the factors in force: what a
    /// day-end snapshot and daily performance row are made of.
    case sleeveMarked(strategy: Int, SleeveMark, RiskAdjustments)
    /// The portfolio after a group of bars closing together (its clock is the bars' last second).
    case portfolioMarked(time: Timestamp, equity: Double, gross: Double, realized: Double)
    /// The book entered or left reduce-only (a strategy's or the portfolio's).
    indirect case reduceOnlyChanged(ReduceOnlyEvent)
    /// An operator command (docs/SERVE.md) was applied at this bar group.
    case operatorCommandApplied(AppliedOperatorCommand)
    /// Every strategy's budget as of the end of a chunk (or the run).
    indirect case strategyStates([StrategyStateRecord])
    /// The shared book's state as of the end of a chunk (or the run).
    indirect case riskState(RiskBookState)
    /// The run ended: each strategy's state after its last bar and closing fills, with the factors
    /// in force, and the portfolio's final mark.
    indirect case finished(
        last: [SleeveMark], adjustments: [RiskAdjustments], time: Timestamp, equity: Double, realized: Double)
}

/// One fill as the kernel booked it: the order's intent and side, what the fill did, and the
/// position it left.
package struct KernelFill: Sendable {
    var strategy: Int
    var intent: OrderIntent
    /// The position side the order opened or closed.
    var positionSide: Side
    var action: OrderAction
    var quantity: Double
    var price: Double
    var fee: Double
    var time: Timestamp
    var createdAt: Timestamp
    var decisionSeq: Int?
    var fraction: Double?
    /// The strategy's position right after the fill; nil when flat.
    var after: OpenPosition?
}

/// A strategy's state after one bar, as its day-end snapshot shows it.
package struct SleeveMark: Sendable {
    var time: Timestamp
    var equity: Double
    /// The highest equity so far, the initial equity included.
    var peak: Double
    var gross: Double
    var realized: Double
}
