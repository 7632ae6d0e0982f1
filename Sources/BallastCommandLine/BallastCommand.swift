import ArgumentParser
import BallastCore
import BallastStrategies
import Foundation

/// The `ballast` command-line tool: the root command and its subcommands, as a library, so that a
/// package of your own gets every subcommand with its own strategy kinds (SPEC §15):
///
/// ```swift
/// import BallastCommandLine
///
/// @main
/// struct Main {
///     static func main() async { await BallastCommand.main(strategies: [MeanReversion.self]) }
/// }
/// ```
public struct BallastCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ballast",
        abstract: "Multi-strategy portfolio orchestrator: joint backtests, shared risk limits, risk journals.",
        version: "0.1.0",
        subcommands: [
            BacktestCommand.self, ValidateCommand.self, RunsCommand.self, BudgetsCommand.self, DecisionsCommand.self,
            AdjustmentsCommand.self, GenerateBarsCommand.self, InspectDataCommand.self, LiveCommand.self,
            ReportCommand.self, TradesCommand.self, EquityCommand.self, SweepCommand.self, AttributeCommand.self,
            ServeCommand.self, HaltCommand.self, ResumeCommand.self, FlattenCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line (the process's arguments) with `strategies` registered next to the
    /// built-in kinds, then exits with the status of SPEC §13. Every portfolio file the command
    /// reads can name their kinds (`StrategyCatalog.current` is bound to them for the whole run).
    ///
    /// A kind that is malformed, taken by a built-in or another type, or reserved (`signals`,
    /// `process`) is a configuration error: exit 78 before anything runs.
    public static func main(strategies: [any ConfigurableStrategy.Type]) async {
        let catalog: StrategyCatalog
        do {
            catalog = try StrategyCatalog(registering: strategies)
        } catch {
            printError("error: \(error.description)")
            Self.exit(withError: ExitCode(error.exitStatus.rawValue))
        }
        await StrategyCatalog.$current.withValue(catalog) {
            await main()
        }
    }
}
