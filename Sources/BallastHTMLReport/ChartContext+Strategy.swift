import BallastRisk
import BallastStore
import Foundation

extension ChartContext {
    /// A strategy's three charts: exposure against `max_position_size`, daily risk used against
    /// `max_daily_risk`, and its dynamic-risk factors with every adjustment marked.
    func strategyCharts(_ strategy: ReportJournal.Strategy, index: Int, profile: RiskProfile?) -> [TimeChart] {
        let color = index + 1
        let prefix = "chart-s\(index)"
        // Exposure: the position's notional at its entry price over the portfolio equity in force.
        var exposure: [SeriesPoint] = [SeriesPoint(time: start, value: 0)]
        for position in journal.positions where position.strategyID == strategy.id {
            let notional = abs(position.quantity) * (position.entryPrice ?? 0)
            let equity = portfolioEquity(at: position.time)
            exposure.append(SeriesPoint(time: Double(position.time), value: equity > 0 ? notional / equity : 0))
        }
        exposure.append(SeriesPoint(time: end, value: exposure.last!.value))
        let exposureChart = TimeChart(
            id: "\(prefix)-exposure", title: "\(strategy.id): exposure (share of portfolio equity)", unit: .percent,
            series: [
                TimeChart.Series(name: "exposure", color: color, points: exposure, isStep: true),
                limit("max_position_size", parameters.maxPositionSize),
            ], height: 110)

        // Daily risk: approved entry fractions summed over each UTC day (SPEC §3), reset at 00:00.
        var daily: [SeriesPoint] = [SeriesPoint(time: start, value: 0)]
        var day: Int64?
        var used = 0.0
        for decision in journal.decisions where decision.strategyID == strategy.id && decision.approvedFraction > 0 {
            let decisionDay = decision.time - ((decision.time % 86_400) + 86_400) % 86_400
            if decisionDay != day {
                if let day { daily.append(SeriesPoint(time: Double(day + 86_400), value: 0)) }
                day = decisionDay
                used = 0
            }
            used += decision.approvedFraction
            daily.append(SeriesPoint(time: Double(decision.time), value: used))
        }
        if let day, Double(day + 86_400) < end { daily.append(SeriesPoint(time: Double(day + 86_400), value: 0)) }
        daily.append(SeriesPoint(time: end, value: daily.last!.value))
        var dailySeries = [TimeChart.Series(name: "daily risk used", color: color, points: daily, isStep: true)]
        if let cap = parameters.maxDailyRisk { dailySeries.append(limit("max_daily_risk", cap)) }
        if let own = profile?.maxDailyRisk {
            // The profile's own cap is in sleeve terms: drawn at the sleeve's initial share.
            var line = limit("own max_daily_risk × capital", own * strategy.capital)
            line.color = 8
            dailySeries.append(line)
        }
        let dailyChart = TimeChart(
            id: "\(prefix)-daily-risk", title: "\(strategy.id): daily risk used (portfolio terms)", unit: .percent,
            series: dailySeries, height: 110)

        // Dynamic factors over time, each adjustment marked.
        var size: [SeriesPoint] = []
        var stop: [SeriesPoint] = []
        var tier: [SeriesPoint] = []
        for record in journal.factors where record.strategyID == strategy.id {
            let time = Double(record.time)
            size.append(SeriesPoint(time: time, value: record.positionSizeFactor))
            stop.append(SeriesPoint(time: time, value: record.stopLossTightening))
            tier.append(SeriesPoint(time: time, value: record.drawdownTier.map { Double($0 + 1) } ?? 0))
        }
        let markers = journal.adjustments.filter { $0.strategyID == strategy.id }.map { adjustment in
            let tiers =
                adjustment.tierBefore != adjustment.tierAfter
                ? ", tier \(adjustment.tierBefore.map { "\($0 + 1)" } ?? "none") → \(adjustment.tierAfter.map { "\($0 + 1)" } ?? "none")"
                : ""
            return TimeChart.Marker(
                time: Double(adjustment.time),
                label: "\(ValueText.time(adjustment.time)) \(adjustment.component): \(adjustment.previousReason) → "
                    + "\(adjustment.reason)\(tiers); size × \(ValueText.fixed(adjustment.sizeFactorAfter, 2)), "
                    + "stop ÷ \(ValueText.fixed(adjustment.tighteningAfter, 2))")
        }
        let factorChart = TimeChart(
            id: "\(prefix)-factors",
            title: "\(strategy.id): dynamic risk — size ×, stop ÷, drawdown tier (1 = first, 0 = none); "
                + "\(markers.count) adjustments marked",
            unit: .factor,
            series: [
                TimeChart.Series(name: "size ×", color: color, points: size, isStep: true),
                TimeChart.Series(name: "stop ÷", color: color + 3, points: stop, isStep: true),
                TimeChart.Series(name: "tier", color: 7, points: tier, isStep: true),
            ], markers: markers, height: 110)
        return [exposureChart, dailyChart, factorChart]
    }
}
