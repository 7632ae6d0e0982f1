import BallastCore
import BallastReports
import BallastStore

/// `ballast budgets --at TIME`: checks TIME against the run's range and prints every strategy's
/// budget as it stood then (``PastBudgetRow`` defines it: the state at the strategy's last
/// end-of-day checkpoint at or before TIME).
enum PastBudgetsTable {
    /// A TIME outside the range the run traded (or a run that traded no bar yet): a usage error.
    struct OutOfRange: BallastFailure {
        let message: String
        var exitStatus: ExitStatus { .usage }
        var description: String { message }
    }

    /// Throws `OutOfRange` unless `time` is within the run's bars: from its first bar's open (label)
    /// time to the close of its last journaled bar group (`lastClose`, the `as_of` of plain
    /// `budgets`; nil when the run has journaled none).
    static func check(_ time: Timestamp, in run: RunRow, lastClose: Timestamp?) throws {
        guard let start = run.tradedStart, let end = lastClose else {
            throw OutOfRange(message: "--at \(time): \(run.runName) has journaled no bar yet")
        }
        guard time >= start, time <= end else {
            throw OutOfRange(
                message: "--at \(time) is outside \(run.runName), whose bars run from \(start) (its first bar's open) "
                    + "to \(end) (its last bar group's close)")
        }
    }

    /// The rows as a table, after a line naming the run and the time.
    static func render(_ rows: [PastBudgetRow], run: RunRow, at time: Timestamp) -> String {
        var text = "Budgets of \(run.runName) as they stood at \(time) (each as of its last day-end checkpoint)\n"
        let table = TableFormatter(columns: [
            .init(title: "strategy", alignment: .left), .init(title: "symbol", alignment: .left),
            .init(title: "as of", alignment: .left), .init(title: "capital (portfolio %)", alignment: .right),
            .init(title: "equity", alignment: .right), .init(title: "peak", alignment: .right),
            .init(title: "dd (sleeve %)", alignment: .right), .init(title: "dd tier", alignment: .right),
            .init(title: "throttle", alignment: .left), .init(title: "size ×", alignment: .right),
            .init(title: "stop ÷", alignment: .right), .init(title: "gross exp (sleeve %)", alignment: .right),
            .init(title: "realized pnl", alignment: .right), .init(title: "state", alignment: .left),
        ])
        text += table.render(
            rows: rows.map { row in
                let active = row.activeReasons.filter { $0 != .normal }
                return [
                    row.strategyID, row.symbol, row.asOf.map { String($0.iso8601.prefix(16)) } ?? "start",
                    percent(row.capital), TableFormatter.fixed(row.sleeveEquity, digits: 2),
                    TableFormatter.fixed(row.sleevePeak, digits: 2), percent(row.sleeveDrawdown),
                    DrawdownTierText.text(row.drawdownTier),
                    active.isEmpty ? "normal" : active.map(\.rawValue).joined(separator: ","),
                    TableFormatter.fixed(row.positionSizeFactor, digits: 2),
                    TableFormatter.fixed(row.stopLossTightening, digits: 2), percent(row.grossExposure),
                    TableFormatter.fixed(row.realizedPnL, digits: 2),
                    row.strategyReduceOnly ? "reduce-only" : (row.positionSide?.rawValue ?? "flat"),
                ]
            })
        if rows.contains(where: \.portfolioReduceOnly) { text += "PORTFOLIO REDUCE-ONLY\n" }
        return text + DrawdownTierText.legend + "\n"
    }
}
