import ArgumentParser
import BallastCore
import Foundation

/// `ballast inspect-data`: loads and validates one bar file (SPEC §11) and summarises it. Bad data
/// exits 65 with the `DataError` (file, line, column, reason) on standard error.
struct InspectDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect-data",
        abstract: "Load and validate a bar CSV file and print a summary (bars, time span, closes, load time)."
    )

    @Argument(help: "The CSV file to check.")
    var path: String

    @Option(help: "Symbol to label the bars with (default: the file name without extension).")
    var symbol: String?

    @Option(help: "Bar interval (\(Timeframe.spellings)).")
    var timeframe: String = "1d"

    mutating func validate() throws {
        guard Timeframe(rawValue: timeframe) != nil else {
            throw ValidationError("--timeframe must be one of \(Timeframe.spellings)")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let name = symbol ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let loader = BarCSVLoader(symbol: name, timeframe: Timeframe(rawValue: timeframe)!)
            let clock = ContinuousClock()
            let started = clock.now
            let series = try loader.load(path: path)
            let elapsed = clock.now - started
            let closes = series.close
            let milliseconds =
                Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            print("file:       \(path)")
            print("symbol:     \(series.symbol) (\(series.timeframe.rawValue))")
            print("bars:       \(series.count)")
            print("first:      \(Timestamp(seconds: series.times[0]).iso8601)")
            print("last:       \(Timestamp(seconds: series.times[series.count - 1]).iso8601)")
            print("min close:  \(closes.min()!)")
            print("max close:  \(closes.max()!)")
            print("load time:  \(String(format: "%.1f", milliseconds)) ms")
        }
    }
}
