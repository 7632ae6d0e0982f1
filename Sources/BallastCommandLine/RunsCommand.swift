import ArgumentParser
import BallastReports
import BallastStore

/// `ballast runs`: the runs in a journal database with their mode, the range they traded and
/// headline metrics. A run is named by its number and its run_id, as every command names it;
/// `--run` accepts either.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List the runs journaled in a database.")

    @OptionGroup var options: InspectionOptions

    @Option(
        parsing: .upToNextOption,
        help: """
            Two runs (A B, each as --run takes it) whose SPEC §14 metrics to show side by side with B − A, \
            for the portfolio and every strategy both have.
            """)
    var compare: [RunSelector] = []

    func validate() throws {
        if !compare.isEmpty && compare.count != 2 {
            throw ValidationError("--compare takes two runs (A B), not \(compare.count)")
        }
        if options.run != nil && !compare.isEmpty { throw ValidationError("--compare names its runs; drop --run") }
    }

    func run() async throws {
        try await runReportingFailures {
            if compare.count == 2 {
                let store = try options.openStore()
                let comparison = try RunComparison(
                    try InspectionOptions.selectedRun(compare[0], in: store),
                    try InspectionOptions.selectedRun(compare[1], in: store), in: store)
                if options.json { return try options.printJSON(comparison) }
                return print(comparison.render(), terminator: "")
            }
            let rows: [RunRow]
            let path: String
            do {
                let store = try options.openStore()
                rows = try store.runs()
                path = store.path
            } catch StoreError.noRunYet(let newDatabase) {
                // A database being created by its first run lists no runs; it is not an error.
                rows = []
                path = newDatabase
            }
            if options.json { return try options.printJSON(rows) }
            guard !rows.isEmpty else {
                print("\(path): no runs yet")
                return
            }
            let table = TableFormatter(columns: [
                .init(title: "run", alignment: .right), .init(title: "run_id", alignment: .left),
                .init(title: "mode", alignment: .left), .init(title: "name", alignment: .left),
                .init(title: "status", alignment: .left), .init(title: "traded", alignment: .left),
                .init(title: "initial", alignment: .right), .init(title: "final", alignment: .right),
                .init(title: "return %", alignment: .right), .init(title: "max dd %", alignment: .right),
                .init(title: "sharpe", alignment: .right), .init(title: "trades", alignment: .right),
                .init(title: "started", alignment: .left),
            ])
            print(
                table.render(
                    rows: rows.map { row in
                        [
                            "\(row.id)", row.inputHash, row.mode.rawValue, row.name, row.status.rawValue,
                            Self.traded(row),
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

    /// The dates of the first and last bar the run traded; `—` before its first bar.
    static func traded(_ row: RunRow) -> String {
        guard let start = row.tradedStart, let end = row.tradedEnd else { return "—" }
        return "\(start.iso8601.prefix(10)) .. \(end.iso8601.prefix(10))"
    }
}
