import ArgumentParser
import BallastConfig
import BallastCore
import BallastExternal
import BallastStrategies

/// `ballast validate PORTFOLIO.toml [--lookahead]`: checks a portfolio file and all its data without
/// running; with `--lookahead`, also checks its process and signals strategies for look-ahead.
struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check a portfolio file and its data files without running anything.",
        discussion: """
            --lookahead replays each process strategy on histories cut after a sample of bars and reports \
            every bar whose signal changes when the later bars are removed; a signals file (which cannot be \
            replayed) is reported when its entries call the next bar's close far better than chance. \
            Exit 1 when anything is found (docs/STRATEGY-PROTOCOL.md).
            """)

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    @Flag(help: "Check process and signals strategies for look-ahead (runs the processes).")
    var lookahead = false

    @Option(help: "With --lookahead: how many bars to cut the history after, per process strategy.")
    var samples = 20

    func validate() throws {
        if samples < 1 || samples > 10_000 { throw ValidationError("--samples must be in 1...10000, got \(samples)") }
    }

    func run() async throws {
        try await runReportingFailures {
            let file = try PortfolioFile.load(path: portfolio)
            let setup = file.setup
            let bars = setup.series.reduce(0) { $0 + $1.count }
            print(
                "\(portfolio): ok — portfolio \"\(PrintableText.escaped(setup.name))\", \(setup.strategies.count) strategies, "
                    + "\(setup.series.count) series, \(bars) bars")
            guard lookahead else { return }
            var findings: [LookaheadFinding] = []
            for strategy in setup.strategies {
                let series = setup.series[strategy.seriesIndex]
                let found: [LookaheadFinding]
                let how: String
                if let external = strategy.strategy as? any ExternalStrategy {
                    found = try await LookaheadCheck.replay(external, over: series, samples: samples)
                    how =
                        "replayed at \(LookaheadCheck.sampleBars(total: series.count, count: samples).count) cut histories"
                } else if let signals = strategy.strategy as? PrecomputedStrategy {
                    found = LookaheadCheck.signalsFile(id: strategy.id, signals: signals, series: series)
                    how = "signals file: entries against the next close"
                } else {
                    continue
                }
                let verdict = found.isEmpty ? "no look-ahead found" : "\(found.count) findings"
                print("lookahead: \(PrintableText.escaped(strategy.id)) (\(how)): \(verdict)")
                for finding in found { print("  \(finding)") }
                findings += found
            }
            if !findings.isEmpty { throw LookaheadFound(count: findings.count) }
        }
    }
}

/// `validate --lookahead` found look-ahead: exit 1.
struct LookaheadFound: BallastFailure {
    let count: Int
    var exitStatus: ExitStatus { .failure }
    var description: String { "look-ahead found (\(count) findings, listed above)" }
}
