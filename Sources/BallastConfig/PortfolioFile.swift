import BallastCore
import BallastEngine
import BallastRisk
import BallastStrategies
import Foundation

/// A portfolio file (SPEC §10) and its data, loaded and validated in full before anything runs.
///
/// Loading happens in two stages, each all-or-nothing: the TOML is read and every key checked
/// (a `ConfigurationError`, exit 78, listing every issue with its line and key path, including
/// data files that do not exist); then every data file is loaded and validated (a `DataError`,
/// exit 65, naming file, line and column).
public struct PortfolioFile: Sendable {
    /// The file as given.
    public var path: String
    /// The file's bytes, for a run id that changes whenever the inputs do.
    public var text: String
    public var setup: PortfolioSetup
    /// The data file behind each series of `setup.series`.
    public var dataFiles: [String]
    /// Each data file's first and last bar time before `--from`/`--to` cut it, by series; empty
    /// when no data was loaded (``journaled(text:path:)``).
    public var dataSpans: [ClosedRange<Timestamp>] = []

    /// The strategies with no bars between `--from` and `--to`: they sit the run out (SPEC §10
    /// amended by docs/BACKTEST.md), in file order. None when no data was loaded.
    public var sittingOut: [SittingOutStrategy] {
        setup.strategies.compactMap { strategy in
            guard strategy.seriesIndex < dataSpans.count, setup.series[strategy.seriesIndex].isEmpty else {
                return nil
            }
            return SittingOutStrategy(
                id: strategy.id, symbol: strategy.symbol, capital: strategy.capital,
                dataFile: dataFiles[strategy.seriesIndex], dataSpan: dataSpans[strategy.seriesIndex])
        }
    }

    static let rootKeys = ["portfolio", "risk", "execution", "dynamic_risk", "strategies"]
    static let portfolioKeys = ["name", "initial_balance", "data_dir"]
    static let strategyKeys = [
        "id", "kind", "symbol", "timeframe", "data", "capital", "priority", "quantity_step", "params", "risk",
        "signals", "command", "timeout_ms",
    ]

    /// Loads and validates a portfolio file and its data. `from`/`to` keep bars whose time is in
    /// [from, to] (inclusive). A strategy whose data has no bar in that range keeps an empty series
    /// and sits the run out (see ``sittingOut``); when no strategy has a bar in the range, that is
    /// a `DataError` (exit 65) naming the first data file.
    public static func load(path: String, from: Timestamp? = nil, to: Timestamp? = nil) throws -> PortfolioFile {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(
                file: path,
                issues: [LocatedIssue(line: nil, issue: ConfigIssue(keyPath: "", reason: "cannot read the file"))])
        }
        let text = try ConfigText.decode([UInt8](data), file: path)
        let definition = try PortfolioDefinition(toml: text, file: path, directory: url.deletingLastPathComponent())
        var dataSpans: [ClosedRange<Timestamp>] = []
        var wholeSeries: [BarSeries] = []
        var (setup, dataFiles) = try assemble(definition) { entry in
            let loaded = try BarCSVLoader(symbol: entry.symbol, timeframe: entry.timeframe).load(path: entry.dataPath)
            dataSpans.append(Timestamp(seconds: loaded.times[0])...Timestamp(seconds: loaded.times[loaded.count - 1]))
            wholeSeries.append(loaded)
            return slice(loaded, from: from, to: to)
        }
        // Signals files join the whole data file one to one (before --from/--to cut it).
        for (index, entry) in definition.strategies.enumerated() {
            guard let signalsPath = entry.signalsPath else { continue }
            setup.strategies[index].strategy = try SignalsFile.join(
                path: signalsPath, to: wholeSeries[setup.strategies[index].seriesIndex])
        }
        let series = setup.series
        if let first = series.first, series.allSatisfy(\.isEmpty) {
            throw DataError(
                file: dataFiles[0],
                reason: "no bars between --from and --to in \(first.symbol) (its data spans "
                    + "\(dataSpans[0].lowerBound.iso8601) .. \(dataSpans[0].upperBound.iso8601))"
                    + (series.count > 1 ? ", nor in any other strategy's data" : ""))
        }
        return PortfolioFile(path: path, text: text, setup: setup, dataFiles: dataFiles, dataSpans: dataSpans)
    }

    /// The setup of `definition`, with one series per distinct (data file, symbol, timeframe), made by
    /// `makeSeries` the first time a strategy names it; series are numbered in that order, which is
    /// how journaled live bars find their series again (``journaled(text:path:)``).
    public static func assemble(
        _ definition: PortfolioDefinition, makeSeries: (PortfolioDefinition.Entry) throws -> BarSeries
    ) rethrows -> (setup: PortfolioSetup, dataFiles: [String]) {
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
                series.append(try makeSeries(entry))
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
        return (setup, dataFiles)
    }

    /// Keeps the bars in [from, to], possibly none.
    public static func slice(_ series: BarSeries, from: Timestamp?, to: Timestamp?) -> BarSeries {
        guard from != nil || to != nil else { return series }
        let lower = from.map { time in series.times.firstIndex { $0 >= time.seconds } ?? series.count } ?? 0
        let upper = to.map { time in (series.lastIndex(openedAtOrBefore: time) ?? -1) + 1 } ?? series.count
        return series.slice(lower..<max(lower, upper))
    }
}
