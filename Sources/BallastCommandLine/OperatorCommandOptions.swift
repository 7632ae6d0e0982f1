import ArgumentParser
import BallastCore
import BallastEngine
import BallastStore
import Foundation

/// The options of `ballast halt`, `resume` and `flatten`: which strategy (or all), why, which
/// database and run. A command goes to a running live run only (docs/SERVE.md).
struct OperatorCommandOptions: ParsableArguments {
    @Option(help: "The strategy (its id in the portfolio file).")
    var strategy: String?

    @Flag(help: "Every strategy of the run.")
    var all = false

    @Option(help: "Why (free text, journaled with the command and shown by `budgets` and the dashboard).")
    var reason: String = ""

    @Option(
        help: """
            The journal database (default: ./ballast.sqlite, else the one ballast.sqlite in a directory just \
            below the current one, as for `ballast runs`).
            """)
    var db: String?

    @Option(help: "The live run: its number or run_id (default: the newest running live run).")
    var run: RunSelector?

    func validate() throws {
        if all == (strategy != nil) { throw ValidationError("give either --strategy ID or --all") }
    }

    /// Journals the command for the run (nothing when it is refused) and prints what it did.
    func submit(_ action: OperatorCommand.Action) async throws {
        try await runReportingFailures {
            let reader = try InspectionOptions.openStore(db: db)
            let runID: Int64
            if let run {
                runID = try run.resolve(in: try reader.runs(), path: reader.path).id
            } else {
                guard let running = try reader.runningLiveRunID() else {
                    throw OperatorCommandRefusal("\(reader.path): no live run is running; nothing was written")
                }
                runID = running
            }
            try reader.close()
            // Not closed: closing a writable store checkpoints, which would wait for the live run's readers.
            let store = try BallastStore.open(path: reader.path)
            let row = try store.submitOperatorCommand(
                runID: runID, action: action, strategy: strategy, reason: reason, source: "cli",
                receivedAt: SystemWallClock().now())
            print(
                "\(action.rawValue) \(strategy.map { "strategy \(PrintableText.escaped($0))" } ?? "every strategy") of run \(runID): "
                    + "command \(row.id) recorded; the run applies it at its next bar group")
        }
    }
}

/// `ballast halt`: a strategy (or all) takes no new entries; stops and exits still run.
struct HaltCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "halt",
        abstract: "Stop a live run's strategy (or all) from taking new entries; its stops and exits still run.")
    @OptionGroup var options: OperatorCommandOptions
    func run() async throws { try await options.submit(.halt) }
}

/// `ballast resume`: lifts an operator halt (never a risk latch).
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Lift an operator halt of a live run's strategy (or all).")
    @OptionGroup var options: OperatorCommandOptions
    func run() async throws { try await options.submit(.resume) }
}

/// `ballast flatten`: exits a strategy's positions at the next fill and halts it.
struct FlattenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flatten",
        abstract: "Close a live run's strategy's (or all) positions at the next fill, and halt it until `resume`.")
    @OptionGroup var options: OperatorCommandOptions
    func run() async throws { try await options.submit(.flatten) }
}
