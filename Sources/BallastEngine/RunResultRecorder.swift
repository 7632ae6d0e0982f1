import BallastCore
import BallastReports
import BallastRisk

/// What a run's result (SPEC §14) is built from, recorded as the kernel books it: per strategy its
/// equity curve, closed trades and risk adjustments; the portfolio's curve; the book's decisions, how
/// many each limit bound, and its reduce-only changes. The kernel's bar loop hands it the same values
/// it emits as `KernelEvent`s, whether or not it records events, so an unjournaled backtest builds
/// its result without buffering events.
///
/// Invariants: `curves`, `trades` and `adjustments` have one entry per strategy, by registration
/// index; trades and adjustments are in booking order; `decisions` is empty unless `keepsDecisions`,
/// while `bindingLimitCounts` counts every decision.
package struct RunResultRecorder: Sendable {
    var curves: [EquityCurveRecorder]
    package private(set) var trades: [[TradeOutcome]]
    private(set) var adjustments: [[RiskAdjustmentEvent]]
    var portfolio: EquityCurveRecorder
    /// Every risk decision in resolution order, when `keepsDecisions`; else empty.
    private(set) var decisions: [RiskDecision] = []
    /// Keep every decision in memory for the result (an API caller's choice; the CLI journals them
    /// instead). At ~270 bytes a decision, a long run's decisions can outgrow everything else.
    let keepsDecisions: Bool
    /// How many decisions each limit bound (`BindingLimit.none` included), kept or not.
    private(set) var bindingLimitCounts: [BindingLimit: Int] = [:]
    private(set) var reduceOnlyEvents: [ReduceOnlyEvent] = []

    /// Empty records for strategies starting at `initialEquities` and a portfolio starting at
    /// `initialBalance`; `decisionBound` decisions are reserved when they are kept.
    init(initialEquities: [Double], initialBalance: Double, keepsDecisions: Bool, decisionBound: Int) {
        curves = initialEquities.map { EquityCurveRecorder(initialEquity: $0) }
        trades = initialEquities.map { _ in [] }
        adjustments = initialEquities.map { _ in [] }
        portfolio = EquityCurveRecorder(initialEquity: initialBalance)
        self.keepsDecisions = keepsDecisions
        if keepsDecisions { decisions.reserveCapacity(decisionBound) }
    }

    /// A closed trade of strategy `index`.
    package mutating func closed(_ trade: TradeOutcome, strategy index: Int) {
        trades[index].append(trade)
    }

    /// Risk adjustments that started at a bar of strategy `index`.
    mutating func adjusted(_ changes: [RiskAdjustmentEvent], strategy index: Int) {
        adjustments[index].append(contentsOf: changes)
    }

    /// A decision of the shared book, in resolution order.
    mutating func decided(_ decision: RiskDecision) {
        bindingLimitCounts[decision.bindingLimit, default: 0] += 1
        if keepsDecisions { decisions.append(decision) }
    }

    /// The book entered or left reduce-only.
    mutating func reduceOnlyChanged(_ event: ReduceOnlyEvent) {
        reduceOnlyEvents.append(event)
    }
}
