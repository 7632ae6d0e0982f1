import BallastStore
import Foundation
import Mustache

/// Renders a run's report as one self-contained HTML file (SPEC §16): inline CSS, inline SVG
/// charts, a small inline script; nothing is fetched when it is viewed.
///
/// Rendering goes through Mustache (hummingbird-project/swift-mustache), whose `{{…}}` escapes
/// every value for HTML, so user text in the journal (strategy ids, symbols, reasons, the run's
/// name, errors) can never become markup. Deterministic: the same journal gives the same bytes.
public enum HTMLReport {
    /// How many of the last trades the table lists (the rest are counted in its note).
    public static let tradeLimit = 1_000

    /// The report of run `runID` in `store`.
    ///
    /// - Throws: `StoreError.unknownRun` for a run the database does not have; any other store error.
    public static func render(store: BallastStore, runID: Int64) throws(StoreError) -> String {
        render(ReportModel(journal: try store.reportJournal(runID: runID, tradeLimit: tradeLimit)))
    }

    /// The report of a model.
    public static func render(_ model: ReportModel) -> String {
        templates.render(PageView(model), withTemplate: "page") ?? ""
    }

    private static let templates: MustacheLibrary = {
        var library = MustacheLibrary()
        // The templates are fixed text of this module, parsed by a test; a failure is a bug.
        try! library.register(ReportTemplate.chart, named: "chart")
        try! library.register(ReportTemplate.page, named: "page")
        return library
    }()
}

/// The page's values as the template reads them: text already formatted, user text left raw
/// (the template escapes it).
struct PageView {
    struct Cell {
        var text: String
        var style: String
    }

    struct MonthlyView {
        var year: String
        var cells: [Cell]
    }

    struct StrategyView {
        var anchor: String
        var id: String
        var kind: String
        var symbol: String
        var charts: [ChartView]
    }

    struct TradeView {
        var tone: String
        var strategy: String
        var symbol: String
        var side: String
        var entry: String
        var exit: String
        var entryPrice: String
        var exitPrice: String
        var quantity: String
        var pnl: String
        var returnPct: String
        var reason: String
    }

    var title: String
    var runID: String
    var facts: [ReportModel.Fact]
    var metricColumns: [String]
    var metrics: [ReportModel.MetricsRow]
    var metricsSource: String
    var limitsNote: String
    var portfolioCharts: [ChartView]
    var strategies: [StrategyView]
    var monthly: [MonthlyView]
    var trades: [TradeView]
    var tradesNote: String

    init(_ model: ReportModel) {
        title = model.title
        runID = "\(model.runID)"
        facts = model.facts
        metricColumns = ReportModel.metricColumns
        metrics = model.metrics
        metricsSource = model.metricsSource
        limitsNote = model.limitsNote
        portfolioCharts = model.portfolioCharts.map { ChartView($0, start: model.start, end: model.end) }
        strategies = model.strategies.enumerated().map { index, section in
            StrategyView(
                anchor: "s\(index)", id: section.id, kind: section.kind, symbol: section.symbol,
                charts: section.charts.map { ChartView($0, start: model.start, end: model.end) })
        }
        let largest = model.monthly.flatMap(\.months).compactMap { $0.map(abs) }.filter(\.isFinite).max() ?? 0
        monthly = model.monthly.map { row in
            MonthlyView(
                year: row.year,
                cells: row.months.map { Self.monthCell($0, largest: largest) }
                    + [Self.monthCell(row.total, largest: max(largest, abs(row.total ?? 0)))])
        }
        trades = model.trades.map { trade in
            TradeView(
                tone: trade.pnl > 0 ? "win" : "loss", strategy: trade.strategyID, symbol: trade.symbol,
                side: trade.side.rawValue, entry: ValueText.time(trade.entryTime), exit: ValueText.time(trade.exitTime),
                entryPrice: ValueText.fixed(trade.entryPrice, 4), exitPrice: ValueText.fixed(trade.exitPrice, 4),
                quantity: ValueText.fixed(trade.quantity, 6), pnl: ValueText.fixed(trade.pnl, 2),
                returnPct: ValueText.fixed(trade.returnFraction * 100, 2), reason: trade.exitReason.rawValue)
        }
        tradesNote =
            model.tradeCount > model.trades.count
            ? "The last \(model.trades.count) of \(model.tradeCount) trades (by exit); `ballast trades` or the "
                + "journal's trades table has all of them."
            : "All \(model.tradeCount) trades, by exit."
    }

    /// A monthly cell: the return in percent on a green (gain) or red (loss) background whose
    /// strength grows with the size of the move (full for the `largest` move of the table).
    static func monthCell(_ value: Double?, largest: Double) -> Cell {
        guard let value, value.isFinite else { return Cell(text: "", style: "") }
        let alpha = largest > 0 ? min(0.75, abs(value) / largest * 0.75) : 0
        let color = value >= 0 ? "22,163,74" : "220,38,38"
        return Cell(
            text: ValueText.fixed(value * 100, 2), style: "background:rgba(\(color),\(ValueText.fixed(alpha, 2)))")
    }
}
