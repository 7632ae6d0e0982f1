import ArgumentParser
import BallastReports
import BallastStore

/// `ballast runs`: the runs in a journal database with their mode, dates and headline metrics.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs journaled in a database.")

    @OptionGroup var options: InspectionOptions

    func run() async throws {
        try await runReportingFailures {
            let rows = try options.openStore().runs()
            if options.json { return try options.printJSON(rows) }
            let table = TableFormatter(columns: [
                .init(title: "run", alignment: .right), .init(title: "mode", alignment: .left),
                .init(title: "name", alignment: .left), .init(title: "status", alignment: .left),
                .init(title: "data", alignment: .left), .init(title: "initial", alignment: .right),
                .init(title: "final", alignment: .right), .init(title: "return %", alignment: .right),
                .init(title: "max dd %", alignment: .right), .init(title: "sharpe", alignment: .right),
                .init(title: "trades", alignment: .right), .init(title: "started", alignment: .left),
            ])
            print(
                table.render(
                    rows: rows.map { row in
                        [
                            "\(row.id)", row.mode, row.name, row.status,
                            "\(row.dataStart.iso8601.prefix(10)) .. \(row.dataEnd.iso8601.prefix(10))",
                            TableFormatter.fixed(row.initialEquity, digits: 2),
                            TableFormatter.fixed(row.finalEquity, digits: 2),
                            TableFormatter.fixed(row.totalReturnPct, digits: 2),
                            TableFormatter.fixed(row.maxDrawdownPct, digits: 2),
                            TableFormatter.fixed(row.sharpe, digits: 2), row.trades.map { "\($0)" } ?? "—",
                            row.startedAt,
                        ]
                    }), terminator: "")
        }
    }
}
