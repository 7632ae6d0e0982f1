import BallastRisk
import BallastStore
import Foundation

/// Turns a run's journal into the report's time charts. Pure: the same journal gives the same charts.
///
/// Chart ids are made here from fixed words and strategy positions (never from user text), so
/// they are safe as element ids.
struct ChartContext {
    let journal: ReportJournal
    let parameters: RiskParameters
    let start: Double
    let end: Double
    /// The portfolio's equity snapshots, in time order (the denominator of exposures).
    let portfolio: [ReportJournal.Snapshot]

    init(journal: ReportJournal, parameters: RiskParameters, start: Double, end: Double) {
        self.journal = journal
        self.parameters = parameters
        self.start = start
        self.end = end
        portfolio = journal.snapshots.filter { $0.scope == "portfolio" }
    }

    /// A constant line over the whole range (a limit or cap).
    func limit(_ name: String, _ value: Double) -> TimeChart.Series {
        TimeChart.Series(
            name: name, color: 9, points: [.init(time: start, value: value), .init(time: end, value: value)],
            isLimit: true)
    }

    func equityChart() -> TimeChart {
        TimeChart(
            id: "chart-equity", title: "Portfolio equity", unit: .money,
            series: [
                TimeChart.Series(
                    name: "portfolio", color: 0,
                    points: portfolio.map { SeriesPoint(time: Double($0.time), value: $0.equity) })
            ], height: 200, includesZero: false)
    }

    /// Every sleeve's equity on its own scale (a sleeve is a fraction of the portfolio: drawn with
    /// it, the sleeves would be flat lines at the bottom).
    func sleevesChart() -> TimeChart {
        let series = journal.strategies.enumerated().map { index, strategy in
            TimeChart.Series(
                name: strategy.id, color: index + 1,
                points: journal.snapshots.filter { $0.scope == strategy.id }.map {
                    SeriesPoint(time: Double($0.time), value: $0.equity)
                })
        }
        return TimeChart(
            id: "chart-sleeves", title: "Equity of every sleeve", unit: .money, series: series, height: 200,
            includesZero: false)
    }

    func drawdownChart() -> TimeChart {
        TimeChart(
            id: "chart-drawdown", title: "Drawdown (underwater) of the portfolio", unit: .percent,
            series: [
                TimeChart.Series(
                    name: "portfolio drawdown", color: 0,
                    points: portfolio.map { SeriesPoint(time: Double($0.time), value: -$0.drawdown) }),
                limit("max_drawdown", -parameters.maxDrawdown),
            ], height: 140)
    }

    /// The binding limits in the order SPEC §7 lists them.
    static let bindingOrder = [
        "none", "min_fraction", "max_fraction", "strategy_daily_risk", "max_position_size", "max_daily_risk",
        "correlation", "cash", "portfolio_drawdown", "strategy_drawdown", "min_order",
    ]

    /// Decisions per time bucket (100 buckets over the run), one step line per binding limit.
    func decisionsChart() -> TimeChart {
        let buckets = 100
        var counts: [String: [Double]] = [:]
        for decision in journal.decisions {
            let bucket = MinMaxDownsampler.column(
                of: Double(decision.time), start: start, end: end, columns: buckets)
            counts[decision.bindingLimit, default: Array(repeating: 0, count: buckets)][bucket] += 1
        }
        let names =
            Self.bindingOrder.filter { counts[$0] != nil }
            + counts.keys.filter { !Self.bindingOrder.contains($0) }
            .sorted()
        let width = (end - start) / Double(buckets)
        let series = names.enumerated().map { index, name in
            var points = counts[name]!.enumerated().map {
                SeriesPoint(time: start + Double($0.offset) * width, value: $0.element)
            }
            points.append(SeriesPoint(time: end, value: points.last?.value ?? 0))
            return TimeChart.Series(name: name, color: index, points: points, isStep: true)
        }
        return TimeChart(
            id: "chart-decisions", title: "Risk decisions over time by binding limit (count per 1/100 of the run)",
            unit: .count, series: series, height: 160)
    }

    /// Exposure of each correlated group (the six groups with most decisions) at every decision
    /// that consulted the correlation hook, against its cap.
    func correlationChart() -> TimeChart {
        var groups: [String: [SeriesPoint]] = [:]
        var caps: Set<Double> = []
        for decision in journal.decisions {
            guard let group = decision.correlationGroup, let exposure = decision.correlationExposure else { continue }
            let key = group.sorted().joined(separator: ", ")
            groups[key, default: []].append(SeriesPoint(time: Double(decision.time), value: exposure))
            if let cap = decision.correlationCap { caps.insert(cap) }
        }
        let top = groups.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.key < $1.key }
            .prefix(6)
        var series = top.enumerated().map { index, entry in
            TimeChart.Series(name: "group \(entry.key)", color: index, points: entry.value)
        }
        let shownCaps = caps.isEmpty ? [parameters.maxCorrelatedExposure] : caps.sorted()
        series += shownCaps.map { limit("cap \(ValueText.chart($0, .percent))", $0) }
        return TimeChart(
            id: "chart-correlation", title: "Correlated-group exposure at each entry request, against its cap",
            unit: .percent, series: series, height: 160)
    }

    /// The portfolio equity in force at `time`: the last snapshot at or before it, else the
    /// initial equity.
    func portfolioEquity(at time: Int64) -> Double {
        var low = 0
        var high = portfolio.count
        while low < high {
            let middle = (low + high) / 2
            if portfolio[middle].time <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? journal.run.initialEquity : portfolio[low - 1].equity
    }
}
