import BallastReports
import BallastStore
import Foundation

extension ReportModel {
    /// A strategy line of the JSON summary: its id, symbol and metrics (flattened beside them).
    private struct SummaryStrategy: Decodable {
        var id: String
        var symbol: String
        var metrics: PerformanceMetrics

        enum CodingKeys: String, CodingKey { case id, symbol }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            symbol = try container.decode(String.self, forKey: .symbol)
            metrics = try PerformanceMetrics(from: decoder)
        }
    }

    private struct Summary: Decodable {
        var portfolio: PerformanceMetrics
        var strategies: [SummaryStrategy]
    }

    static func cells(_ metrics: PerformanceMetrics) -> [String] {
        [
            ValueText.fixed(metrics.totalReturnPct, 2), ValueText.fixed(metrics.cagrPct, 2),
            ValueText.fixed(metrics.sharpe, 2), ValueText.fixed(metrics.sortino, 2), ValueText.fixed(metrics.calmar, 2),
            ValueText.fixed(metrics.maxDrawdownPct, 2), ValueText.fixed(metrics.winRatePct, 1),
            ValueText.fixed(metrics.profitFactor, 2), ValueText.fixed(metrics.expectancyPct, 2),
            ValueText.fixed(metrics.sqn, 2), ValueText.fixed(metrics.exposurePct, 1), "\(metrics.trades)",
            ValueText.fixed(metrics.finalEquity, 2), ValueText.fixed(metrics.buyAndHoldReturnPct, 2),
        ]
    }

    /// The metrics table: from the journaled JSON summary (SPEC §14) when the run has one, else
    /// (a running or failed run) return, max drawdown and final equity from the last snapshots.
    static func metricsRows(_ journal: ReportJournal) -> ([MetricsRow], String) {
        if let json = journal.summaryJSON,
            let summary = try? JSONDecoder().decode(Summary.self, from: Data(json.utf8))
        {
            let rows =
                [MetricsRow(scope: "portfolio", symbol: "", cells: cells(summary.portfolio))]
                + summary.strategies.map { MetricsRow(scope: $0.id, symbol: $0.symbol, cells: cells($0.metrics)) }
            return (
                rows,
                "From the run's JSON summary (SPEC §14); Sharpe and Sortino annualised with √"
                    + summary.portfolio.annualization.rawValue + "."
            )
        }
        var rows: [MetricsRow] = []
        let scopes =
            [("portfolio", "", journal.run.initialEquity)]
            + journal.strategies.map { ($0.id, $0.symbol, $0.capital * journal.run.initialEquity) }
        for (scope, symbol, initial) in scopes {
            let snapshots = journal.snapshots.filter { $0.scope == scope }
            var cells = Array(repeating: "—", count: metricColumns.count)
            if let last = snapshots.last, initial > 0 {
                cells[0] = ValueText.fixed((last.equity / initial - 1) * 100, 2)
                cells[5] = ValueText.fixed((snapshots.map(\.drawdown).max() ?? 0) * 100, 2)
                cells[12] = ValueText.fixed(last.equity, 2)
            }
            rows.append(MetricsRow(scope: scope, symbol: symbol, cells: cells))
        }
        return (
            rows,
            "The run has no summary yet (it is \(journal.run.status.rawValue)): return, max drawdown and equity "
                + "as of its last snapshot."
        )
    }

    /// Monthly returns of the portfolio from its snapshots: each month's last equity over the
    /// previous month's last (the initial equity before the first), by year.
    static func monthlyReturns(_ journal: ReportJournal) -> [MonthlyRow] {
        var monthEnds: [(year: Int, month: Int, equity: Double)] = []
        for snapshot in journal.snapshots where snapshot.scope == "portfolio" {
            let text = ValueText.time(snapshot.time)
            let year = Int(text.prefix(4)) ?? 0
            let month = Int(text.dropFirst(5).prefix(2)) ?? 1
            if let last = monthEnds.last, last.year == year, last.month == month {
                monthEnds[monthEnds.count - 1].equity = snapshot.equity
            } else {
                monthEnds.append((year, month, snapshot.equity))
            }
        }
        var rows: [MonthlyRow] = []
        var previous = journal.run.initialEquity
        var yearStart = previous
        for entry in monthEnds {
            if rows.last?.year != "\(entry.year)" {
                if !rows.isEmpty { yearStart = previous }
                rows.append(MonthlyRow(year: "\(entry.year)", months: Array(repeating: nil, count: 12), total: nil))
            }
            let index = rows.count - 1
            rows[index].months[entry.month - 1] = previous > 0 ? entry.equity / previous - 1 : nil
            rows[index].total = yearStart > 0 ? entry.equity / yearStart - 1 : nil
            previous = entry.equity
        }
        return rows
    }
}
