import ArgumentParser
import BallastReports
import BallastStore

/// `ballast adjustments`: every change of a strategy's dynamic-risk factors in a run.
struct AdjustmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjustments", abstract: "Show the risk adjustments of a run (dynamic-risk changes).")

    @OptionGroup var options: InspectionOptions

    @Option(help: "Only this strategy.")
    var strategy: String?

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let run = try options.selectedRun(in: store)
            try options.requireStrategy(strategy, of: run, in: store)
            let rows = try store.adjustments(runID: run.id, strategy: strategy)
            if options.json { return try options.printJSON(rows) }
            let table = TableFormatter(
                columns: [
                    .init(title: "#", alignment: .right), .init(title: "time", alignment: .left),
                    .init(title: "strategy", alignment: .left), .init(title: "component", alignment: .left),
                    .init(title: "reason", alignment: .left), .init(title: "dd tier", alignment: .left),
                    .init(title: "size ×", alignment: .right), .init(title: "stop ÷", alignment: .right),
                    .init(title: "daily ×", alignment: .right), .init(title: "drawdown (sleeve)", alignment: .right),
                    .init(title: "lasted", alignment: .right), .init(title: "trades", alignment: .right),
                    .init(title: "pnl", alignment: .right),
                ])
            print("Risk adjustments of \(run.runName)")
            print(
                table.render(
                    rows: rows.map { row in
                        [
                            "\(row.seq)", String(row.time.iso8601.prefix(16)), row.strategyID,
                            row.component.rawValue, "\(row.previousReason.rawValue) → \(row.reason.rawValue)",
                            "\(DrawdownTierText.text(row.tierBefore)) → \(DrawdownTierText.text(row.tierAfter))",
                            change(row.positionSizeFactorOriginal, row.positionSizeFactorAdjusted),
                            change(row.stopLossTighteningOriginal, row.stopLossTighteningAdjusted),
                            change(row.dailyRiskFactorOriginal, row.dailyRiskFactorAdjusted),
                            percent(row.inputs.drawdown), row.durationSeconds.map(Self.duration) ?? "in force",
                            row.tradesUnder.map { "\($0)" } ?? "—", TableFormatter.fixed(row.pnlUnder, digits: 2),
                        ]
                    }), terminator: "")
            print(DrawdownTierText.legend)
        }
    }

    private func change(_ before: Double, _ after: Double) -> String {
        "\(TableFormatter.fixed(before, digits: 2))→\(TableFormatter.fixed(after, digits: 2))"
    }

    static func duration(_ seconds: Int64) -> String {
        seconds >= 86_400 ? "\(seconds / 86_400)d" : seconds >= 3_600 ? "\(seconds / 3_600)h" : "\(seconds / 60)m"
    }
}
