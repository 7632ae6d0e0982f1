import ArgumentParser
import BallastReports
import BallastStore

/// `ballast budgets`: every strategy's risk budget as of the last journaled bar of a run —
/// finished, or still running (the database is read through WAL while the run writes).
struct BudgetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "budgets", abstract: "Show every strategy's risk budget in a run (finished or running).")

    @OptionGroup var options: InspectionOptions

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let runID = try options.runID(in: store)
            let rows = try store.budgets(runID: runID)
            if options.json { return try options.printJSON(rows) }
            guard let first = rows.first else {
                print("run \(runID): no budgets journaled yet")
                return
            }
            print(
                "Run \(runID) (\(first.runStatus)) as of \(first.asOf.iso8601)"
                    + (first.portfolioReduceOnly ? "  PORTFOLIO REDUCE-ONLY" : ""))
            print(
                "Portfolio daily risk: used \(percent(first.portfolioDailyUsed)), left \(first.portfolioDailyLeft.map(percent) ?? "no daily budget")\n"
            )
            let table = TableFormatter(
                columns: [
                    .init(title: "strategy", alignment: .left), .init(title: "symbol", alignment: .left),
                    .init(title: "capital", alignment: .right), .init(title: "equity", alignment: .right),
                    .init(title: "peak", alignment: .right), .init(title: "dd %", alignment: .right),
                    .init(title: "tier", alignment: .right), .init(title: "throttle", alignment: .left),
                    .init(title: "size ×", alignment: .right), .init(title: "stop ÷", alignment: .right),
                    .init(title: "exposure %", alignment: .right), .init(title: "daily used/left", alignment: .right),
                    .init(title: "corr exp/headroom", alignment: .right), .init(title: "state", alignment: .left),
                ])
            print(table.render(rows: rows.map(Self.row)), terminator: "")
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
        let exposure = "\(percent(budget.openExposureSleeve)) (\(percent(budget.openExposurePortfolio)) pf)"
        return [
            budget.strategyID, budget.symbol, TableFormatter.fixed(budget.capital, digits: 2),
            TableFormatter.fixed(budget.sleeveEquity, digits: 2), TableFormatter.fixed(budget.sleevePeak, digits: 2),
            TableFormatter.fixed(budget.sleeveDrawdown * 100, digits: 2), budget.drawdownTier.map { "\($0)" } ?? "—",
            throttle, TableFormatter.fixed(budget.positionSizeFactor, digits: 2),
            TableFormatter.fixed(budget.stopLossTightening, digits: 2), exposure, daily,
            "\(percent(budget.correlatedExposure))/\(percent(budget.correlationHeadroom))",
            budget.strategyReduceOnly ? "reduce-only" : (budget.positionSide?.rawValue ?? "flat"),
        ]
    }
}

/// A fraction as a percentage with two decimals.
func percent(_ fraction: Double) -> String {
    TableFormatter.fixed(fraction * 100, digits: 2) + "%"
}
