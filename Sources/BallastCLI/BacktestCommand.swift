import ArgumentParser
import BallastConfig
import BallastCore
import BallastEngine
import BallastReports
import Foundation

/// `ballast backtest PORTFOLIO.toml`: the joint backtest of every strategy in a portfolio file.
struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Run every strategy of a portfolio jointly over history with one shared risk manager.")

    @Argument(help: "The portfolio file (TOML).")
    var portfolio: String

    @Option(help: "First bar time to include (YYYY-MM-DD or ISO-8601, UTC).")
    var from: DateOption?

    @Option(help: "Last bar time to include (YYYY-MM-DD or ISO-8601, UTC).")
    var to: DateOption?

    @Flag(help: "Print the JSON summary (SPEC §14) on stdout instead of tables.")
    var json = false

    @Option(help: "Also write the JSON summary to this file.")
    var report: String?

    func run() async throws {
        try await runReportingFailures {
            let file = try PortfolioFile.load(path: portfolio, from: from?.timestamp, to: to?.timestamp)
            let runID = RunIdentity.id(for: file, from: from?.timestamp, to: to?.timestamp)
            let progress = ProgressReporter.forStandardError()
            let result = try await PortfolioBacktester(setup: file.setup).run(runID: runID) { done, total in
                progress?.update(done: done, total: total)
            }
            progress?.finish()
            let summary = try BacktestSummary(result: result).jsonData()
            if let report {
                try summary.write(to: URL(fileURLWithPath: report), options: .atomic)
            }
            if json {
                FileHandle.standardOutput.write(summary)
                FileHandle.standardOutput.write(Data("\n".utf8))
            } else {
                print(SummaryTables.render(result))
            }
        }
    }
}
