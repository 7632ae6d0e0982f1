import BallastCore
import BallastRisk
import Synchronization

/// Daily-volatility columns shared by many backtests over the same data (the variants of a sweep):
/// each (bars, window) column is computed by the first run that needs it and reused by the others.
///
/// Invariant: every run given one instance reads the same data; a series is told apart by its
/// symbol, timeframe, bar count and first and last bar times (a sweep's window cuts differ there).
public final class SharedVolatilityColumns: Sendable {
    private let columns = Mutex<[String: [Double]]>([:])

    public init() {}

    /// The columns `setup`'s strategies read, keyed as `KernelAssembly.lanes` takes them.
    func columns(for setup: PortfolioSetup) -> [String: [Double]] {
        var known: [String: [Double]] = [:]
        for strategy in setup.strategies {
            let profile = strategy.strategy.riskOverrides(strategy.profile)
            guard let window = KernelAssembly.volatilityWindow(profile) else { continue }
            let key = KernelAssembly.volatilityKey(series: strategy.seriesIndex, windowDays: window)
            guard known[key] == nil else { continue }
            let series = setup.series[strategy.seriesIndex]
            let identity =
                "\(series.symbol)|\(series.timeframe.rawValue)|\(series.count)|\(series.times.first ?? 0)|"
                + "\(series.times.last ?? 0)|\(window)"
            if let column = columns.withLock({ $0[identity] }) {
                known[key] = column
                continue
            }
            let column = DailyVolatilityWindow.column(times: series.times, closes: series.close, windowDays: window)
            columns.withLock { $0[identity] = $0[identity] ?? column }
            known[key] = column
        }
        return known
    }
}
