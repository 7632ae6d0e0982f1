import ArgumentParser
import BallastEngine
import BallastReports
import BallastStore

/// `ballast trades`: a run's closed trades in the order they closed, as a table, JSON or CSV.
struct TradesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trades", abstract: "Show the closed trades of a run (table, --json or --csv).")

    @OptionGroup var options: InspectionOptions

    @Flag(help: "Print CSV (RFC 4180, a header row; times ISO-8601 UTC) instead of a table.")
    var csv = false

    @Option(help: "Only this strategy's trades.")
    var strategy: String?

    func validate() throws { try InspectionOptions.validateFormat(json: options.json, csv: csv) }

    func run() async throws {
        try await runReportingFailures {
            let store = try options.openStore()
            let run = try options.selectedRun(in: store)
            try options.requireStrategy(strategy, of: run, in: store)
            let rows = try store.trades(runID: run.id, strategy: strategy)
            let header = TradeRecord.columns
            if try options.printedAsData(rows, csv: csv, header: header, csvRow: Self.csvRow) { return }
            print("Trades of \(run.runName)" + (strategy.map { ", strategy \($0)" } ?? "") + ": \(rows.count)")
            let table = TableFormatter(columns: [
                .init(title: "#", alignment: .right), .init(title: "strategy", alignment: .left),
                .init(title: "symbol", alignment: .left), .init(title: "side", alignment: .left),
                .init(title: "entry", alignment: .left), .init(title: "exit", alignment: .left),
                .init(title: "entry price", alignment: .right), .init(title: "exit price", alignment: .right),
                .init(title: "quantity", alignment: .right), .init(title: "pnl", alignment: .right),
                .init(title: "return %", alignment: .right), .init(title: "exit reason", alignment: .left),
            ])
            print(
                table.render(
                    rows: rows.map { trade in
                        [
                            "\(trade.seq)", trade.strategyID, trade.symbol, trade.side.rawValue,
                            String(trade.entryTime.iso8601.prefix(16)), String(trade.exitTime.iso8601.prefix(16)),
                            TableFormatter.fixed(trade.entryPrice, digits: 4),
                            TableFormatter.fixed(trade.exitPrice, digits: 4),
                            TableFormatter.fixed(trade.quantity, digits: 4), TableFormatter.fixed(trade.pnl, digits: 2),
                            percent(trade.returnFraction), trade.exitReason.rawValue,
                        ]
                    }), terminator: "")
        }
    }

    /// A trade as a CSV record, in `TradeRecord.columns` order.
    static func csvRow(_ trade: TradeRecord) -> [String] {
        [
            "\(trade.seq)", trade.strategyID, trade.symbol, trade.side.rawValue, trade.entryTime.iso8601,
            trade.exitTime.iso8601, CSVFormatter.number(trade.entryPrice), CSVFormatter.number(trade.exitPrice),
            CSVFormatter.number(trade.quantity), CSVFormatter.number(trade.pnl),
            CSVFormatter.number(trade.returnFraction), trade.exitReason.rawValue,
        ]
    }
}
