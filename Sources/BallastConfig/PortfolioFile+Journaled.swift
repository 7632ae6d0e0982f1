import BallastCore
import BallastEngine
import Foundation

extension PortfolioFile {
    /// The portfolio of a journaled run, rebuilt from the text its `runs` row keeps, without loading
    /// any data: every series is empty (a live run's bars come from its journal's `live_bars`).
    /// Series are numbered as `load` numbers them, so journaled bars land on their series.
    ///
    /// - Parameter path: the portfolio file's path as the run recorded it (resolves `data_dir`).
    /// - Throws: `ConfigurationError` when the text no longer validates (a data file it names is gone).
    public static func journaled(text: String, path: String) throws -> PortfolioFile {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let definition = try PortfolioDefinition(toml: text, file: path, directory: directory)
        var series: [BarSeries] = []
        var keys: [String: Int] = [:]
        var dataFiles: [String] = []
        var strategies: [StrategySetup] = []
        for entry in definition.strategies {
            let key = "\(entry.dataPath)|\(entry.symbol)|\(entry.timeframe.rawValue)"
            let index: Int
            if let known = keys[key] {
                index = known
            } else {
                index = series.count
                keys[key] = index
                series.append(BarSeries(symbol: entry.symbol, timeframe: entry.timeframe))
                dataFiles.append(entry.dataPath)
            }
            strategies.append(
                StrategySetup(
                    id: entry.id, symbol: entry.symbol, seriesIndex: index, priority: entry.priority,
                    capital: entry.capital, quantityStep: entry.quantityStep, profile: entry.profile,
                    strategy: entry.strategy))
        }
        let setup = PortfolioSetup(
            name: definition.name, initialBalance: definition.initialBalance, risk: definition.risk,
            execution: definition.execution, series: series, strategies: strategies)
        return PortfolioFile(path: path, text: text, setup: setup, dataFiles: dataFiles)
    }
}
