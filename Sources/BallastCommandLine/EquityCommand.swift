import ArgumentParser
import BallastEngine
import BallastReports
import BallastStore

/// `ballast equity`: a run's equity curve from its account snapshots — the portfolio's and every
/// sleeve's, one row per snapshot and scope (`portfolio` or a strategy id), at the last bar of every
/// UTC day and at the end of the run. Rows, not a column per sleeve: every run has the same
/// columns, and `--strategy` keeps one sleeve's rows.
struct EquityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equity",
        abstract: "Show the equity curve of a run: portfolio and sleeves (table, --json or --csv).")

    @OptionGroup var options: InspectionOptions

    @Flag(help: "Print CSV (RFC 4180, a header row; times ISO-8601 UTC) instead of a table.")
    var csv = false

    @Option(help: "Only this strategy's sleeve (without it: the portfolio and every sleeve).")
    var strategy: String?

    func validate() throws { try InspectionOptions.validateFormat(json: options.json, csv: csv) }

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let run = try options.selectedRun(in: store)
            try options.requireStrategy(strategy, of: run, in: store)
            let rows = try store.equity(runID: run.id, scope: strategy)
            let header = AccountSnapshotRecord.CodingKeys.allCases.map(\.rawValue)
            if try options.printedAsData(rows, csv: csv, header: header, csvRow: Self.csvRow) { return }
            print("Equity of \(run.runName)" + (strategy.map { ", sleeve \($0)" } ?? ", portfolio and sleeves"))
            let table = TableFormatter(columns: [
                .init(title: "time", alignment: .left), .init(title: "scope", alignment: .left),
                .init(title: "equity", alignment: .right), .init(title: "peak", alignment: .right),
                .init(title: "drawdown %", alignment: .right), .init(title: "gross exposure %", alignment: .right),
                .init(title: "realized pnl", alignment: .right),
            ])
            print(
                table.render(
                    rows: rows.map { row in
                        [
                            String(row.time.iso8601.prefix(16)), row.scope, TableFormatter.fixed(row.equity, digits: 2),
                            TableFormatter.fixed(row.peak, digits: 2), percent(row.drawdown),
                            percent(row.grossExposure), TableFormatter.fixed(row.realizedPnL, digits: 2),
                        ]
                    }), terminator: "")
        }
    }

    /// A snapshot as a CSV record, in `AccountSnapshotRecord.CodingKeys` order.
    static func csvRow(_ row: AccountSnapshotRecord) -> [String] {
        [
            row.time.iso8601, row.scope, CSVFormatter.number(row.equity), CSVFormatter.number(row.peak),
            CSVFormatter.number(row.drawdown), CSVFormatter.number(row.grossExposure),
            CSVFormatter.number(row.realizedPnL),
        ]
    }
}
