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
        var (setup, dataFiles) = assemble(definition) { entry in
            BarSeries(symbol: entry.symbol, timeframe: entry.timeframe)
        }
        for (index, entry) in definition.strategies.enumerated() {
            guard let signalsPath = entry.signalsPath else { continue }
            do {
                setup.strategies[index].strategy = try SignalsFile.standalone(path: signalsPath)
            } catch {
                throw ConfigurationError(
                    file: path,
                    issues: [
                        LocatedIssue(
                            line: nil,
                            issue: ConfigIssue(keyPath: "strategies[\(index)].signals", reason: error.description))
                    ])
            }
        }
        return PortfolioFile(path: path, text: text, setup: setup, dataFiles: dataFiles)
    }
}
