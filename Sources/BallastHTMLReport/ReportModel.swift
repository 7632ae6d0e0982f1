import BallastConfig
import BallastCore
import BallastReports
import BallastRisk
import BallastStore
import Foundation

/// What one run's HTML report shows, built from its journal (`ReportJournal`) by pure functions:
/// the run's header, the metrics table, the time charts (portfolio and per strategy), the monthly
/// returns and the trades. Works for backtests and live runs alike (a running live run has no
/// summary yet: its metrics row is computed from the equity snapshots).
public struct ReportModel: Sendable {
    /// One key/value line of the header.
    public struct Fact: Sendable {
        public var name: String
        public var value: String
    }

    /// One row of the metrics table (the portfolio's, then one per strategy).
    public struct MetricsRow: Sendable {
        public var scope: String
        public var symbol: String
        public var cells: [String]
    }

    /// A strategy's section: its charts.
    public struct StrategySection: Sendable {
        public var id: String
        public var kind: String
        public var symbol: String
        public var charts: [TimeChart]
    }

    /// One year of monthly returns: 12 cells and the year's total.
    public struct MonthlyRow: Sendable {
        public var year: String
        /// Fractions; nil where the run has no snapshot in that month.
        public var months: [Double?]
        public var total: Double?
    }

    /// The run's name (user text).
    public var title: String
    public var runID: Int64
    public var facts: [Fact]
    public static let metricColumns = [
        "return %", "CAGR %", "Sharpe", "Sortino", "Calmar", "max DD %", "win %", "profit factor", "expectancy %",
        "SQN", "exposure %", "trades", "final equity", "buy & hold %",
    ]
    public var metrics: [MetricsRow]
    /// Where the metrics come from (the journaled summary, or the snapshots of an unfinished run).
    public var metricsSource: String
    /// The run's time range [start, end] in epoch seconds, shared by every time chart.
    public var start: Double
    public var end: Double
    public var portfolioCharts: [TimeChart]
    public var strategies: [StrategySection]
    public var monthly: [MonthlyRow]
    public var trades: [ReportJournal.Trade]
    public var tradeCount: Int
    /// The limits the charts draw, as read from the journaled portfolio file.
    public var limitsNote: String

    /// Builds the model of a journaled run.
    public init(journal: ReportJournal) {
        let run = journal.run
        title = run.name
        runID = run.id
        let settings = try? RiskSettingsDocument(toml: journal.configText, file: "runs.config_text")
        let parameters = settings?.parameters ?? RiskParameters()
        limitsNote =
            settings == nil
            ? "The journaled portfolio file could not be read: limits shown are the defaults of SPEC §2."
            : "Limits from the journaled portfolio file."
        let first = journal.snapshots.first.map { min(Double($0.time), Double(run.dataStart.seconds)) }
        start = first ?? Double(run.dataStart.seconds)
        // A live run's data files may reach far past what it has traded so far: its time axis ends
        // at its last snapshot (a running run's charts then fill the width as the dashboard follows it).
        let dataEnd = run.mode == .live && !journal.snapshots.isEmpty ? nil : Double(run.dataEnd.seconds)
        let last = [journal.snapshots.last.map { Double($0.time) }, dataEnd].compactMap { $0 }.max()!
        end = last > start ? last : start + 86_400
        facts = Self.facts(run)
        (metrics, metricsSource) = Self.metricsRows(journal)
        let context = ChartContext(journal: journal, parameters: parameters, start: start, end: end)
        portfolioCharts = [
            context.equityChart(), context.sleevesChart(), context.drawdownChart(), context.decisionsChart(),
            context.correlationChart(),
        ]
        strategies = journal.strategies.enumerated().map { index, strategy in
            StrategySection(
                id: strategy.id, kind: strategy.kind, symbol: strategy.symbol,
                charts: context.strategyCharts(
                    strategy, index: index,
                    profile: settings.flatMap { index < $0.profiles.count ? $0.profiles[index] : nil }))
        }
        monthly = Self.monthlyReturns(journal)
        trades = journal.trades
        tradeCount = journal.tradeCount
    }

    static func facts(_ run: RunRow) -> [Fact] {
        var facts = [
            Fact(name: "run", value: "\(run.id) (\(run.mode.rawValue), \(run.status.rawValue))"),
            Fact(
                name: "data",
                value: "\(ValueText.time(run.dataStart.seconds)) .. \(ValueText.time(run.dataEnd.seconds))"),
            Fact(name: "initial equity", value: ValueText.fixed(run.initialEquity, 2)),
            Fact(name: "final equity", value: ValueText.fixed(run.finalEquity, 2)),
            Fact(name: "started", value: run.startedAt),
            Fact(name: "finished", value: run.finishedAt ?? "—"),
            Fact(name: "portfolio file", value: run.portfolioPath),
        ]
        if let error = run.error { facts.append(Fact(name: "error", value: error)) }
        return facts
    }
}
