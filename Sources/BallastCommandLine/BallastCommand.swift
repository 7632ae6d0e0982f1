import ArgumentParser
import BallastCore

/// The `ballast` command-line tool: the root command and its subcommands.
@main
struct BallastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ballast",
        abstract: "Multi-strategy portfolio orchestrator: joint backtests, shared risk limits, risk journals.",
        version: "0.1.0",
        subcommands: [
            BacktestCommand.self, ValidateCommand.self, RunsCommand.self, BudgetsCommand.self, DecisionsCommand.self,
            AdjustmentsCommand.self, GenerateBarsCommand.self, InspectDataCommand.self, LiveCommand.self,
            ReportCommand.self, TradesCommand.self, EquityCommand.self,
        ]
    )
}
