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
        if let output, output != "-" {
            try OutputPath(option: "--output", path: output, needsDirectory: false).validate()
        }
        try validateFreeSpace()
    }

    /// Refuses (exit 64) a `--bars` whose output cannot fit on the output's file system: the
    /// smallest size the CSV can have (`RandomWalkBars.csvByteCountLowerBound`) against the space
    /// free to this user (`statvfs`), plus the size of a regular file that will be truncated.
    /// Devices, pipes and a terminal are not checked.
    private func validateFreeSpace() throws {
        guard let space = OutputSpace.available(forOutput: output) else { return }
        let needed = walk.csvByteCountLowerBound(count: bars)
        guard needed > space.bytes else { return }
        throw ValidationError(
            "--bars \(bars) would write at least \(ByteCountText.text(needed)) to \(space.name), more than the "
                + "\(ByteCountText.text(space.bytes)) free on its file system; ask for fewer bars or write elsewhere")
    }

    private var walk: RandomWalkBars {
        RandomWalkBars(
            symbol: symbol, timeframe: Timeframe(rawValue: timeframe)!, start: TimestampParser.parse(start)!,
            seed: seed, startPrice: startPrice, volatility: volatility, decimals: decimals)
    }

    func run() async throws {
        try await runReportingFailures {
            let walk = self.walk
            guard let path = output, path != "-" else {
                try GeneratedCSVWriter().writeToStandardOutput(walk, count: bars)
                return
            }
            try GeneratedCSVWriter().write(walk, count: bars, toFile: path)
            print("wrote \(bars) \(walk.timeframe.rawValue) bars of \(symbol) (seed \(seed)) to \(path)")
        }
    }
}
