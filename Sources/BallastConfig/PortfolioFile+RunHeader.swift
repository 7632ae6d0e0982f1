import BallastCore
import BallastEngine
import BallastStrategies
import Foundation

extension PortfolioFile {
    /// What the store records about a run of this file when it starts (SPEC §12 `runs` and
    /// `strategies`): its name, path and text, the input hash, the data's first and last bar times
    /// and each strategy's header with its override profile as JSON (sorted keys, so equal inputs
    /// give equal rows). One builder for a backtest's and a live run's row.
    public func runHeader(inputHash: String, mode: RunMode) throws -> RunHeader {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let strategies = try setup.strategies.map { strategy in
            RunHeader.StrategyHeader(
                id: strategy.id, kind: strategy.strategy.kind, symbol: strategy.symbol,
                timeframe: setup.series[strategy.seriesIndex].timeframe.rawValue, capital: strategy.capital,
                priority: strategy.priority,
                profileJSON: String(
                    decoding: try encoder.encode(strategy.strategy.riskOverrides(strategy.profile)), as: UTF8.self))
        }
        return RunHeader(
            mode: mode, name: setup.name, portfolioPath: path, inputHash: inputHash, configText: text,
            initialEquity: setup.initialBalance,
            dataStart: Timestamp(seconds: setup.series.compactMap(\.times.first).min() ?? 0),
            dataEnd: Timestamp(seconds: setup.series.compactMap(\.times.last).max() ?? 0), strategies: strategies)
    }
}
