import ArgumentParser
import BallastReports
import BallastRisk
import BallastStore

/// `ballast decisions`: the risk-decision journal of a run, newest last.
struct DecisionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decisions", abstract: "Show the risk decisions of a run (every entry request and its answer).")

    @OptionGroup var options: InspectionOptions

    @Option(help: "Only this strategy.")
    var strategy: String?

    @Option(help: "Only decisions bound by this limit (none, max_daily_risk, correlation, …).")
    var binding: String?

    @Option(help: "Only the last N decisions.")
    var limit: Int?

    func validate() throws {
        if let binding, BindingLimit(rawValue: binding) == nil {
            let names = BindingLimit.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown binding limit '\(binding)'; expected one of: \(names)")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let run = try options.selectedRun(in: store)
            let runID = run.id
            try options.requireStrategy(strategy, of: run, in: store)
            let rows = try store.decisions(
                runID: runID, strategy: strategy, binding: binding.flatMap(BindingLimit.init(rawValue:)), limit: limit)
            if options.json { return try options.printJSON(rows) }
            let table = TableFormatter(
                columns: [
                    .init(title: "#", alignment: .right), .init(title: "bar", alignment: .left),
                    .init(title: "strategy", alignment: .left), .init(title: "side", alignment: .left),
                    .init(title: "sized (sleeve)", alignment: .right),
                    .init(title: "throttled (sleeve)", alignment: .right),
                    .init(title: "bounded (sleeve)", alignment: .right),
                    .init(title: "→ portfolio", alignment: .right),
                    .init(title: "approved (portfolio)", alignment: .right), .init(title: "binding", alignment: .left),
                    .init(title: "factor", alignment: .right), .init(title: "reason", alignment: .left),
                ])
            print("Risk decisions of \(run.runName)")
            print(
                table.render(
                    rows: rows.map(\.decision).map { decision in
                        [
                            "\(decision.sequence)", String(decision.barTime.iso8601.prefix(16)), decision.strategyID,
                            decision.side.rawValue, fraction(decision.trace.sized), fraction(decision.trace.throttled),
                            fraction(decision.trace.bounded), fraction(decision.trace.portfolio),
                            fraction(decision.approvedFraction), decision.bindingLimit.rawValue,
                            TableFormatter.fixed(decision.positionSizeFactor, digits: 2),
                            decision.primaryReason.rawValue,
                        ]
                    }), terminator: "")
        }
    }
}

/// A fraction with four decimals.
func fraction(_ value: Double) -> String { TableFormatter.fixed(value, digits: 4) }
