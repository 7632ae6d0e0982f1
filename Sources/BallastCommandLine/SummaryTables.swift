import BallastCore
import BallastEngine
import BallastReports
import BallastRisk

/// The readable summary of a backtest: the portfolio, then one row per strategy.
enum SummaryTables {
    /// - Parameter run: the run's name as every command prints it (its journal number, when
    ///   journaled, and its run_id).
    static func render(_ result: BacktestResult, run: RunName) -> String {
        let portfolio = result.portfolio
        let scale = result.annualization == .tradingDays252 ? "√252 (daily sessions)" : "√365 (24/7 data)"
        var text = "Portfolio \"\(PrintableText.escaped(result.portfolioName))\"  "
        text += "\(result.start.iso8601.prefix(10)) .. \(result.end.iso8601.prefix(10))  \(run)\n"
        text += "Sharpe and Sortino from daily returns, annualised with \(scale).\n\n"
        let headline = TableFormatter(
            columns: [
                "initial", "final", "return %", "cagr %", "max dd %", "sharpe", "sortino", "calmar", "trades",
                "win %", "exposure %",
            ].map { TableFormatter.Column(title: $0, alignment: .right) })
        text += headline.render(rows: [
            [
                fixed(result.initialBalance), fixed(portfolio.finalEquity), fixed(portfolio.totalReturnPct),
                fixed(portfolio.cagrPct), fixed(portfolio.maxDrawdownPct), fixed(portfolio.sharpe),
                fixed(portfolio.sortino), fixed(portfolio.calmar), "\(portfolio.trades)", fixed(portfolio.winRatePct),
                fixed(portfolio.exposurePct),
            ]
        ])
        text += "\n"
        var columns = [
            TableFormatter.Column(title: "strategy", alignment: .left),
            TableFormatter.Column(title: "symbol", alignment: .left),
        ]
        columns += [
            "return %", "max dd %", "sharpe", "trades", "win %", "b&h %", "min factor", "decisions", "denied",
            "adjustments",
        ].map { TableFormatter.Column(title: $0, alignment: .right) }
        let rows = result.strategies.map { strategy -> [String] in
            let metrics = strategy.metrics
            return [
                strategy.id, strategy.symbol, fixed(metrics.totalReturnPct), fixed(metrics.maxDrawdownPct),
                fixed(metrics.sharpe), "\(metrics.trades)", fixed(metrics.winRatePct),
                fixed(metrics.buyAndHoldReturnPct), fixed(strategy.minPositionSizeFactor), "\(strategy.decisions)",
                "\(strategy.denied)", "\(strategy.adjustments.count)",
            ]
        }
        text += TableFormatter(columns: columns).render(rows: rows)
        let sittingOut = result.strategies.filter(\.sitsOut).map { PrintableText.escaped($0.id) }
        if !sittingOut.isEmpty {
            text += "\nSitting out (no bars in the range; their capital stays in cash): "
            text += sittingOut.joined(separator: ", ") + "\n"
        }
        let binding = result.bindingLimitCounts.filter { $0.key != .none && $0.value > 0 }
        if !binding.isEmpty {
            let counts = binding.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", ")
            text += "\nBinding limits: \(counts)\n"
        }
        if !result.reduceOnlyEvents.isEmpty {
            text += "Reduce-only changes: \(result.reduceOnlyEvents.count)\n"
        }
        return text
    }

    private static func fixed(_ value: Double?) -> String { TableFormatter.fixed(value, digits: 2) }
}
