import BallastCore
import BallastStrategies

/// One strategy as its own actor. In a backtest it computes its signals for the whole series in
/// one call, concurrently with every other runner; the coordinator then merges them into the
/// sequential ledger-and-risk loop. A live run asks it bar by bar over a trailing window.
public actor StrategyRunner {
    public let id: String
    private let strategy: any Strategy

    public init(id: String, strategy: any Strategy) {
        self.id = id
        self.strategy = strategy
    }

    /// Signals and indicator columns for every bar of `series`.
    /// Precondition (checked): the strategy returns one signal per bar and columns of that length.
    public func signals(for series: BarSeries) -> SignalSeries {
        let result = strategy.signals(for: series)
        precondition(result.signals.count == series.count, "\(id): one signal per bar expected")
        precondition(
            result.indicators.values.allSatisfy { $0.count == series.count }, "\(id): indicator column length")
        return result
    }
}

extension StrategyRunner {
    /// The signal at the last bar of `series` and the value of indicator column `confidenceKey`
    /// there (nil when the strategy does not emit it): a live run's question after each new bar.
    public func latestSignal(for series: BarSeries, confidenceKey: String) -> (Signal, Double?) {
        let result = signals(for: series)
        guard let signal = result.signals.last else { return (.none, nil) }
        return (signal, result.indicators[confidenceKey]?.last)
    }
}
