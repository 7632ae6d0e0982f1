import ArgumentParser
import BallastCore
import BallastReports
import BallastStore

/// `ballast budgets`: every strategy's risk budget as of the last journaled bar of a run —
/// finished, or still running (the database is read through WAL while the run writes).
///
/// Every percentage column says whose equity it is of: the sleeve's (the strategy's share of the
/// portfolio) or the portfolio's.
struct BudgetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgets", abstract: "Show every strategy's risk budget in a run (finished or running).")

    @OptionGroup var options: InspectionOptions

    @Option(
        help: """
            The budgets as they stood at this past moment of the run (YYYY-MM-DD = 00:00 UTC, or an ISO-8601 \
            time): each strategy's state at its last day-end checkpoint at or before it (docs/INSPECTION.md).
            """)
    var at: DateOption?

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let run = try options.selectedRun(in: store)
            if let at {
                try PastBudgetsTable.check(
                    at.timestamp, in: run, lastClose: try store.budgets(runID: run.id).map(\.asOf).max())
                let rows = try store.budgets(runID: run.id, at: at.timestamp)
                if options.json { return try options.printJSON(rows) }
                return print(PastBudgetsTable.render(rows, run: run, at: at.timestamp), terminator: "")
            }
            let rows = try store.budgets(runID: run.id)
            if options.json { return try options.printJSON(rows) }
            guard let first = rows.first else {
                print("\(run.runName): no budgets journaled yet")
                return
            }
            print(
                "Budgets of \(run.runName), \(first.runStatus), as of \(first.asOf.iso8601)"
                    + (first.portfolioReduceOnly ? "  PORTFOLIO REDUCE-ONLY" : ""))
            print(
                "Portfolio daily risk (portfolio %): used \(percent(first.portfolioDailyUsed)), "
                    + "left \(first.portfolioDailyLeft.map(percent) ?? "no daily budget")\n")
            let table = TableFormatter(
                columns: [
                    .init(title: "strategy", alignment: .left), .init(title: "symbol", alignment: .left),
                    .init(title: "capital (portfolio %)", alignment: .right),
                    .init(title: "equity", alignment: .right), .init(title: "peak", alignment: .right),
                    .init(title: "dd (sleeve %)", alignment: .right), .init(title: "dd tier", alignment: .right),
                    .init(title: "throttle", alignment: .left), .init(title: "size ×", alignment: .right),
                    .init(title: "stop ÷", alignment: .right), .init(title: "exposure (sleeve %)", alignment: .right),
                    .init(title: "exposure (portfolio %)", alignment: .right),
                    .init(title: "daily used/left (sleeve %)", alignment: .right),
                    .init(title: "corr exp/headroom (portfolio %)", alignment: .right),
                    .init(title: "state", alignment: .left),
                ])
            print(table.render(rows: rows.map(Self.row)), terminator: "")
            for budget in rows {
                guard let halt = budget.operatorHalt else { continue }
                print(
                    "\(PrintableText.escaped(budget.strategyID)): halted by an operator (\(halt.action.rawValue)) at the bar group closing "
                        + "\(halt.since.iso8601)"
                        + (halt.reason.isEmpty ? "" : ": \(PrintableText.escaped(halt.reason))"))
            }
            print(DrawdownTierText.legend)
        }
    }

    static func row(_ budget: BudgetRow) -> [String] {
        let throttle =
            budget.activeComponents.isEmpty
            ? "normal"
            : budget.activeComponents.map { "\($0.component.rawValue):\($0.reason.rawValue)" }.joined(separator: ",")
        let daily =
            budget.strategyDailyCapInForce.map { cap in
                "\(percent(budget.strategyDailyUsed))/\(percent(budget.strategyDailyLeftInForce ?? cap))"
            } ?? "\(percent(budget.strategyDailyUsed))/—"
        return [
            budget.strategyID, budget.symbol, percent(budget.capital),
            TableFormatter.fixed(budget.sleeveEquity, digits: 2), TableFormatter.fixed(budget.sleevePeak, digits: 2),
            percent(budget.sleeveDrawdown), DrawdownTierText.text(budget.drawdownTier), throttle,
            TableFormatter.fixed(budget.positionSizeFactor, digits: 2),
            TableFormatter.fixed(budget.stopLossTightening, digits: 2), percent(budget.openExposureSleeve),
            percent(budget.openExposurePortfolio), daily,
            "\(percent(budget.correlatedExposure))/\(percent(budget.correlationHeadroom))",
            budget.operatorHalt != nil
                ? "halted (operator)"
                : budget.strategyReduceOnly ? "reduce-only" : (budget.positionSide?.rawValue ?? "flat"),
        ]
    }
}

/// A fraction as a percentage with two decimals.
func percent(_ fraction: Double) -> String {
    TableFormatter.fixed(fraction * 100, digits: 2) + "%"
}
