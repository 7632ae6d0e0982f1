import BallastCore
import BallastStrategies

/// One strategy as its own actor, owning its state machine (SPEC §15): the backtest steps it over
/// its whole series in one call, concurrently with every other runner, and the coordinator merges
/// the signals into the sequential ledger-and-risk loop; a live run warms it up on the bars held,
/// then steps it once per new bar. Both drive `Strategy.step`, so they compute the same signals.
///
/// Only the value the strategy's sizer reads (`confidenceKey`) is collected; the other named
/// values a strategy reports are not kept.
public actor StrategyRunner {
    public let id: String
    /// The state machine, as stepped so far.
    private var strategy: any Strategy
    private let confidenceKey: String?
    /// `strategy.valueNames.count` slots, and where `confidenceKey` is among them (nil: not reported).
    private var values: [Double]
    private let confidenceSlot: Int?

    /// A runner for `strategy` in the state it is in (fresh, or warmed up on earlier bars).
    public init(id: String, strategy: any Strategy, confidenceKey: String? = nil) {
        self.id = id
        self.strategy = strategy
        self.confidenceKey = confidenceKey
        let names = strategy.valueNames
        values = [Double](repeating: .nan, count: names.count)
        confidenceSlot = confidenceKey.flatMap { names.firstIndex(of: $0) }
    }

    /// Steps the strategy over every bar of `series`, in order, from the state it is in: one signal
    /// per bar and, when the strategy reports it, the `confidenceKey` column.
    public func run(over series: BarSeries) -> SignalSeries {
        let columns: Set<String> = confidenceKey.map { [$0] } ?? []
        return strategy.step(over: series, columns: columns)
    }

    /// Why the strategy failed (a `FallibleStrategy` whose process died), nil while it works.
    public var failureMessage: String? { (strategy as? any FallibleStrategy)?.failureMessage }

    /// What one step answers: the signal at the bar's close, the `confidenceKey` value there (nil
    /// when the strategy does not report it) and, when the strategy has failed, why (so a live bar
    /// group needs one hop per strategy, not two).
    public struct Answer: Sendable {
        public var signal: Signal
        public var confidence: Double?
        public var failureMessage: String?
    }

    /// Steps the strategy once with the next bar of its series.
    public func step(_ bar: Bar) -> Answer {
        let signal = strategy.step(bar, values: &values)
        return Answer(
            signal: signal, confidence: confidenceSlot.map { values[$0] },
            failureMessage: (strategy as? any FallibleStrategy)?.failureMessage)
    }
}
