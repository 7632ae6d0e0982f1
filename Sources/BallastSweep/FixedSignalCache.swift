import BallastCore
import BallastEngine
import BallastStrategies
import Synchronization

/// The signals of the strategies that no axis of a sweep changes, computed once and reused by
/// every variant on the same bars (each variant's backtest then steps only the strategies its
/// axes change).
///
/// Key: the strategy's id, the bars it runs on (the window, or all of them) and its profile's
/// confidence key. No axis touches a fixed strategy's table, and its kind, params and data come
/// only from there (a strategy's `kind`, `symbol`, `timeframe` and `data` cannot be swept), so equal
/// keys give equal signals; the confidence key is in the key because global settings could change
/// the profile. Process and signals-file strategies are not cached (they are prepared by the
/// backtest itself). One cache serves one runner (one sweep, or one walk-forward window).
final class FixedSignalCache: Sendable {
    /// The ids of the strategies no axis touches.
    let fixedIDs: Set<String>
    private let entries = Mutex<[String: SignalSeries]>([:])
    private let computations = Mutex(0)

    init(fixedIDs: Set<String>) {
        self.fixedIDs = fixedIDs
    }

    /// How many times a fixed strategy's signals were computed (not found in the cache).
    var computedCount: Int { computations.withLock { $0 } }

    /// The known signals of `setup`'s fixed strategies, by strategy index: from the cache, or
    /// computed now and kept.
    func signals(of setup: PortfolioSetup, window: Range<Timestamp>?) async -> [Int: SignalSeries] {
        var known: [Int: SignalSeries] = [:]
        for (index, strategy) in setup.strategies.enumerated() where fixedIDs.contains(strategy.id) {
            guard !(strategy.strategy is any ExternalStrategy), !(strategy.strategy is PrecomputedStrategy) else {
                continue
            }
            let series = setup.series[strategy.seriesIndex]
            guard !series.isEmpty else { continue }
            let confidenceKey = strategy.strategy.riskOverrides(strategy.profile).confidenceKey
            let bounds = window.map { "\($0.lowerBound.seconds)..<\($0.upperBound.seconds)" } ?? "all"
            let key = "\(strategy.id)|\(bounds)|\(confidenceKey)"
            if let cached = entries.withLock({ $0[key] }) {
                known[index] = cached
                continue
            }
            let runner = StrategyRunner(id: strategy.id, strategy: strategy.strategy, confidenceKey: confidenceKey)
            let signals = await runner.run(over: series)
            computations.withLock { $0 += 1 }
            entries.withLock { $0[key] = $0[key] ?? signals }
            known[index] = signals
        }
        return known
    }
}
