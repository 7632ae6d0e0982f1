import ArgumentParser
import BallastCore
import Foundation

/// `ballast generate-bars`: writes seeded synthetic bars (`RandomWalkBars`) as CSV, for tests and
/// benchmarks. The same options always produce byte-identical output.
struct GenerateBarsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-bars",
        abstract: "Write seeded synthetic OHLCV bars (a geometric random walk) as CSV."
    )

    @Option(help: "Number of bars to write.")
    var bars: Int = 1000

    @Option(help: "Random seed; the same seed gives byte-identical output.")
    var seed: UInt64 = 42

    @Option(help: "Bar interval (\(Timeframe.spellings)).")
    var timeframe: String = "1d"

    @Option(help: "Open time of the first bar (ISO-8601, e.g. 2024-01-01T00:00:00Z).")
    var start: String = "2024-01-01T00:00:00Z"

    @Option(help: "Symbol the bars are labelled with (reported only; the CSV has no symbol column).")
    var symbol: String = "SYN"

    @Option(help: "File to write; '-' or omitted writes to standard output.")
    var output: String?

    @Option(help: "Open price of the first bar.")
    var startPrice: Double = 100

    @Option(help: "Standard deviation of each bar's return, in (0, 0.2].")
    var volatility: Double = 0.001

    @Option(help: "Digits after the decimal point of every price (0...8).")
    var decimals: Int = 4

    mutating func validate() throws {
        guard bars >= 0 else { throw ValidationError("--bars must be ≥ 0") }
        guard Timeframe(rawValue: timeframe) != nil else {
            throw ValidationError("--timeframe must be one of \(Timeframe.spellings)")
        }
        guard TimestampParser.parse(start) != nil else {
            throw ValidationError("--start '\(start)' is not a valid time (use e.g. 2024-01-01T00:00:00Z)")
        }
        guard (0...8).contains(decimals) else { throw ValidationError("--decimals must be within 0...8") }
        guard volatility > 0 && volatility <= 0.2 else { throw ValidationError("--volatility must be in (0, 0.2]") }
        guard startPrice > 0 && startPrice * pow(10, Double(decimals)) < 1e15 else {
            throw ValidationError("--start-price must be > 0 and below 1e15 ticks")
        }
    }

    func run() async throws {
        try await runReportingFailures {
            let walk = RandomWalkBars(
                symbol: symbol, timeframe: Timeframe(rawValue: timeframe)!, start: TimestampParser.parse(start)!,
                seed: seed, startPrice: startPrice, volatility: volatility, decimals: decimals)
            guard let path = output, path != "-" else {
                try write(walk, to: FileHandle.standardOutput)
                return
            }
            let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else {
                throw OutputFileError(path: path, reason: String(cString: strerror(errno)))
            }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try write(walk, to: handle)
            print("wrote \(bars) \(walk.timeframe.rawValue) bars of \(symbol) (seed \(seed)) to \(path)")
        }
    }

    private func write(_ walk: RandomWalkBars, to handle: FileHandle) throws {
        try walk.writeCSV(count: bars) { chunk in try handle.write(contentsOf: Data(chunk)) }
    }
}

/// The output file could not be created (exit status 1, "other failure").
private struct OutputFileError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String { "cannot create \(path): \(reason)" }
}
